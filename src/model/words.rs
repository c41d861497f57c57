//! The remaining closed sets of words (SPEC §2–§7) as enums: metric status, direction and
//! unit, where a metric's value came from, a note's kind, a journey's state, the calendar and
//! the slug rule. Each serialises as the word the SPEC writes, so JSON output and templates see
//! the same text as before, and each lists its words through [`Word`] for the "must be one of"
//! diagnostic.

use serde::Serialize;

use crate::model::action::Word;

/// The calendar a page's dates are written in (SPEC §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Calendar {
    #[default]
    Gregorian,
    /// Years of the Buddhist era: the Gregorian year plus 543.
    Buddhist,
}

impl Word for Calendar {
    const WORDS: &'static [(&'static str, Self)] =
        &[("gregorian", Calendar::Gregorian), ("buddhist", Calendar::Buddhist)];
}

/// Whether a metric meets its target (SPEC §5), best first so `Ord` sorts by health.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricStatus {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Word for MetricStatus {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("on_track", MetricStatus::OnTrack),
        ("at_risk", MetricStatus::AtRisk),
        ("off_track", MetricStatus::OffTrack),
    ];
}

/// Which way is better for a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    Higher,
    Lower,
}

impl Word for Direction {
    const WORDS: &'static [(&'static str, Self)] = &[("higher", Direction::Higher), ("lower", Direction::Lower)];
}

/// What a metric measures, which decides how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    Currency,
    Seconds,
    #[default]
    Count,
    Score,
    Ratio,
}

impl Word for Unit {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("percent", Unit::Percent),
        ("currency", Unit::Currency),
        ("seconds", Unit::Seconds),
        ("count", Unit::Count),
        ("score", Unit::Score),
        ("ratio", Unit::Ratio),
    ];
}

/// Where a metric's current value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueSource {
    Value,
    Inputs,
    Series,
    Derived,
    Responses,
}

/// What kind of evidence an insight note is (SPEC §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Interview,
    Survey,
    Analytics,
    #[default]
    Observation,
    Experiment,
    Quote,
    Idea,
}

impl Word for NoteKind {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("interview", NoteKind::Interview),
        ("survey", NoteKind::Survey),
        ("analytics", NoteKind::Analytics),
        ("observation", NoteKind::Observation),
        ("experiment", NoteKind::Experiment),
        ("quote", NoteKind::Quote),
        ("idea", NoteKind::Idea),
    ];
}

/// Whether a journey maps today or a planned future (SPEC §3); `Current` sorts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum JourneyState {
    #[default]
    Current,
    Future,
}

impl Word for JourneyState {
    const WORDS: &'static [(&'static str, Self)] =
        &[("current", JourneyState::Current), ("future", JourneyState::Future)];
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word list and serde agree on every word, so JSON output and diagnostics match.
    fn agrees<T: Word + PartialEq + Serialize>() {
        for (word, value) in T::WORDS {
            assert_eq!(serde_json::to_value(value).unwrap(), serde_json::json!(word));
            assert_eq!(value.as_str(), *word);
        }
    }

    #[test]
    fn words_are_serde_names() {
        agrees::<MetricStatus>();
        agrees::<Direction>();
        agrees::<Unit>();
        agrees::<NoteKind>();
        agrees::<JourneyState>();
        agrees::<Calendar>();
        agrees::<crate::model::action::Level>();
        agrees::<crate::model::action::PainStatus>();
        agrees::<crate::model::action::OpportunityStatus>();
        agrees::<crate::model::lanes::BuiltinLane>();
        agrees::<crate::model::id::Slugify>();
    }

    #[test]
    fn status_orders_best_first() {
        assert!(MetricStatus::OnTrack < MetricStatus::AtRisk && MetricStatus::AtRisk < MetricStatus::OffTrack);
        assert!(JourneyState::Current < JourneyState::Future);
    }
}
