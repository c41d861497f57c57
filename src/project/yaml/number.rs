//! Numbers as a playbook writes them: YAML 1.2 decimals, and the separated forms people type.

/// `16,000`, `16 000` or `1,234.5` without the thousands separators (`16000`, `1234.5`): the
/// digits are grouped by threes after the first group, with one separator throughout.
pub fn unseparated(text: &str) -> Option<String> {
    let t = text.trim();
    let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
    let (sign, whole) = whole.strip_prefix('-').map_or(("", whole), |w| ("-", w));
    let separator = whole.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(separator, ',' | ' ' | '\'' | '\u{a0}' | '\u{202f}') || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut groups = whole.split(separator);
    let first = groups.next()?;
    let first_ok = (1..=3).contains(&first.len()) && first.chars().all(|c| c.is_ascii_digit());
    let rest: Vec<&str> = groups.collect();
    if !first_ok || !rest.iter().all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let point = if t.contains('.') { "." } else { "" };
    Some(format!("{sign}{first}{}{point}{fraction}", rest.concat()))
}

pub(super) fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let first = t.chars().next()?;
    if !(first.is_ascii_digit() || matches!(first, '-' | '+' | '.')) {
        return None;
    }
    // Hex and octal forms of the core schema are not useful in a playbook; decimals are.
    let value: f64 = t.replace('_', "").parse().ok()?;
    value.is_finite().then_some(value)
}
