//! Whether a metric is on track against its target.

use crate::model::MetricStatus;

/// `on_track`, `at_risk` or `off_track` (SPEC §5). `higher_is_better` gives the direction;
/// `band` is how far short of the target, as a fraction of `|target|`, still counts as at risk.
pub fn status(value: f64, target: f64, higher_is_better: bool, band: f64) -> MetricStatus {
    let shortfall = if higher_is_better { target - value } else { value - target };
    // Values that land on a boundary in decimal (0.042 against 0.04 ± 5 %) must not fall off
    // it through binary rounding.
    let slack = 1e-9 * target.abs().max(value.abs()).max(1e-12);
    if shortfall <= slack {
        MetricStatus::OnTrack
    } else if shortfall <= band * target.abs() + slack {
        MetricStatus::AtRisk
    } else {
        MetricStatus::OffTrack
    }
}

/// Position of `status` from best to worst; a metric without a target sorts before all.
pub fn rank(status: Option<MetricStatus>) -> usize {
    status.map_or(0, |s| s as usize + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_is_better() {
        assert_eq!(status(45.0, 40.0, true, 0.1), MetricStatus::OnTrack);
        assert_eq!(status(40.0, 40.0, true, 0.1), MetricStatus::OnTrack);
        assert_eq!(status(36.0, 40.0, true, 0.1), MetricStatus::AtRisk);
        assert_eq!(status(35.9, 40.0, true, 0.1), MetricStatus::OffTrack);
    }

    #[test]
    fn lower_is_better() {
        assert_eq!(status(180.0, 200.0, false, 0.1), MetricStatus::OnTrack);
        assert_eq!(status(220.0, 200.0, false, 0.1), MetricStatus::AtRisk);
        assert_eq!(status(240.0, 200.0, false, 0.1), MetricStatus::OffTrack);
    }

    #[test]
    fn boundaries_hold_despite_rounding() {
        assert_eq!(status(0.042, 0.04, false, 0.05), MetricStatus::AtRisk);
        assert_eq!(status(0.1 + 0.2, 0.3, true, 0.1), MetricStatus::OnTrack);
    }

    #[test]
    fn negative_and_zero_targets() {
        assert_eq!(status(-12.0, -10.0, true, 0.1), MetricStatus::OffTrack);
        assert_eq!(status(-10.5, -10.0, true, 0.1), MetricStatus::AtRisk);
        assert_eq!(status(0.01, 0.0, false, 0.1), MetricStatus::OffTrack);
    }

    #[test]
    fn status_is_monotone_in_value() {
        for higher in [true, false] {
            let mut last = if higher { 3 } else { 1 };
            for step in 0..=400 {
                let v = step as f64 * 0.5;
                let r = rank(Some(status(v, 100.0, higher, 0.2)));
                if higher {
                    assert!(r <= last, "higher: {v}");
                } else {
                    assert!(r >= last, "lower: {v}");
                }
                last = r;
            }
        }
    }
}
