//! Calendar arithmetic for the dates writers print (PDF info, EPUB metadata): seconds since
//! 1970 to a civil date and back, without a clock (builds must be reproducible).

/// Days since 1970-01-01 to a (year, month, day) date (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// Seconds since 1970 of an ISO date (`YYYY-MM-DD`, optionally followed by a time we ignore).
pub fn iso_date_seconds(date: &str) -> Option<i64> {
    let date = date.get(..10)?;
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next()?.parse().ok()?;
    let d: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (inverse of the above).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

/// The date a `<time datetime>` may carry: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` at the start of
/// `text` (before a `T`, a space or the end).
pub fn datetime_value(text: &str) -> Option<&str> {
    let date = text.split(['T', ' ']).next()?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let valid = match date.len() {
        4 => digits(date),
        7 => {
            digits(&date[..4])
                && date.as_bytes()[4] == b'-'
                && matches!(date[5..].parse::<u8>(), Ok(1..=12))
                && digits(&date[5..])
        }
        10 => iso_date_seconds(date).is_some() && date.is_char_boundary(10),
        _ => false,
    };
    valid.then_some(date)
}

/// `YYYY-MM-DDThh:mm:ssZ` (EPUB's `dcterms:modified` form) for seconds since 1970.
pub fn iso_timestamp(seconds: i64) -> String {
    let (y, m, d) = civil_from_days(seconds.div_euclid(86_400));
    let secs = seconds.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(iso_date_seconds("2024-02-29"), Some(1_709_164_800));
        assert_eq!(iso_date_seconds("nope"), None);
        assert_eq!(iso_timestamp(1_709_164_800 + 3661), "2024-02-29T01:01:01Z");
        assert_eq!(iso_timestamp(0), "1970-01-01T00:00:00Z");
        assert_eq!(datetime_value("2024-05-01 (draft)"), Some("2024-05-01"));
        assert_eq!(datetime_value("2024-05"), Some("2024-05"));
        assert_eq!(datetime_value("spring 2024"), None);
        assert_eq!(datetime_value("2024-13"), None);
    }
}
