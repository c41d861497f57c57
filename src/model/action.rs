//! Evidence and action (SPEC §10): pain points and opportunities as records with ids, their
//! closed sets of words, and the priority that orders opportunities.

use serde::Serialize;

use crate::diagnostic::Pos;
use crate::model::period::Period;
use crate::model::Spanned;
use crate::model::{Journey, Number, Stage};

/// A closed set of words written in YAML; the parser lists `WORDS` when a value is not one.
pub trait Word: Copy + 'static {
    /// Every word and its value, in the order the error message and pages list them.
    const WORDS: &'static [(&'static str, Self)];

    /// The word as written in YAML and shown on pages.
    fn as_str(self) -> &'static str
    where
        Self: PartialEq,
    {
        Self::WORDS.iter().find(|(_, v)| *v == self).map_or("", |(w, _)| w)
    }

    /// Every word, in order, for "must be one of" messages.
    fn words() -> Vec<&'static str> {
        Self::WORDS.iter().map(|(w, _)| *w).collect()
    }

    /// The value written as `text`, if it is one of the words.
    fn parse(text: &str) -> Option<Self> {
        Self::WORDS.iter().find(|(w, _)| *w == text).map(|(_, v)| *v)
    }
}

/// Severity, impact and effort: low, medium or high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Low,
    #[default]
    Medium,
    High,
}

impl Word for Level {
    const WORDS: &'static [(&'static str, Self)] =
        &[("low", Level::Low), ("medium", Level::Medium), ("high", Level::High)];
}

impl Level {
    /// The level as a number for `impact / effort`: low 1, medium 2, high 3.
    pub fn score(self) -> f64 {
        match self {
            Level::Low => 1.0,
            Level::Medium => 2.0,
            Level::High => 3.0,
        }
    }
}

/// Where a pain point stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PainStatus {
    #[default]
    Open,
    Mitigated,
    Resolved,
}

impl Word for PainStatus {
    const WORDS: &'static [(&'static str, Self)] =
        &[("open", PainStatus::Open), ("mitigated", PainStatus::Mitigated), ("resolved", PainStatus::Resolved)];
}

/// Where an opportunity stands on the roadmap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OpportunityStatus {
    #[default]
    Idea,
    Planned,
    InProgress,
    Done,
    Dropped,
}

impl Word for OpportunityStatus {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("idea", OpportunityStatus::Idea),
        ("planned", OpportunityStatus::Planned),
        ("in_progress", OpportunityStatus::InProgress),
        ("done", OpportunityStatus::Done),
        ("dropped", OpportunityStatus::Dropped),
    ];
}

impl OpportunityStatus {
    /// The status in words for a heading: `in_progress` reads "In progress".
    pub fn title(self) -> &'static str {
        match self {
            OpportunityStatus::Idea => "Idea",
            OpportunityStatus::Planned => "Planned",
            OpportunityStatus::InProgress => "In progress",
            OpportunityStatus::Done => "Done",
            OpportunityStatus::Dropped => "Dropped",
        }
    }
}

/// A share of customers (`"42%"` or a fraction) or, from 1 up, a count.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Amount {
    Share(f64),
    Count(u64),
}

impl Amount {
    /// Reads a written number: an `N%` string or a value below 1 is a share.
    pub fn from_number(n: Number) -> Option<Amount> {
        if n.percent || n.value < 1.0 {
            (0.0..=1.0).contains(&n.value).then_some(Amount::Share(n.value))
        } else {
            (n.value.fract() == 0.0 && n.value <= 9.0e15).then_some(Amount::Count(n.value as u64))
        }
    }
}

/// A reference to something elsewhere, as written, kept with its place for diagnostics.
pub type Reference = Spanned<String>;

/// Something that hurts the customer at a stage or a touchpoint.
#[derive(Debug, Clone, Serialize)]
pub struct PainPoint {
    /// Unique among the pain points and opportunities of the journey.
    pub id: String,
    pub text: String,
    pub severity: Level,
    pub status: PainStatus,
    pub owner: String,
    /// The share of customers who meet it, 0..1.
    pub frequency: Option<f64>,
    pub customers_affected: Option<u64>,
    /// Note ids, as written.
    pub evidence: Vec<Reference>,
    #[serde(skip)]
    pub explicit_id: bool,
    #[serde(skip)]
    pub pos: Pos,
}

/// Something the company could do better at a stage or a touchpoint.
#[derive(Debug, Clone, Serialize)]
pub struct Opportunity {
    /// Unique among the pain points and opportunities of the journey.
    pub id: String,
    pub text: String,
    pub impact: Level,
    pub effort: Level,
    pub status: OpportunityStatus,
    pub owner: String,
    /// A period (SPEC §5) or a date, as written.
    pub due: Option<String>,
    /// Pain point ids: `id` of this journey or `<journey>/<id>`.
    pub fixes: Vec<Reference>,
    /// Metric ids: `metric` (journey level) or `<stage>/<metric>`.
    pub targets: Vec<Reference>,
    pub rice: Option<Rice>,
    #[serde(skip)]
    pub due_period: Option<Period>,
    #[serde(skip)]
    pub explicit_id: bool,
    #[serde(skip)]
    pub status_pos: Pos,
    #[serde(skip)]
    pub pos: Pos,
}

/// A RICE score's parts: reach, impact, confidence (a fraction) and effort.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Rice {
    pub reach: f64,
    pub impact: f64,
    pub confidence: f64,
    pub effort: f64,
}

/// How an opportunity's priority was worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PriorityMethod {
    /// `reach × impact × confidence / effort`.
    Rice,
    /// `impact / effort` with low 1, medium 2, high 3.
    Levels,
}

/// An opportunity's priority: higher comes first, RICE-scored ones before the others.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Priority {
    pub method: PriorityMethod,
    pub score: f64,
}

impl Opportunity {
    /// The priority of SPEC §10: from `rice` when given, else from the impact and effort levels.
    pub fn priority(&self) -> Priority {
        match self.rice {
            Some(r) => Priority { method: PriorityMethod::Rice, score: r.reach * r.impact * r.confidence / r.effort },
            None => Priority { method: PriorityMethod::Levels, score: self.impact.score() / self.effort.score() },
        }
    }
}

impl Priority {
    /// Orders priorities for lists: RICE-scored first, then the higher score.
    pub fn order(&self, other: &Priority) -> std::cmp::Ordering {
        self.method.cmp(&other.method).then_with(|| other.score.total_cmp(&self.score))
    }
}

/// The id a pain point or opportunity gets from its text: the first six words (SPEC §10).
/// The words become an id by the project's `slugify` rule (SPEC §8), so text in any script
/// names its item.
pub fn derive_id(text: &str, mode: crate::model::id::Slugify) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    crate::model::id::derive_with(&words.join(" "), mode)
}

/// Every pain point of `journeys` with its place, stage items before touchpoint items.
pub fn pains(journeys: &[Journey]) -> impl Iterator<Item = (&Journey, &Stage, Option<&str>, &PainPoint)> {
    journeys.iter().flat_map(|j| {
        j.stages.iter().flat_map(move |s| {
            let own = s.pain_points.iter().map(move |p| (j, s, None, p));
            own.chain(
                s.touchpoints
                    .iter()
                    .flat_map(move |t| t.pain_points.iter().map(move |p| (j, s, Some(t.name.as_str()), p))),
            )
        })
    })
}

/// Every opportunity of `journeys` with its place, stage items before touchpoint items.
pub fn opportunities(journeys: &[Journey]) -> impl Iterator<Item = (&Journey, &Stage, Option<&str>, &Opportunity)> {
    journeys.iter().flat_map(|j| {
        j.stages.iter().flat_map(move |s| {
            let own = s.opportunities.iter().map(move |o| (j, s, None, o));
            own.chain(
                s.touchpoints
                    .iter()
                    .flat_map(move |t| t.opportunities.iter().map(move |o| (j, s, Some(t.name.as_str()), o))),
            )
        })
    })
}

/// A reference written `<journey>/<id>` split in two; a bare `id` names `journey`.
pub fn split_reference<'r>(reference: &'r str, journey: &'r str) -> (&'r str, &'r str) {
    reference.split_once('/').unwrap_or((journey, reference))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::id::Slugify;

    fn opp(impact: Level, effort: Level, rice: Option<Rice>) -> Opportunity {
        Opportunity {
            id: "x".into(),
            text: "x".into(),
            impact,
            effort,
            status: OpportunityStatus::Idea,
            owner: String::new(),
            due: None,
            fixes: Vec::new(),
            targets: Vec::new(),
            rice,
            due_period: None,
            explicit_id: false,
            status_pos: Pos::default(),
            pos: Pos::default(),
        }
    }

    #[test]
    fn priority_from_rice_or_levels() {
        let rice = Rice { reach: 40000.0, impact: 2.0, confidence: 0.8, effort: 3.0 };
        let p = opp(Level::High, Level::Medium, Some(rice)).priority();
        assert_eq!(p.method, PriorityMethod::Rice);
        assert!((p.score - 21333.333333333332).abs() < 1e-9);
        let q = opp(Level::High, Level::Medium, None).priority();
        assert_eq!((q.method, q.score), (PriorityMethod::Levels, 1.5));
        // A RICE score of 1 still comes before a level score of 3.
        let small = Priority { method: PriorityMethod::Rice, score: 1.0 };
        let big = opp(Level::High, Level::Low, None).priority();
        assert_eq!(small.order(&big), std::cmp::Ordering::Less);
    }

    #[test]
    fn ids_come_from_the_first_six_words() {
        assert_eq!(
            derive_id("Must create an account before seeing prices", Slugify::Unicode).as_deref(),
            Some("must-create-an-account-before-seeing")
        );
        assert_eq!(derive_id("  Slow   page ", Slugify::Unicode).as_deref(), Some("slow-page"));
        assert_eq!(derive_id("✈️", Slugify::Unicode), None);
    }

    #[test]
    fn ids_keep_any_script_unless_ascii_is_asked_for() {
        assert_eq!(derive_id("ต้อง สมัคร สมาชิก ก่อน", Slugify::Unicode).as_deref(), Some("ต้อง-สมัคร-สมาชิก-ก่อน"));
        assert_eq!(derive_id("ต้อง สมัคร สมาชิก ก่อน", Slugify::Ascii), None);
        assert_eq!(derive_id("Café wait 5 min", Slugify::Ascii).as_deref(), Some("caf-wait-5-min"));
    }

    #[test]
    fn amounts_are_shares_or_counts() {
        assert_eq!(Amount::from_number(Number { value: 0.42, percent: true }), Some(Amount::Share(0.42)));
        assert_eq!(Amount::from_number(Number { value: 0.18, percent: false }), Some(Amount::Share(0.18)));
        assert_eq!(Amount::from_number(Number { value: 1200.0, percent: false }), Some(Amount::Count(1200)));
        assert_eq!(Amount::from_number(Number { value: 1.5, percent: true }), None);
        assert_eq!(Amount::from_number(Number { value: 2.5, percent: false }), None);
    }
}
