//! Survey statistics (SPEC §11): NPS, CSAT and CES with their 95 % intervals, whether a change
//! between two periods is significant, and whether a status against a target is certain.
//!
//! Every figure is worked out from a histogram of whole scores, so it is exact and needs no
//! response kept in memory.

use statrs::distribution::{ContinuousCDF, StudentsT};

pub use crate::model::research::{Estimate, Kind};

/// The normal quantile for a two-sided 95 % interval.
pub const Z: f64 = 1.96;

/// How many responses gave each score 0–10.
pub type Histogram = [u64; 11];

/// The value and interval of `kind` from a histogram of scores; `None` without responses.
pub fn estimate(kind: Kind, scores: &Histogram) -> Option<Estimate> {
    let n: u64 = scores.iter().sum();
    if n == 0 {
        return None;
    }
    let count = |range: std::ops::RangeInclusive<usize>| -> f64 { scores[range].iter().sum::<u64>() as f64 };
    let nf = n as f64;
    Some(match kind {
        Kind::Nps => nps(n, count(9..=10) / nf, count(0..=6) / nf),
        Kind::Csat => csat(n, count(4..=5) / nf),
        Kind::Ces => {
            let mean = scores.iter().enumerate().map(|(s, c)| s as f64 * *c as f64).sum::<f64>() / nf;
            let squares = scores.iter().enumerate().map(|(s, c)| (s as f64 - mean).powi(2) * *c as f64).sum::<f64>();
            let sd = (n >= 2).then(|| (squares / (nf - 1.0)).sqrt());
            ces(n, mean, sd)
        }
    })
}

/// NPS from the shares of promoters `p` and detractors `d` among `n` responses.
pub fn nps(n: u64, p: f64, d: f64) -> Estimate {
    let value = 100.0 * (p - d);
    let se = (n >= 2).then(|| 100.0 * ((p + d - (p - d).powi(2)).max(0.0) / n as f64).sqrt());
    let interval = se.filter(|s| *s > 0.0).map(|s| ((value - Z * s).max(-100.0), (value + Z * s).min(100.0)));
    Estimate { n, value, se, interval, sd: None }
}

/// CSAT, the share `p` of `n` responses that are satisfied, with its Wilson score interval.
pub fn csat(n: u64, p: f64) -> Estimate {
    let nf = n as f64;
    let se = (n >= 2).then(|| (p * (1.0 - p) / nf).sqrt());
    let interval = se.filter(|s| *s > 0.0).map(|_| {
        let z2 = Z * Z;
        let centre = (p + z2 / (2.0 * nf)) / (1.0 + z2 / nf);
        let half = Z / (1.0 + z2 / nf) * (p * (1.0 - p) / nf + z2 / (4.0 * nf * nf)).sqrt();
        (centre - half, centre + half)
    });
    Estimate { n, value: p, se, interval, sd: None }
}

/// CES, the mean of `n` scores with sample standard deviation `sd`, with its t interval.
pub fn ces(n: u64, mean: f64, sd: Option<f64>) -> Estimate {
    let se = sd.map(|s| s / (n as f64).sqrt());
    let interval = se.filter(|s| *s > 0.0).and_then(|s| {
        let t = t_quantile(n as f64 - 1.0)?;
        Some((mean - t * s, mean + t * s))
    });
    Estimate { n, value: mean, se, interval, sd }
}

/// t(0.975, df): the two-sided 95 % quantile of Student's t distribution.
pub fn t_quantile(df: f64) -> Option<f64> {
    let t = StudentsT::new(0.0, 1.0, df).ok()?;
    let q = t.inverse_cdf(0.975);
    q.is_finite().then_some(q)
}

/// Whether the change from `before` to `after` is significant at 5 %, two-sided, by the test
/// SPEC §11 names for `kind`. A value without an interval makes no change significant.
pub fn significant(kind: Kind, before: &Estimate, after: &Estimate) -> bool {
    if before.interval.is_none() || after.interval.is_none() {
        return false;
    }
    let (Some(se1), Some(se2)) = (before.se, after.se) else { return false };
    match kind {
        Kind::Nps => (after.value - before.value).abs() > Z * (se1 * se1 + se2 * se2).sqrt(),
        Kind::Csat => two_proportion_z(before, after).is_some_and(|z| z.abs() > Z),
        Kind::Ces => welch(before, after).is_some_and(|(t, df)| t_quantile(df).is_some_and(|q| t.abs() > q)),
    }
}

/// The pooled two-proportion z statistic; `None` when the pooled share is 0 or 1.
pub fn two_proportion_z(before: &Estimate, after: &Estimate) -> Option<f64> {
    let (n1, n2) = (before.n as f64, after.n as f64);
    let pooled = (before.value * n1 + after.value * n2) / (n1 + n2);
    if pooled <= 0.0 || pooled >= 1.0 {
        return None;
    }
    Some((after.value - before.value) / (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt())
}

/// Welch's t statistic and its Welch–Satterthwaite degrees of freedom.
pub fn welch(before: &Estimate, after: &Estimate) -> Option<(f64, f64)> {
    let (s1, s2) = (before.sd?, after.sd?);
    let (n1, n2) = (before.n as f64, after.n as f64);
    let (a, b) = (s1 * s1 / n1, s2 * s2 / n2);
    if a + b <= 0.0 {
        return None;
    }
    let t = (after.value - before.value) / (a + b).sqrt();
    let df = (a + b).powi(2) / (a * a / (n1 - 1.0) + b * b / (n2 - 1.0));
    Some((t, df))
}

/// Whether the status against `target` is certain: the whole interval lies on the value's
/// side of it, an end equal to the target counting as meeting it. `false` without an interval.
pub fn status_certain(value: f64, interval: Option<(f64, f64)>, target: f64, higher_is_better: bool) -> bool {
    let Some((low, high)) = interval else { return false };
    let meets = |x: f64| if higher_is_better { x >= target } else { x <= target };
    if meets(value) {
        meets(if higher_is_better { low } else { high })
    } else {
        !meets(if higher_is_better { high } else { low })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    #[test]
    fn t_quantiles_match_published_tables() {
        // Values from standard tables (R: qt(0.975, df)).
        for (df, q) in [(1.0, 12.706204736174698), (4.0, 2.7764451051977987), (29.0, 2.0452296421327034)] {
            let got = t_quantile(df).unwrap();
            assert!((got - q).abs() < 1e-9, "df {df}: {got} vs {q}");
        }
    }

    #[test]
    fn nps_of_ten_responses() {
        // 5 promoters, 2 passives, 3 detractors: p = 0.5, d = 0.3.
        let mut h = [0; 11];
        h[10] = 5;
        h[7] = 2;
        h[3] = 3;
        let e = estimate(Kind::Nps, &h).unwrap();
        assert!(close(e.value, 20.0));
        let se = 100.0 * ((0.8f64 - 0.04) / 10.0).sqrt();
        assert!(close(e.se.unwrap(), se));
        let (lo, hi) = e.interval.unwrap();
        assert!(close(lo, 20.0 - 1.96 * se) && close(hi, 20.0 + 1.96 * se));
    }

    #[test]
    fn one_response_or_no_spread_has_no_interval() {
        let mut h = [0; 11];
        h[10] = 1;
        assert_eq!(estimate(Kind::Nps, &h).unwrap().interval, None);
        h[10] = 40;
        assert_eq!(estimate(Kind::Nps, &h).unwrap().interval, None, "all promoters: SE 0");
        assert!(!status_certain(100.0, None, 50.0, true));
    }

    #[test]
    fn certainty_counts_an_end_on_the_target_as_meeting_it() {
        assert!(status_certain(0.8, Some((0.7, 0.9)), 0.7, true));
        assert!(!status_certain(0.6, Some((0.5, 0.7)), 0.7, true));
        assert!(status_certain(0.6, Some((0.5, 0.69)), 0.7, true));
        assert!(status_certain(3.0, Some((2.5, 3.5)), 3.5, false));
        assert!(!status_certain(4.0, Some((3.5, 4.5)), 3.5, false));
    }
}
