//! The built-in metric catalogue of SPEC §5.

/// What a metric measures and which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricKind {
    pub id: &'static str,
    pub name: &'static str,
    /// One of `percent`, `currency`, `seconds`, `count`, `score`, `ratio`.
    pub unit: &'static str,
    /// `higher` or `lower`.
    pub direction: &'static str,
}

const fn kind(id: &'static str, name: &'static str, unit: &'static str, direction: &'static str) -> MetricKind {
    MetricKind { id, name, unit, direction }
}

/// Every built-in metric, in the SPEC's order.
pub const BUILTIN: &[MetricKind] = &[
    kind("conversion_rate", "Conversion rate", "percent", "higher"),
    kind("bounce_rate", "Bounce rate", "percent", "lower"),
    kind("session_duration", "Average session duration", "seconds", "higher"),
    kind("cac", "Customer acquisition cost", "currency", "lower"),
    kind("aov", "Average order value", "currency", "higher"),
    kind("cltv", "Customer lifetime value", "currency", "higher"),
    kind("churn_rate", "Churn rate", "percent", "lower"),
    kind("retention_rate", "Retention rate", "percent", "higher"),
    kind("repeat_purchase_rate", "Repeat purchase rate", "percent", "higher"),
    kind("nps", "Net Promoter Score", "score", "higher"),
    kind("csat", "Customer satisfaction", "percent", "higher"),
    kind("ces", "Customer effort score", "score", "lower"),
];

/// The built-in metric with this id.
pub fn builtin(id: &str) -> Option<&'static MetricKind> {
    BUILTIN.iter().find(|k| k.id == id)
}

use crate::diagnostic::{Diagnostic, Span};
use crate::metrics::format::Unit;
use crate::model::MetricDefinition;

/// What journeybook knows of one metric, built in or declared in `journeybook.yaml`.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricInfo {
    pub id: String,
    pub name: String,
    pub unit: Unit,
    pub higher_is_better: bool,
    pub description: String,
}

impl MetricInfo {
    /// The values this metric can take: percentages 0–1, NPS −100–100, CES 1–7, others ≥ 0.
    pub fn range(&self) -> (f64, f64) {
        match (self.id.as_str(), self.unit) {
            ("nps", _) => (-100.0, 100.0),
            ("ces", _) => (1.0, 7.0),
            (_, Unit::Percent) => (0.0, 1.0),
            (_, Unit::Score) => (f64::NEG_INFINITY, f64::INFINITY),
            _ => (0.0, f64::INFINITY),
        }
    }

    pub fn direction(&self) -> &'static str {
        if self.higher_is_better {
            "higher"
        } else {
            "lower"
        }
    }
}

/// Every metric a project may use.
#[derive(Debug, Clone)]
pub struct Catalogue {
    metrics: Vec<MetricInfo>,
}

impl Catalogue {
    /// The built-in metrics and the project's own.
    pub fn new(custom: &[MetricDefinition]) -> Self {
        let builtin = BUILTIN.iter().map(|k| MetricInfo {
            id: k.id.into(),
            name: k.name.into(),
            unit: Unit::parse(k.unit).expect("built-in units are valid"),
            higher_is_better: k.direction == "higher",
            description: String::new(),
        });
        let custom = custom.iter().map(|d| MetricInfo {
            id: d.id.clone(),
            name: d.name.clone(),
            unit: Unit::parse(d.unit).unwrap_or(Unit::Count),
            higher_is_better: d.direction == "higher",
            description: d.description.clone(),
        });
        Catalogue { metrics: builtin.chain(custom).collect() }
    }

    pub fn get(&self, id: &str) -> Option<&MetricInfo> {
        self.metrics.iter().find(|m| m.id == id)
    }

    /// The error for a metric id the catalogue does not hold.
    pub fn unknown(&self, id: &str, file: &str, at: impl Into<Span>) -> Diagnostic {
        Diagnostic::error("E061", file, at, format!("unknown metric `{id}`"))
            .suggest(id, self.metrics.iter().map(|m| m.id.as_str()))
            .with_default_help("declare it under `metrics:` in journeybook.yaml to use a metric of your own")
    }
}
