//! SHA-256 as lower-case hex, and fingerprints of several fields at once. Used for the
//! manifest (what an archive checks), the build cache's keys and content-named files.

use sha2::{Digest, Sha256};

/// The SHA-256 of `bytes`, as 64 lower-case hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        // Writing to a String cannot fail.
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// A hash of a sequence of fields. Each field is length-prefixed, so `("ab", "c")` and
/// `("a", "bc")` differ.
#[derive(Clone, Default)]
pub struct Fingerprint(Sha256);

impl Fingerprint {
    pub fn new(domain: &str) -> Fingerprint {
        let mut f = Fingerprint(Sha256::new());
        f.add(domain.as_bytes());
        f
    }

    pub fn add(&mut self, field: &[u8]) -> &mut Self {
        self.0.update((field.len() as u64).to_le_bytes());
        self.0.update(field);
        self
    }

    pub fn add_str(&mut self, field: &str) -> &mut Self {
        self.add(field.as_bytes())
    }

    pub fn finish(&self) -> String {
        hex(&self.0.clone().finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_sha256() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn fields_are_delimited() {
        let ab_c = Fingerprint::new("t").add_str("ab").add_str("c").finish();
        let a_bc = Fingerprint::new("t").add_str("a").add_str("bc").finish();
        assert_ne!(ab_c, a_bc);
        assert_eq!(
            ab_c,
            Fingerprint::new("t").add_str("ab").add_str("c").finish()
        );
    }
}
