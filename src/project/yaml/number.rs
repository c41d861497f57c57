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

/// `5,5` written with a decimal comma, as `5.5`. A comma followed by three digits reads as a
/// thousands separator instead, which [`unseparated`] handles.
pub fn decimal_comma(text: &str) -> Option<String> {
    let t = text.trim();
    let (whole, fraction) = t.split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let whole_digits = whole.strip_prefix('-').unwrap_or(whole);
    (digits(whole_digits) && digits(fraction) && fraction.len() != 3).then(|| format!("{whole}.{fraction}"))
}

/// How to write `text` as a number, when it is one written with separators or a decimal comma.
pub fn number_help(text: &str) -> Option<String> {
    let separated = unseparated(text).map(|n| format!("write numbers without separators: `{n}`"));
    separated.or_else(|| decimal_comma(text).map(|n| format!("write decimals with a point: `{n}`")))
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
