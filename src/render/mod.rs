//! Writers: one module per output format, each a pure function of the document model.

pub mod dates;
pub mod epub;
pub mod html;
pub mod markup;
pub mod pdf;
pub mod raw_html;
pub mod text;
pub mod xhtml;
