//! Numbers as a person reads them: currency, percentages, durations, counts, signed deltas.

use crate::render::thousands;

/// What a metric measures, which decides how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Percent,
    Currency,
    Seconds,
    Count,
    Score,
    Ratio,
}

impl Unit {
    pub fn parse(text: &str) -> Option<Unit> {
        Some(match text {
            "percent" => Unit::Percent,
            "currency" => Unit::Currency,
            "seconds" => Unit::Seconds,
            "count" => Unit::Count,
            "score" => Unit::Score,
            "ratio" => Unit::Ratio,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Currency => "currency",
            Unit::Seconds => "seconds",
            Unit::Count => "count",
            Unit::Score => "score",
            Unit::Ratio => "ratio",
        }
    }
}

/// The symbol written before amounts in `currency`, or the code and a space.
fn currency_prefix(code: &str) -> String {
    match code {
        "USD" => "$".into(),
        "EUR" => "€".into(),
        "GBP" => "£".into(),
        "JPY" => "¥".into(),
        "INR" => "₹".into(),
        "KRW" => "₩".into(),
        "THB" => "฿".into(),
        other => format!("{other} "),
    }
}

/// A number with `decimals` places and thousands separators: `1234.5` → `1,234.50`.
fn grouped(value: f64, decimals: usize) -> String {
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = fixed.split_once('.').map_or((fixed.as_str(), ""), |(w, f)| (w, f));
    let whole: f64 = whole.parse().unwrap_or(0.0);
    let sign = if value < 0.0 && fixed.chars().any(|c| c.is_ascii_digit() && c != '0') { "−" } else { "" };
    let mut out = format!("{sign}{}", thousands(whole));
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// Up to `max` decimals, without trailing zeros: `31.7647` → `31.8` for `max = 1`, `40.0` → `40`.
fn trimmed(value: f64, max: usize) -> String {
    let s = grouped(value, max);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// A duration: `78` → `1m 18s`, `3725` → `1h 2m`, `42.4` → `42s`.
pub fn duration(seconds: f64) -> String {
    let total = seconds.abs().round() as u64;
    let sign = if seconds < 0.0 && total > 0 { "−" } else { "" };
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    let body = match (h, m, s) {
        (0, 0, s) => format!("{s}s"),
        (0, m, 0) => format!("{m}m"),
        (0, m, s) => format!("{m}m {s}s"),
        (h, 0, _) => format!("{h}h"),
        (h, m, _) => format!("{h}h {m}m"),
    };
    format!("{sign}{body}")
}

/// `value` written for its unit.
pub fn value(unit: Unit, value: f64, currency: &str) -> String {
    match unit {
        Unit::Percent => format!("{}%", trimmed(value * 100.0, 1)),
        Unit::Currency => {
            let decimals = if value.abs() >= 1000.0 || value.fract() == 0.0 { 0 } else { 2 };
            let sign = if value < 0.0 { "−" } else { "" };
            format!("{sign}{}{}", currency_prefix(currency), grouped(value.abs(), decimals))
        }
        Unit::Seconds => duration(value),
        Unit::Count => trimmed(value, 1),
        Unit::Score => trimmed(value, 1),
        Unit::Ratio => trimmed(value, 2),
    }
}

/// A signed change: percent metrics in percentage points, the others in their own unit.
pub fn delta(unit: Unit, change: f64, currency: &str) -> String {
    let sign = if change > 0.0 {
        "+"
    } else if change < 0.0 {
        "−"
    } else {
        "±"
    };
    let magnitude = change.abs();
    let body = match unit {
        Unit::Percent => format!("{} pts", trimmed(magnitude * 100.0, 1)),
        Unit::Currency => value(Unit::Currency, magnitude, currency),
        Unit::Seconds => duration(magnitude),
        _ => value(unit, magnitude, currency),
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages() {
        assert_eq!(value(Unit::Percent, 0.031, "USD"), "3.1%");
        assert_eq!(value(Unit::Percent, 0.5, "USD"), "50%");
        assert_eq!(value(Unit::Percent, 412.0 / 498.0, "USD"), "82.7%");
    }

    #[test]
    fn currency() {
        assert_eq!(value(Unit::Currency, 240.0, "EUR"), "€240");
        assert_eq!(value(Unit::Currency, 13.126760, "USD"), "$13.13");
        assert_eq!(value(Unit::Currency, 2660.0000001, "EUR"), "€2,660");
        assert_eq!(value(Unit::Currency, 1500.0, "CHF"), "CHF 1,500");
    }

    #[test]
    fn durations() {
        assert_eq!(duration(78.0), "1m 18s");
        assert_eq!(duration(42.4), "42s");
        assert_eq!(duration(120.0), "2m");
        assert_eq!(duration(3725.0), "1h 2m");
        assert_eq!(duration(7200.0), "2h");
    }

    #[test]
    fn counts_scores_and_ratios() {
        assert_eq!(value(Unit::Count, 1234567.0, "USD"), "1,234,567");
        assert_eq!(value(Unit::Score, 27000.0 / 850.0, "USD"), "31.8");
        assert_eq!(value(Unit::Score, -12.0, "USD"), "−12");
        assert_eq!(value(Unit::Ratio, 11.083, "USD"), "11.08");
    }

    #[test]
    fn deltas_are_signed() {
        assert_eq!(delta(Unit::Percent, -0.01, "USD"), "−1 pts");
        assert_eq!(delta(Unit::Percent, 0.023, "USD"), "+2.3 pts");
        assert_eq!(delta(Unit::Currency, 12.5, "EUR"), "+€12.50");
        assert_eq!(delta(Unit::Score, 0.0, "USD"), "±0");
        assert_eq!(delta(Unit::Seconds, -5.0, "USD"), "−5s");
    }
}
