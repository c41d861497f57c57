//! The funnel: how many customers each stage loses to the next.

/// Drop-off from each stage to the next: `1 − next/this` where both have `entered` and this
/// one is above zero; `None` for the last stage or where a count is missing.
pub fn drop_offs(entered: &[Option<u64>]) -> Vec<Option<f64>> {
    (0..entered.len())
        .map(|i| match (entered[i], entered.get(i + 1).copied().flatten()) {
            (Some(this), Some(next)) if this > 0 => Some(1.0 - next as f64 / this as f64),
            _ => None,
        })
        .collect()
}

/// The index of the largest drop-off, the first one on a tie.
pub fn largest(drop_offs: &[Option<f64>]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, d) in drop_offs.iter().enumerate() {
        if let Some(d) = *d {
            if best.is_none_or(|(_, b)| d > b) {
                best = Some((i, d));
            }
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drop_off_between_consecutive_stages() {
        let d = drop_offs(&[Some(1000), Some(250), None, Some(10), Some(5)]);
        assert_eq!(d, vec![Some(0.75), None, None, Some(0.5), None]);
        assert_eq!(largest(&d), Some(0));
    }

    #[test]
    fn no_counts_no_funnel() {
        assert_eq!(largest(&drop_offs(&[None, None])), None);
        assert_eq!(drop_offs(&[Some(0), Some(0)]), vec![None, None]);
    }
}
