//! Numbers as a person reads them: currency, percentages, durations, counts, signed deltas.

use crate::text::thousands;

pub use crate::model::words::Unit;

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

/// What a change reads as when it rounds to zero at the precision it is shown with.
pub const NO_CHANGE: &str = "no change";

/// The magnitude of a change written in its unit, without a sign.
fn magnitude(unit: Unit, change: f64, currency: &str) -> String {
    let magnitude = change.abs();
    match unit {
        Unit::Percent => format!("{} pts", trimmed(magnitude * 100.0, 1)),
        Unit::Seconds => duration(magnitude),
        _ => value(unit, magnitude, currency),
    }
}

/// Whether `change` shows as zero once rounded as [`delta`] writes it: such a change is no
/// change, neither better nor worse, so it must not be coloured or signed.
pub fn rounds_to_zero(unit: Unit, change: f64) -> bool {
    !change.is_finite() || !magnitude(unit, change, "").chars().any(|c| c.is_ascii_digit() && c != '0')
}

/// A signed change: percent metrics in percentage points, the others in their own unit;
/// [`NO_CHANGE`] when it rounds to zero, never `+0`.
pub fn delta(unit: Unit, change: f64, currency: &str) -> String {
    if rounds_to_zero(unit, change) {
        return NO_CHANGE.to_string();
    }
    let sign = if change > 0.0 { "+" } else { "−" };
    format!("{sign}{}", magnitude(unit, change, currency))
}

/// An axis tick: `value` in its unit with exactly the decimals that `step` needs, so that a
/// 0.5 step reads `1.5`, `2`, `2.5` and a 20-second step reads `1m 20s`.
pub fn tick(unit: Unit, value: f64, step: f64, currency: &str) -> String {
    // Decimals that tell ticks `step` apart: 0 for whole steps, 1 for 0.5, 2 for 0.05.
    let places = |step: f64| (-step.abs().log10() - 1e-9).ceil().clamp(0.0, 6.0) as usize;
    let value = if value.abs() < step.abs() * 1e-9 { 0.0 } else { value };
    match unit {
        Unit::Percent => format!("{}%", grouped(value * 100.0, places(step * 100.0))),
        Unit::Currency => {
            let decimals = if places(step) == 0 { 0 } else { 2 };
            let sign = if value < 0.0 { "−" } else { "" };
            format!("{sign}{}{}", currency_prefix(currency), grouped(value.abs(), decimals))
        }
        Unit::Seconds => duration(value),
        _ => grouped(value, places(step)),
    }
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
        assert_eq!(delta(Unit::Score, 0.0, "USD"), "no change");
        assert_eq!(delta(Unit::Seconds, -5.0, "USD"), "−5s");
    }

    #[test]
    fn a_change_that_rounds_to_zero_is_no_change() {
        // Percent deltas show one decimal of a point: 0.04 pts is no change, 0.05 is not.
        assert_eq!(delta(Unit::Percent, 0.0004, "USD"), "no change");
        assert_eq!(delta(Unit::Percent, -0.0004, "USD"), "no change");
        assert_eq!(delta(Unit::Percent, 0.0006, "USD"), "+0.1 pts");
        assert_eq!(delta(Unit::Currency, 0.004, "EUR"), "no change");
        assert_eq!(delta(Unit::Currency, 0.01, "EUR"), "+€0.01");
        assert_eq!(delta(Unit::Seconds, 0.4, "USD"), "no change");
        assert_eq!(delta(Unit::Score, -0.04, "USD"), "no change");
        assert_eq!(delta(Unit::Ratio, 0.004, "USD"), "no change");
        assert_eq!(delta(Unit::Ratio, 0.006, "USD"), "+0.01");
        assert!(rounds_to_zero(Unit::Percent, 0.0004));
        assert!(!rounds_to_zero(Unit::Count, 1.0));
        assert!(rounds_to_zero(Unit::Count, f64::NAN));
    }

    #[test]
    fn ticks_carry_the_unit_and_the_decimals_of_their_step() {
        assert_eq!(tick(Unit::Percent, 0.35, 0.05, "USD"), "35%");
        assert_eq!(tick(Unit::Percent, 0.035, 0.005, "USD"), "3.5%");
        assert_eq!(tick(Unit::Percent, 0.03, 0.005, "USD"), "3.0%");
        assert_eq!(tick(Unit::Currency, 154.5, 0.5, "USD"), "$154.50");
        assert_eq!(tick(Unit::Currency, 155.0, 5.0, "USD"), "$155");
        assert_eq!(tick(Unit::Currency, 1500.0, 500.0, "THB"), "฿1,500");
        assert_eq!(tick(Unit::Currency, -20.0, 10.0, "CHF"), "−CHF 20");
        assert_eq!(tick(Unit::Seconds, 90.0, 30.0, "USD"), "1m 30s");
        assert_eq!(tick(Unit::Score, -10.0, 5.0, "USD"), "−10");
        assert_eq!(tick(Unit::Score, 2.5, 0.5, "USD"), "2.5");
        assert_eq!(tick(Unit::Score, 3.0, 0.5, "USD"), "3.0");
        // A tick at zero computed as 1e-17 must not read "−0".
        assert_eq!(tick(Unit::Score, -1e-17, 10.0, "USD"), "0");
    }
}
