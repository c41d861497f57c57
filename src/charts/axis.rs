//! Axes people can read: round tick values in 1-2-5 steps ("nice numbers"), durations in
//! steps a clock uses, and period labels short enough to sit under every point.

use crate::metrics::format::Unit;

/// Round values for an axis, lowest first, `step` apart; the first and last enclose the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticks {
    /// The tick values, lowest first.
    pub values: Vec<f64>,
    /// The distance between two ticks, which decides how many decimals they are written with.
    pub step: f64,
}

impl Ticks {
    /// The lowest and highest tick: the range the axis spans.
    pub fn range(&self) -> (f64, f64) {
        (self.values[0], self.values[self.values.len() - 1])
    }
}

/// A 1-2-5 step (0.1, 0.2, 0.5, 1, 2, 5, 10, …) for `raw`: the nearest one, or with `up` the
/// smallest one not below it.
fn one_two_five(raw: f64, up: bool) -> f64 {
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let limits: [f64; 3] = if up { [1.0, 2.0, 5.0] } else { [1.5, 3.0, 7.0] };
    let nice =
        [1.0, 2.0, 5.0].into_iter().zip(limits).find(|(_, limit)| fraction <= limit + 1e-9).map_or(10.0, |(n, _)| n);
    nice * power
}

/// Steps a clock reads well: seconds, then minutes, then hours; 1-2-5 of hours beyond.
fn duration_step(raw: f64) -> f64 {
    const STEPS: [f64; 15] =
        [1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 900.0, 1800.0, 3600.0, 7200.0, 10800.0];
    if raw < 1.0 {
        return one_two_five(raw, true);
    }
    STEPS.iter().copied().find(|s| *s >= raw - 1e-9).unwrap_or_else(|| one_two_five(raw / 3600.0, true) * 3600.0)
}

/// About `count` round ticks that enclose `lo..=hi` for a metric in `unit`; never empty, even
/// for a single value or numbers that are not finite.
pub fn nice(lo: f64, hi: f64, count: usize, unit: Unit) -> Ticks {
    let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() { (lo.min(hi), lo.max(hi)) } else { (0.0, 1.0) };
    if hi - lo <= hi.abs().max(lo.abs()) * 1e-12 {
        // One value: centre it in a span a tenth of its size (or one unit for zero).
        let half = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo, hi) = (lo - half, hi + half);
        if unit == Unit::Percent && lo < 0.0 && hi - half >= 0.0 {
            lo = 0.0;
        }
    }
    let raw = (hi - lo) / count.max(2).saturating_sub(1) as f64;
    let mut step = if unit == Unit::Seconds { duration_step(raw) } else { one_two_five(raw, false) };
    let span = |step: f64| ((lo / step + 1e-9).floor() as i64, (hi / step - 1e-9).ceil() as i64);
    // Rounding the step down can leave too many ticks for the axis: take the next step up.
    while span(step).1 - span(step).0 > count.max(2) as i64 {
        step = if unit == Unit::Seconds { duration_step(step * 1.001) } else { one_two_five(step * 1.001, true) };
    }
    let (first, last) = span(step);
    let values = (first..=last.max(first + 1)).map(|k| k as f64 * step).collect();
    Ticks { values, step }
}

/// A period as a short label and the year it falls in, in the current language and era
/// (see [`crate::i18n::current`]): `2026-03` → (`Mar`, `2026`), `2026-Q2` → (`Q2`, `2026`),
/// `2026-W05` → (`W5`, `2026`), `2026-03-14` → (`Mar 14`, `2026`). A year alone, or anything
/// else, is its own label with no year line.
pub fn period_label(period: &str) -> (String, Option<String>) {
    let Some((year, rest)) = period.split_once('-') else {
        return (period.to_string(), None);
    };
    let number = |text: &str| text.parse::<u8>().ok();
    crate::i18n::current::with(|w| {
        let short = if let Some(q) = rest.strip_prefix('Q') {
            number(q).map(|q| crate::i18n::current::t("chart.quarter", &[("n", &q.to_string())]))
        } else if let Some(week) = rest.strip_prefix('W') {
            number(week).map(|n| crate::i18n::current::t("chart.week", &[("n", &n.to_string())]))
        } else if let Some((m, d)) = rest.split_once('-') {
            number(m).zip(number(d)).and_then(|(m, d)| w.locale.month_day(m, d))
        } else {
            number(rest).and_then(|m| w.locale.month(m))
        };
        let year = year.parse::<i32>().ok().and_then(|y| w.locale.year(y));
        match (short, year) {
            (Some(short), Some(year)) => (short, Some(year)),
            _ => (period.to_string(), None),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(lo: f64, hi: f64, unit: Unit) -> Vec<f64> {
        // Rounded so that 0.1 * 3 compares equal to 0.3.
        nice(lo, hi, 5, unit).values.iter().map(|v| (v * 1e9).round() / 1e9).collect()
    }

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(values(-6.8, 34.8, Unit::Score), vec![-10.0, 0.0, 10.0, 20.0, 30.0, 40.0]);
        assert_eq!(values(151.2, 158.9, Unit::Currency), vec![150.0, 152.0, 154.0, 156.0, 158.0, 160.0]);
        assert_eq!(values(0.058, 0.064, Unit::Percent), vec![0.058, 0.06, 0.062, 0.064]);
        assert_eq!(values(0.0, 1.0, Unit::Percent), vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]);
        assert_eq!(nice(12_000.0, 48_210.0, 5, Unit::Count).step, 10_000.0);
        for (lo, hi) in [(0.0031, 0.0047), (-250.0, 1.0e6), (3.0, 3.7), (1.0, 7.0)] {
            let t = nice(lo, hi, 5, Unit::Score);
            let mantissa = t.step / 10f64.powf(t.step.log10().floor());
            assert!([1.0, 2.0, 5.0].iter().any(|m| (m - mantissa).abs() < 1e-9), "{t:?}");
            assert!(t.range().0 <= lo && t.range().1 >= hi, "{t:?} encloses {lo}..{hi}");
            assert!((3..=7).contains(&t.values.len()), "{t:?}");
        }
    }

    #[test]
    fn durations_step_like_a_clock() {
        assert_eq!(values(70.0, 185.0, Unit::Seconds), vec![60.0, 90.0, 120.0, 150.0, 180.0, 210.0]);
        assert_eq!(nice(300.0, 2400.0, 5, Unit::Seconds).step, 600.0);
        assert_eq!(nice(0.0, 40_000.0, 5, Unit::Seconds).step, 3.0 * 3600.0);
        assert_eq!(nice(0.0, 100_000.0, 5, Unit::Seconds).step, 36_000.0);
    }

    #[test]
    fn a_single_value_or_nonsense_still_gets_an_axis() {
        let one = nice(40.0, 40.0, 5, Unit::Score);
        assert!(one.range().0 < 40.0 && one.range().1 > 40.0, "{one:?}");
        assert_eq!(values(0.0, 0.0, Unit::Count), vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(nice(f64::NAN, f64::INFINITY, 5, Unit::Count).range(), (0.0, 1.0));
        // A percent that sits at 0 % does not grow a negative axis.
        assert!(nice(0.0, 0.0, 5, Unit::Percent).range().0 >= 0.0);
    }

    #[test]
    fn periods_read_short() {
        let year = Some("2026".to_string());
        assert_eq!(period_label("2026-03"), ("Mar".to_string(), year.clone()));
        assert_eq!(period_label("2026-Q2"), ("Q2".to_string(), year.clone()));
        assert_eq!(period_label("2026-W05"), ("W5".to_string(), year.clone()));
        assert_eq!(period_label("2026-03-14"), ("Mar 14".to_string(), year));
        assert_eq!(period_label("2026"), ("2026".to_string(), None));
        assert_eq!(period_label("2026-13"), ("2026-13".to_string(), None));
    }
}
