//! Reading the findings folio prints: rustc-style, each a block that starts with
//! `warning[folio::code]: message` and names its place on a ` --> path:line:column` line; or
//! as JSON Lines (`--format json`, `--message-format json`).

/// Every line of `stdout` as a JSON object (JSON Lines); a line that is not JSON fails the test.
pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

/// One printed finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Printed {
    pub severity: String,
    pub code: String,
    pub message: String,
    /// `path:line:column`, `path:line` or `path`, as the `-->` line gives it.
    pub place: String,
}

/// Every finding in `stderr`, in order.
pub fn printed(stderr: &str) -> Vec<Printed> {
    let mut found: Vec<Printed> = Vec::new();
    for line in stderr.lines() {
        if let Some((head, message)) = line.split_once("]: ")
            && let Some((severity, code)) = head.split_once('[')
            && matches!(severity, "warning" | "error" | "note")
        {
            found.push(Printed {
                severity: severity.to_string(),
                code: code.to_string(),
                message: message.to_string(),
                place: String::new(),
            });
        } else if let Some(place) = line.trim_start().strip_prefix("--> ")
            && let Some(last) = found.last_mut()
            && last.place.is_empty()
        {
            last.place = place.trim().to_string();
        }
    }
    found
}

/// The warnings of `stderr` whose place starts with `place` (`raw.md:3`: that line of that
/// file, any column) and whose message contains `message`.
pub fn warnings_at(stderr: &str, place: &str, message: &str) -> Vec<Printed> {
    printed(stderr)
        .into_iter()
        .filter(|p| {
            p.severity == "warning"
                && (p.place == place
                    || p.place.starts_with(&format!("{place}:"))
                    || p.place.ends_with(&format!("/{place}"))
                    || p.place.contains(&format!("/{place}:")))
                && p.message.contains(message)
        })
        .collect()
}

/// Whether `stderr` has a warning at `place` whose message contains `message`.
pub fn has_warning(stderr: &str, place: &str, message: &str) -> bool {
    !warnings_at(stderr, place, message).is_empty()
}
