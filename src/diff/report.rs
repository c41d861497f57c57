//! The shape of a diff report: plain data, serialised as the JSON the README documents.

use serde::Serialize;

/// Every change between a base and a head playbook (SPEC §13).
#[derive(Debug, Serialize)]
pub struct Report {
    /// The base revision as the user named it.
    pub base: String,
    /// The head revision, or `working tree`.
    pub head: String,
    /// Whether anything changed for the customer.
    pub changed: bool,
    /// Changed, added and removed journeys, by id.
    pub journeys: Vec<JourneyChange>,
    /// Notes added or removed that name no journey.
    pub notes: Added<NoteRef>,
    /// What `--fail-on regression` fails on.
    pub regressions: Vec<Regression>,
}

/// Two lists of things that appeared and disappeared.
#[derive(Debug, Serialize)]
pub struct Added<T> {
    pub added: Vec<T>,
    pub removed: Vec<T>,
}

impl<T> Default for Added<T> {
    fn default() -> Self {
        Added { added: Vec::new(), removed: Vec::new() }
    }
}

impl<T> Added<T> {
    /// Whether nothing appeared or disappeared.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// Whether a journey is new, gone or changed between the two revisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    /// The word the JSON report and the text report write.
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// What got worse: a metric's status or a stage's emotion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegressionKind {
    MetricStatus,
    Emotion,
}

/// The changes of one journey.
#[derive(Debug, Serialize)]
pub struct JourneyChange {
    pub id: String,
    pub title: String,
    pub change: Change,
    /// The title before, when the title changed.
    pub renamed_from: Option<String>,
    pub stages: StageChanges,
    pub touchpoints: Added<TouchpointRef>,
    pub emotions: Vec<EmotionChange>,
    pub pain_points: PainPointChanges,
    pub opportunities: OpportunityChanges,
    pub metrics: Vec<MetricChange>,
    pub notes: Added<NoteRef>,
    /// Stage names by id (the head's, else the base's), for the readable forms.
    #[serde(skip)]
    pub stage_names: std::collections::BTreeMap<String, String>,
}

impl JourneyChange {
    /// The name of stage `id`, or the id when the stage is not known.
    pub fn stage_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.stage_names.get(id).map_or(id, String::as_str)
    }
}

/// Stages that appeared, disappeared, or kept their id under a new name.
#[derive(Debug, Default, Serialize)]
pub struct StageChanges {
    pub added: Vec<StageRef>,
    pub removed: Vec<StageRef>,
    pub renamed: Vec<Rename>,
}

/// A stage, by id and name.
#[derive(Debug, Serialize)]
pub struct StageRef {
    pub id: String,
    pub name: String,
}

/// A stage whose name changed under the same id.
#[derive(Debug, Serialize)]
pub struct Rename {
    pub id: String,
    pub from: String,
    pub to: String,
}

/// A touchpoint of a stage.
#[derive(Debug, Serialize)]
pub struct TouchpointRef {
    pub stage: String,
    pub name: String,
}

/// A stage's emotion before and after, rounded to one decimal.
#[derive(Debug, Serialize)]
pub struct EmotionChange {
    pub stage: String,
    pub name: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
    /// `to − from` when both exist.
    pub change: Option<f64>,
}

/// Pain points added, resolved (gone, or now `status: resolved`) and with a new severity or
/// status.
#[derive(Debug, Default, Serialize)]
pub struct PainPointChanges {
    pub added: Vec<PainPointRef>,
    pub resolved: Vec<PainPointRef>,
    pub changed: Vec<LevelChange>,
}

/// A pain point of a stage.
#[derive(Debug, Serialize)]
pub struct PainPointRef {
    pub stage: String,
    /// Its id within the journey (SPEC §10).
    pub id: String,
    pub text: String,
    pub severity: &'static str,
}

/// A pain point or opportunity whose level (`severity`, `impact`, `effort`) or `status` moved.
#[derive(Debug, Serialize)]
pub struct LevelChange {
    pub stage: String,
    pub id: String,
    pub text: String,
    pub field: &'static str,
    pub from: &'static str,
    pub to: &'static str,
}

/// Opportunities added, removed and with a new impact, effort or status.
#[derive(Debug, Default, Serialize)]
pub struct OpportunityChanges {
    pub added: Vec<OpportunityRef>,
    pub removed: Vec<OpportunityRef>,
    pub changed: Vec<LevelChange>,
}

/// An opportunity of a stage.
#[derive(Debug, Serialize)]
pub struct OpportunityRef {
    pub stage: String,
    pub id: String,
    pub text: String,
    pub impact: &'static str,
    pub effort: &'static str,
    pub status: &'static str,
}

/// A metric whose value or status changed, or that appeared or disappeared.
#[derive(Debug, Serialize)]
pub struct MetricChange {
    /// The stage's id; `None` for a journey-level metric.
    pub stage: Option<String>,
    pub id: String,
    pub name: String,
    pub from: Option<MetricState>,
    pub to: Option<MetricState>,
    /// Whether the status got worse.
    pub worse: bool,
}

/// A metric's value and status on one side.
#[derive(Debug, Serialize)]
pub struct MetricState {
    pub value: f64,
    pub display: String,
    pub status: Option<crate::model::MetricStatus>,
}

/// An insight note.
#[derive(Debug, Serialize)]
pub struct NoteRef {
    pub id: String,
    pub title: String,
}

/// Something that got worse for the customer.
#[derive(Debug, Serialize)]
pub struct Regression {
    pub journey: String,
    pub stage: Option<String>,
    /// The metric's id, for a metric whose status got worse.
    pub metric: Option<String>,
    pub kind: RegressionKind,
    pub from: serde_json::Value,
    pub to: serde_json::Value,
}
