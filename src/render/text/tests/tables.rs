//! Tables in plain text: grids, rows in reading order, ragged and empty tables.

use super::*;

// ----- tables ------------------------------------------------------------------------------

#[test]
fn narrow_table_is_an_aligned_grid() {
    let d = doc(vec![table(
        vec![Align::Left, Align::Right, Align::Center],
        &["Name", "Dose", "When"],
        &[&["Tylenol", "500mg", "x"], &["Ibuprofène", "2g", "night"]],
    )]);
    assert_eq!(
        at(&d, 72),
        "Name       |  Dose | When\n\
         -----------+-------+------\n\
         Tylenol    | 500mg |   x\n\
         Ibuprofène |    2g | night\n"
    );
}

#[test]
fn wide_table_prints_rows_in_reading_order() {
    let d = doc(vec![table(
        vec![],
        &["Drug", "Instructions"],
        &[
            &["Ibuprofen", "Take one tablet every six hours with food"],
            &["Aspirin", "Daily"],
        ],
    )]);
    assert_eq!(
        at(&d, 30),
        "Drug | Instructions\n\
         ===================\n\
         Ibuprofen | Take one tablet\n\
         \x20 every six hours with food\n\
         \n\
         Aspirin | Daily\n"
    );
}

#[test]
fn ragged_wide_table_keeps_every_cell() {
    let d = doc(vec![table(
        vec![],
        &["Name", "Dose", "When", "Notes"],
        &[
            &["Tylenol", "500 mg", "morning", "with a full glass of water"],
            &["Advil", "", "night", "", "x"],
        ],
    )]);
    assert_eq!(
        at(&d, 20),
        "Name | Dose | When |\n\
         \x20 Notes |\n\
         ====================\n\
         Tylenol | 500 mg |\n\
         \x20 morning | with a\n\
         \x20 full glass of\n\
         \x20 water |\n\
         \n\
         Advil | | night | |\n\
         \x20 x\n"
    );
}

#[test]
fn empty_tables_render_nothing() {
    let d = doc(vec![
        table(vec![], &[], &[]),
        table(vec![Align::Left, Align::Center], &[], &[]),
        table(vec![], &["", ""], &[&["", ""]]),
        p("after"),
    ]);
    assert_eq!(at(&d, 72), "after\n");
}

#[test]
fn header_only_table_and_ragged_rows() {
    let d = doc(vec![table(
        vec![],
        &["A", "B"],
        &[&["1"], &["2", "3", "4"]],
    )]);
    assert_eq!(at(&d, 72), "A | B |\n--+---+--\n1 |   |\n2 | 3 | 4\n");
}
