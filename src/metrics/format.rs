//! Numbers as a person reads them: currency, percentages, durations, counts, signed deltas.

use crate::text::{group_digits, Fixed};

pub use crate::model::words::Unit;

/// The symbol written before amounts in `currency`, or the code and a space.
pub fn currency_symbol(code: &str) -> String {
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
    let fixed = Fixed(value.abs(), decimals).to_string();
    let (whole, fraction) = fixed.split_once('.').map_or((fixed.as_str(), ""), |(w, f)| (w, f));
    let mut out = String::with_capacity(fixed.len() + whole.len() / 3);
    group_digits(whole, &mut out);
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

/// Which sign a shown amount carries: a change is always signed, a value only when negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sign {
    Plain,
    Plus,
    Minus,
}

impl Sign {
    /// The sign's character, `−` (U+2212) for minus; nothing for [`Sign::Plain`].
    pub fn symbol(self) -> &'static str {
        match self {
            Sign::Plain => "",
            Sign::Plus => "+",
            Sign::Minus => "−",
        }
    }
}

/// A magnitude already rounded to the decimals it is shown with.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// Never negative: the sign is kept apart, so every language can place its own.
    pub magnitude: f64,
    pub decimals: u8,
}

impl Figure {
    /// Zero, without decimals.
    pub const ZERO: Figure = Figure { magnitude: 0.0, decimals: 0 };

    /// `value`'s magnitude with exactly `decimals` places: `3.0` stays `3.0`.
    fn fixed(value: f64, decimals: usize) -> Figure {
        let text = Fixed(value.abs(), decimals).to_string();
        Figure { magnitude: text.parse().unwrap_or(0.0), decimals: decimals.min(255) as u8 }
    }

    /// Up to `max` decimals, without trailing zeros: `31.7647` → `31.8` for `max = 1`, `40.0` → `40`.
    fn trimmed(value: f64, max: usize) -> Figure {
        let text = Fixed(value.abs(), max).to_string();
        let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
        let decimals = text.split_once('.').map_or(0, |(_, f)| f.len());
        Figure { magnitude: text.parse().unwrap_or(0.0), decimals: decimals as u8 }
    }

    /// Whether the figure shows a digit other than zero.
    pub fn is_zero(self) -> bool {
        self.magnitude == 0.0
    }
}

/// A part of a span of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeUnit {
    Day,
    Hour,
    Minute,
    Second,
}

/// How a span of time is written: metric values and ticks briefly (`1m 18s`), the times
/// between stages of an event log spaced (`3 h 20 min`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Brief,
    Spaced,
}

/// What an amount is, without its sign: the structure every language words its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Amount {
    /// A count, score or ratio.
    Number(Figure),
    /// A share, already multiplied by 100.
    Percent(Figure),
    /// A difference of shares, in percentage points.
    Points(Figure),
    /// Money in the ISO 4217 currency `code`.
    Money { code: String, figure: Figure },
    /// A span of time in its largest parts, largest first.
    Duration { parts: Vec<(TimeUnit, u64)>, style: Style },
}

/// An amount with its sign, ready to be worded: `Display` writes it in English.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    pub sign: Sign,
    pub amount: Amount,
}

/// A change between two values as it is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// The change rounds to zero at the precision it is shown with.
    NoChange,
    /// A signed change (`Sign::Plus` or `Sign::Minus`).
    By(Shown),
}

/// The English words of a span's part in `style`: `3m`, `3 min`.
fn english_part(unit: TimeUnit, n: u64, style: Style) -> String {
    match (style, unit) {
        (Style::Brief, TimeUnit::Day) => format!("{n}d"),
        (Style::Brief, TimeUnit::Hour) => format!("{n}h"),
        (Style::Brief, TimeUnit::Minute) => format!("{n}m"),
        (Style::Brief, TimeUnit::Second) => format!("{n}s"),
        (Style::Spaced, TimeUnit::Day) => format!("{n} d"),
        (Style::Spaced, TimeUnit::Hour) => format!("{n} h"),
        (Style::Spaced, TimeUnit::Minute) => format!("{n} min"),
        (Style::Spaced, TimeUnit::Second) => format!("{n} s"),
    }
}

impl std::fmt::Display for Amount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let number = |g: &Figure| grouped(g.magnitude, usize::from(g.decimals));
        match self {
            Amount::Number(g) => f.write_str(&number(g)),
            Amount::Percent(g) => write!(f, "{}%", number(g)),
            Amount::Points(g) => write!(f, "{} pts", number(g)),
            Amount::Money { code, figure } => write!(f, "{}{}", currency_symbol(code), number(figure)),
            Amount::Duration { parts, style } => {
                let words: Vec<String> = parts.iter().map(|(u, n)| english_part(*u, *n, *style)).collect();
                f.write_str(&words.join(" "))
            }
        }
    }
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.sign.symbol(), self.amount)
    }
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Change::NoChange => f.write_str("no change"),
            Change::By(shown) => shown.fmt(f),
        }
    }
}

/// `Minus` for a negative value that shows a digit other than zero.
fn sign_of(value: f64, figure: Figure) -> Sign {
    if value < 0.0 && !figure.is_zero() {
        Sign::Minus
    } else {
        Sign::Plain
    }
}

/// A span of time in its two largest parts: `78` → `1m 18s`, `3725` → `1h 2m`, `42.4` → `42s`.
pub fn span(seconds: f64) -> Shown {
    let total = seconds.abs().round() as u64;
    let sign = if seconds < 0.0 && total > 0 { Sign::Minus } else { Sign::Plain };
    let (h, m, s) = (total / 3600, total % 3600 / 60, total % 60);
    let parts = match (h, m, s) {
        (0, 0, s) => vec![(TimeUnit::Second, s)],
        (0, m, 0) => vec![(TimeUnit::Minute, m)],
        (0, m, s) => vec![(TimeUnit::Minute, m), (TimeUnit::Second, s)],
        (h, 0, _) => vec![(TimeUnit::Hour, h)],
        (h, m, _) => vec![(TimeUnit::Hour, h), (TimeUnit::Minute, m)],
    };
    Shown { sign, amount: Amount::Duration { parts, style: Style::Brief } }
}

/// A time between events, never negative, to the minute once it passes one, in the two
/// largest parts: `45 s`, `12 min`, `3 h 20 min`, `2 d 4 h`.
pub fn elapsed(seconds: i64) -> Shown {
    let s = seconds.max(0).unsigned_abs();
    let (d, h, m) = (s / 86_400, s % 86_400 / 3_600, s % 3_600 / 60);
    let parts = match s {
        0..60 => vec![(TimeUnit::Second, s)],
        60..3_600 => vec![(TimeUnit::Minute, m)],
        3_600..86_400 if m == 0 => vec![(TimeUnit::Hour, h)],
        3_600..86_400 => vec![(TimeUnit::Hour, h), (TimeUnit::Minute, m)],
        _ if h == 0 => vec![(TimeUnit::Day, d)],
        _ => vec![(TimeUnit::Day, d), (TimeUnit::Hour, h)],
    };
    Shown { sign: Sign::Plain, amount: Amount::Duration { parts, style: Style::Spaced } }
}

/// `value` as its unit shows it.
pub fn amount(unit: Unit, value: f64, currency: &str) -> Shown {
    let plain = |figure: Figure, amount: Amount| Shown { sign: sign_of(value, figure), amount };
    match unit {
        Unit::Percent => {
            let g = Figure::trimmed(value * 100.0, 1);
            plain(g, Amount::Percent(g))
        }
        Unit::Currency => {
            let decimals = if value.abs() >= 1000.0 || value.fract() == 0.0 { 0 } else { 2 };
            let figure = Figure::fixed(value, decimals);
            let sign = if value < 0.0 { Sign::Minus } else { Sign::Plain };
            Shown { sign, amount: Amount::Money { code: currency.to_string(), figure } }
        }
        Unit::Seconds => span(value),
        Unit::Count | Unit::Score => {
            let g = Figure::trimmed(value, 1);
            plain(g, Amount::Number(g))
        }
        Unit::Ratio => {
            let g = Figure::trimmed(value, 2);
            plain(g, Amount::Number(g))
        }
    }
}

/// `value` written for its unit, in English.
pub fn value(unit: Unit, value: f64, currency: &str) -> String {
    amount(unit, value, currency).to_string()
}

/// A duration in English: `78` → `1m 18s`.
pub fn duration(seconds: f64) -> String {
    span(seconds).to_string()
}

/// The magnitude of a change in its unit, without a sign: percent metrics in points.
fn magnitude(unit: Unit, change: f64, currency: &str) -> Amount {
    let magnitude = change.abs();
    match unit {
        Unit::Percent => Amount::Points(Figure::trimmed(magnitude * 100.0, 1)),
        _ => amount(unit, magnitude, currency).amount,
    }
}

/// Whether an amount shows only zeros.
fn shows_zero(amount: &Amount) -> bool {
    match amount {
        Amount::Number(g) | Amount::Percent(g) | Amount::Points(g) | Amount::Money { figure: g, .. } => g.is_zero(),
        Amount::Duration { parts, .. } => parts.iter().all(|(_, n)| *n == 0),
    }
}

/// Whether `change` shows as zero once rounded as [`change`] writes it: such a change is no
/// change, neither better nor worse, so it must not be coloured or signed.
pub fn rounds_to_zero(unit: Unit, change: f64) -> bool {
    !change.is_finite() || shows_zero(&magnitude(unit, change, ""))
}

/// A signed change: percent metrics in percentage points, the others in their own unit;
/// [`Change::NoChange`] when it rounds to zero, never `+0`.
pub fn change(unit: Unit, change: f64, currency: &str) -> Change {
    if rounds_to_zero(unit, change) {
        return Change::NoChange;
    }
    let sign = if change > 0.0 { Sign::Plus } else { Sign::Minus };
    Change::By(Shown { sign, amount: magnitude(unit, change, currency) })
}

/// A signed change in English.
pub fn delta(unit: Unit, change: f64, currency: &str) -> String {
    self::change(unit, change, currency).to_string()
}

/// Half an interval's width, unsigned (`6.2`, `4.1 pts`); `None` when it rounds to zero.
pub fn margin(unit: Unit, margin: f64, currency: &str) -> Option<Amount> {
    match change(unit, margin, currency) {
        Change::By(shown) if shown.sign == Sign::Plus => Some(shown.amount),
        _ => None,
    }
}

/// An axis tick: `value` in its unit with exactly the decimals that `step` needs, so that a
/// 0.5 step reads `1.5`, `2`, `2.5` and a 20-second step reads `1m 20s`.
pub fn tick_amount(unit: Unit, value: f64, step: f64, currency: &str) -> Shown {
    // Decimals that tell ticks `step` apart: 0 for whole steps, 1 for 0.5, 2 for 0.05.
    let places = |step: f64| (-step.abs().log10() - 1e-9).ceil().clamp(0.0, 6.0) as usize;
    let value = if value.abs() < step.abs() * 1e-9 { 0.0 } else { value };
    let plain = |figure: Figure, amount: Amount| Shown { sign: sign_of(value, figure), amount };
    match unit {
        Unit::Percent => {
            let g = Figure::fixed(value * 100.0, places(step * 100.0));
            plain(g, Amount::Percent(g))
        }
        Unit::Currency => {
            let decimals = if places(step) == 0 { 0 } else { 2 };
            let figure = Figure::fixed(value, decimals);
            let sign = if value < 0.0 { Sign::Minus } else { Sign::Plain };
            Shown { sign, amount: Amount::Money { code: currency.to_string(), figure } }
        }
        Unit::Seconds => span(value),
        _ => {
            let g = Figure::fixed(value, places(step));
            plain(g, Amount::Number(g))
        }
    }
}

/// An axis tick in English.
pub fn tick(unit: Unit, value: f64, step: f64, currency: &str) -> String {
    tick_amount(unit, value, step, currency).to_string()
}

#[cfg(test)]
mod tests;
