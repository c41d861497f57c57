//! Identifiers (SPEC §8): checking explicit ones and deriving them from names.

/// The longest id allowed.
pub const MAX_LEN: usize = 64;

/// True when `id` is 1–64 characters of `a-z`, `0-9` and `-`, starting with a letter or digit.
pub fn is_valid(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_LEN
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
}

/// Lowercases ASCII letters and turns every run of other characters into one `-`, trimmed.
/// `None` when nothing is left, as for a name in a non-Latin script.
pub fn derive(name: &str) -> Option<String> {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(MAX_LEN);
    let trimmed = out.trim_end_matches('-');
    (!trimmed.is_empty()).then(|| trimmed.to_string())
}

/// What is wrong with an explicit id, in words, for the error message.
pub fn explain(id: &str) -> String {
    if id.is_empty() {
        "it is empty".into()
    } else if id.len() > MAX_LEN {
        format!("it is {} characters long; the limit is {MAX_LEN}", id.len())
    } else if id.starts_with('-') {
        "it starts with `-`".into()
    } else if !id.is_ascii() {
        "it contains letters outside a-z; use only a-z, 0-9 and -".into()
    } else {
        let mut bad: Vec<char> = Vec::new();
        for c in id.chars().filter(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')) {
            if !bad.contains(&c) {
                bad.push(c);
            }
        }
        let shown: Vec<String> =
            bad.iter().take(4).map(|c| if *c == ' ' { "a space".into() } else { format!("`{c}`") }).collect();
        format!("it contains {}; use only a-z, 0-9 and -", shown.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_from_names() {
        assert_eq!(derive("Awareness").as_deref(), Some("awareness"));
        assert_eq!(derive("  Sign-up & first order! ").as_deref(), Some("sign-up-first-order"));
        assert_eq!(derive("Café crème").as_deref(), Some("caf-cr-me"));
        assert_eq!(derive("การรับรู้"), None);
        assert_eq!(derive("---"), None);
        assert_eq!(derive(&"a ".repeat(100)).unwrap().len(), 63);
    }

    #[test]
    fn derived_ids_are_valid() {
        for name in ["A", "x--y", "Über 2024", "1st stage", &"long name ".repeat(20)] {
            assert!(is_valid(&derive(name).unwrap()), "{name}");
        }
    }

    #[test]
    fn rejects_paths_and_capitals() {
        for bad in ["../../x", "A", "", "-a", "a/b", "a b", &"a".repeat(65)] {
            assert!(!is_valid(bad), "{bad}");
        }
        assert!(is_valid("stage-1"));
        assert_eq!(explain("../../x"), "it contains `.`, `/`; use only a-z, 0-9 and -");
        assert_eq!(explain("Upper Case"), "it contains `U`, a space, `C`; use only a-z, 0-9 and -");
    }
}
