//! What can stop an EPUB from being made.

#[derive(Debug, thiserror::Error)]
pub enum EpubError {
    #[error("cannot package the EPUB: {0}")]
    Package(String),
}
