//! The built-in metric catalogue of SPEC §5.

/// What a metric measures and which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MetricKind {
    pub id: &'static str,
    pub name: &'static str,
    pub unit: Unit,
    /// Which way is better.
    pub direction: Direction,
}

const fn kind(id: &'static str, name: &'static str, unit: Unit, direction: Direction) -> MetricKind {
    MetricKind { id, name, unit, direction }
}

/// Every built-in metric, in the SPEC's order.
pub const BUILTIN: &[MetricKind] = &[
    kind("conversion_rate", "Conversion rate", Unit::Percent, Direction::Higher),
    kind("bounce_rate", "Bounce rate", Unit::Percent, Direction::Lower),
    kind("session_duration", "Average session duration", Unit::Seconds, Direction::Higher),
    kind("cac", "Customer acquisition cost", Unit::Currency, Direction::Lower),
    kind("aov", "Average order value", Unit::Currency, Direction::Higher),
    kind("cltv", "Customer lifetime value", Unit::Currency, Direction::Higher),
    kind("churn_rate", "Churn rate", Unit::Percent, Direction::Lower),
    kind("retention_rate", "Retention rate", Unit::Percent, Direction::Higher),
    kind("repeat_purchase_rate", "Repeat purchase rate", Unit::Percent, Direction::Higher),
    kind("nps", "Net Promoter Score", Unit::Score, Direction::Higher),
    kind("csat", "Customer satisfaction", Unit::Percent, Direction::Higher),
    kind("ces", "Customer effort score", Unit::Score, Direction::Lower),
];

/// The built-in metric with this id.
pub fn builtin(id: &str) -> Option<&'static MetricKind> {
    BUILTIN.iter().find(|k| k.id == id)
}

use crate::diagnostic::{Diagnostic, Span};
use crate::model::{Direction, MetricDefinition, Unit};

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

    /// Which way is better, as the model writes it.
    pub fn direction(&self) -> Direction {
        if self.higher_is_better {
            Direction::Higher
        } else {
            Direction::Lower
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
            unit: k.unit,
            higher_is_better: k.direction == Direction::Higher,
            description: String::new(),
        });
        let custom = custom.iter().map(|d| MetricInfo {
            id: d.id.clone(),
            name: d.name.clone(),
            unit: d.unit,
            higher_is_better: d.direction == Direction::Higher,
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
