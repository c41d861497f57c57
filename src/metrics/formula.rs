//! How each built-in metric is derived from raw inputs (SPEC §5).

/// Why inputs could not give a value.
#[derive(Debug, Clone, PartialEq)]
pub enum FormulaError {
    /// These inputs are needed and missing; `choices` lists every accepted set.
    Missing { missing: Vec<&'static str>, choices: Vec<&'static [&'static str]> },
    /// This input is not used by any formula of the metric.
    Unknown { name: String, known: Vec<&'static str> },
    /// The named input is zero and divides.
    DivisionByZero(&'static str),
    /// The metric has no formula; give `value` or `series`.
    NoFormula,
    /// The inputs are so large that the result overflows.
    TooLarge,
}

/// The input sets each built-in metric can be derived from.
pub fn formulas(id: &str) -> &'static [&'static [&'static str]] {
    match id {
        "conversion_rate" => &[&["conversions", "visitors"]],
        "bounce_rate" => &[&["bounces", "sessions"]],
        "session_duration" => &[&["total_seconds", "sessions"]],
        "cac" => &[&["spend", "new_customers"]],
        "aov" => &[&["revenue", "orders"]],
        "cltv" => &[&["aov", "purchase_frequency", "lifespan_years"], &["arpu", "gross_margin", "churn_rate"]],
        "churn_rate" => &[&["customers_lost", "customers_start"]],
        "retention_rate" => &[&["customers_retained", "customers_start"]],
        "repeat_purchase_rate" => &[&["repeat_customers", "customers"]],
        "nps" => &[&["promoters", "passives", "detractors"]],
        "csat" => &[&["satisfied", "responses"]],
        _ => &[],
    }
}

/// Derives metric `id` from `inputs` (name → value; all already checked non-negative). The
/// result is always finite.
pub fn derive(id: &str, inputs: &[(&str, f64)]) -> Result<f64, FormulaError> {
    let value = derive_unchecked(id, inputs)?;
    if value.is_finite() {
        Ok(value)
    } else {
        Err(FormulaError::TooLarge)
    }
}

fn derive_unchecked(id: &str, inputs: &[(&str, f64)]) -> Result<f64, FormulaError> {
    let sets = formulas(id);
    if sets.is_empty() {
        return Err(FormulaError::NoFormula);
    }
    let known: Vec<&'static str> = sets.iter().flat_map(|s| s.iter().copied()).collect();
    if let Some((name, _)) = inputs.iter().find(|(n, _)| !known.contains(n)) {
        return Err(FormulaError::Unknown { name: name.to_string(), known });
    }
    let get = |name: &str| inputs.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    // The first set that is complete wins; else report what the closest set lacks.
    let Some(set) = sets.iter().find(|s| s.iter().all(|n| get(n).is_some())) else {
        let closest = sets.iter().max_by_key(|s| s.iter().filter(|n| get(n).is_some()).count()).expect("non-empty");
        let missing = closest.iter().copied().filter(|n| get(n).is_none()).collect();
        return Err(FormulaError::Missing { missing, choices: sets.to_vec() });
    };
    let v = |name: &str| get(name).expect("complete set");
    let ratio = |num: &str, den: &'static str| {
        if v(den) == 0.0 {
            Err(FormulaError::DivisionByZero(den))
        } else {
            Ok(v(num) / v(den))
        }
    };
    match (id, set[0]) {
        ("conversion_rate", _) => ratio("conversions", "visitors"),
        ("bounce_rate", _) => ratio("bounces", "sessions"),
        ("session_duration", _) => ratio("total_seconds", "sessions"),
        ("cac", _) => ratio("spend", "new_customers"),
        ("aov", _) => ratio("revenue", "orders"),
        ("cltv", "aov") => Ok(v("aov") * v("purchase_frequency") * v("lifespan_years")),
        ("cltv", _) => {
            if v("churn_rate") == 0.0 {
                return Err(FormulaError::DivisionByZero("churn_rate"));
            }
            Ok(v("arpu") * v("gross_margin") / v("churn_rate"))
        }
        ("churn_rate", _) => ratio("customers_lost", "customers_start"),
        ("retention_rate", _) => ratio("customers_retained", "customers_start"),
        ("repeat_purchase_rate", _) => ratio("repeat_customers", "customers"),
        ("nps", _) => {
            let total = v("promoters") + v("passives") + v("detractors");
            if total == 0.0 {
                return Err(FormulaError::DivisionByZero("promoters + passives + detractors"));
            }
            Ok(100.0 * (v("promoters") - v("detractors")) / total)
        }
        ("csat", _) => ratio("satisfied", "responses"),
        _ => Err(FormulaError::NoFormula),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(id: &str, inputs: &[(&str, f64)]) -> f64 {
        derive(id, inputs).unwrap()
    }

    #[test]
    fn hand_computed_values() {
        assert_eq!(d("conversion_rate", &[("visitors", 120000.0), ("conversions", 3720.0)]), 0.031);
        assert_eq!(d("bounce_rate", &[("bounces", 61200.0), ("sessions", 120000.0)]), 0.51);
        assert_eq!(d("session_duration", &[("total_seconds", 1107600.0), ("sessions", 14200.0)]), 78.0);
        assert_eq!(d("cac", &[("spend", 84000.0), ("new_customers", 350.0)]), 240.0);
        assert_eq!(d("aov", &[("revenue", 186400.0), ("orders", 14200.0)]), 186400.0 / 14200.0);
        assert_eq!(d("cltv", &[("aov", 40.0), ("purchase_frequency", 12.0), ("lifespan_years", 3.0)]), 1440.0);
        // 1140 × 0.42 / 0.18 = 2660
        assert!((d("cltv", &[("arpu", 1140.0), ("gross_margin", 0.42), ("churn_rate", 0.18)]) - 2660.0).abs() < 1e-9);
        assert_eq!(d("churn_rate", &[("customers_lost", 85.0), ("customers_start", 470.0)]), 85.0 / 470.0);
        assert_eq!(d("retention_rate", &[("customers_retained", 385.0), ("customers_start", 470.0)]), 385.0 / 470.0);
        assert_eq!(d("repeat_purchase_rate", &[("repeat_customers", 430.0), ("customers", 500.0)]), 0.86);
        // 100 × (410 − 140) / 850 = 31.7647…
        assert_eq!(d("nps", &[("promoters", 410.0), ("passives", 300.0), ("detractors", 140.0)]), 27000.0 / 850.0);
        assert_eq!(d("csat", &[("satisfied", 412.0), ("responses", 498.0)]), 412.0 / 498.0);
    }

    #[test]
    fn zero_denominators_are_named() {
        assert_eq!(
            derive("cac", &[("spend", 10.0), ("new_customers", 0.0)]),
            Err(FormulaError::DivisionByZero("new_customers"))
        );
        assert!(matches!(
            derive("nps", &[("promoters", 0.0), ("passives", 0.0), ("detractors", 0.0)]),
            Err(FormulaError::DivisionByZero(_))
        ));
    }

    #[test]
    fn missing_and_unknown_inputs() {
        let e = derive("nps", &[("promoters", 1.0), ("detractors", 1.0)]).unwrap_err();
        assert!(matches!(e, FormulaError::Missing { ref missing, .. } if missing == &vec!["passives"]));
        let e = derive("cac", &[("spend", 1.0), ("customers", 1.0)]).unwrap_err();
        assert!(matches!(e, FormulaError::Unknown { ref name, .. } if name == "customers"));
        assert_eq!(derive("ces", &[("x", 1.0)]), Err(FormulaError::NoFormula));
    }

    #[test]
    fn overflow_is_an_error_not_nan() {
        let huge = [("aov", 1e300), ("purchase_frequency", 1e300), ("lifespan_years", 0.0)];
        assert_eq!(derive("cltv", &huge), Err(FormulaError::TooLarge));
        assert_eq!(derive("cac", &[("spend", 1e300), ("new_customers", 1e-300)]), Err(FormulaError::TooLarge));
    }

    #[test]
    fn cltv_picks_whichever_formula_is_complete() {
        let e = derive("cltv", &[("arpu", 1.0), ("gross_margin", 0.5)]).unwrap_err();
        assert!(matches!(e, FormulaError::Missing { ref missing, .. } if missing == &vec!["churn_rate"]));
    }
}
