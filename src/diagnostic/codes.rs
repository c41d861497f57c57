//! Every diagnostic code journeybook knows, with its severity and meaning: the one list from
//! which the README's table and `journeybook explain` are made. A test checks that each code
//! the sources emit is here, and that each code here is emitted unless marked otherwise.

use super::Severity;

/// Whether a code can be reported by this version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Reported where its problem is found.
    Emitted,
    /// Reserved by the contract for a rule this version does not check yet.
    NotYetEmitted,
    /// No longer reported; kept so that its number is never reused.
    Retired,
}

/// One diagnostic code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// `E0xx` for errors, `W0xx` for warnings.
    pub code: &'static str,
    pub severity: Severity,
    /// One line, as the README's table shows it (Markdown).
    pub meaning: &'static str,
    /// A longer explanation with an example fix, where one helps.
    pub explanation: Option<&'static str>,
    pub status: Status,
}

impl Code {
    const fn error(code: &'static str, meaning: &'static str) -> Code {
        Code { code, severity: Severity::Error, meaning, explanation: None, status: Status::Emitted }
    }

    const fn warning(code: &'static str, meaning: &'static str) -> Code {
        Code { severity: Severity::Warning, ..Code::error(code, meaning) }
    }

    const fn explained(self, text: &'static str) -> Code {
        Code { explanation: Some(text), ..self }
    }

    // Every code of the contract is reported today; this marks the next one reserved first.
    #[allow(dead_code)]
    const fn not_yet_emitted(self) -> Code {
        Code { status: Status::NotYetEmitted, ..self }
    }

    const fn retired(self) -> Code {
        Code { status: Status::Retired, ..self }
    }
}

mod list;
pub use list::CODES;

/// The registered code `code` (case does not matter).
pub fn find(code: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.code.eq_ignore_ascii_case(code.trim()))
}

/// The registered code nearest to a misspelt one, for "did you mean".
pub fn nearest(code: &str) -> Option<&'static str> {
    crate::suggest::nearest(&code.trim().to_ascii_uppercase(), CODES.iter().map(|c| c.code))
}

/// The README's table of codes: every code a user can meet, retired ones included.
pub fn markdown_table() -> String {
    let mut table = String::from("| code | meaning |\n|---|---|\n");
    for c in CODES.iter().filter(|c| c.status != Status::NotYetEmitted) {
        table.push_str(&format!("| {} | {} |\n", c.code, c.meaning));
    }
    table
}

/// What `journeybook explain CODE` prints.
pub fn explain(c: &Code) -> String {
    let severity = match c.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let status = match c.status {
        Status::Emitted => "",
        Status::NotYetEmitted => "; not reported by this version yet",
        Status::Retired => "; retired",
    };
    let mut text = format!("{} ({severity}{status}): {}\n", c.code, c.meaning);
    if let Some(more) = c.explanation {
        text.push('\n');
        text.push_str(more.trim_end());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sorted_unique_and_prefixed_by_severity() {
        for pair in CODES.windows(2) {
            assert!(pair[0].code < pair[1].code, "{} before {}", pair[0].code, pair[1].code);
        }
        for c in CODES {
            let prefix = if c.severity == Severity::Error { 'E' } else { 'W' };
            assert!(c.code.starts_with(prefix) && c.code.len() == 4, "{}", c.code);
            assert!(!c.meaning.contains('\n') && !c.meaning.contains('|'), "{}", c.code);
        }
    }

    #[test]
    fn lookups_ignore_case_and_suggest_the_nearest() {
        assert_eq!(find("e040").map(|c| c.code), Some("E040"));
        assert_eq!(find("E999"), None);
        assert_eq!(nearest("E04"), Some("E040"));
        assert_eq!(nearest("w10"), Some("W010"));
    }

    #[test]
    fn explain_names_severity_status_and_the_longer_text() {
        let text = explain(find("E102").unwrap());
        assert!(text.starts_with("E102 (error; retired): no longer reported"), "{text}");
        let text = explain(find("E040").unwrap());
        assert!(text.starts_with("E040 (error): a journey names a persona"), "{text}");
        assert!(text.contains("persona: office-manager"), "{text}");
    }

    #[test]
    fn the_table_leaves_out_codes_not_reported_yet() {
        let table = markdown_table();
        assert!(table.contains("| E102 | no longer reported"));
        for code in CODES {
            let row = format!("| {} |", code.code);
            assert_eq!(table.contains(&row), code.status != Status::NotYetEmitted, "{}", code.code);
        }
    }
}
