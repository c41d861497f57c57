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
