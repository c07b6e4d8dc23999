//! What a handout says about itself, written twice: into the Info dictionary and into the
//! XMP packet.

/// Document metadata, as it should appear in the PDF.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: String,
    /// The Info dictionary's author: the creators, joined.
    pub author: String,
    /// Who made it, one by one (XMP's `dc:creator`).
    pub creators: Vec<String>,
    pub subject: String,
    pub keywords: Vec<String>,
    /// BCP 47 language tag.
    pub language: String,
    /// Creation date as seconds since 1970 (UTC); none: no date is written.
    pub created: Option<i64>,
}
