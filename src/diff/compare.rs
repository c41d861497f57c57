//! What changed for the customer between two loaded playbooks, as plain data.
//!
//! Journeys, stages and metrics are matched by id; touchpoints by name within their stage;
//! pain points and opportunities, which have no id, by their text within their stage.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Journey, Metric, Note, Stage};
use crate::project::Project;

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
    fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// The changes of one journey.
#[derive(Debug, Serialize)]
pub struct JourneyChange {
    pub id: String,
    pub title: String,
    /// `added`, `removed` or `changed`.
    pub change: &'static str,
    /// The title before, when the title changed.
    pub renamed_from: Option<String>,
    pub stages: StageChanges,
    pub touchpoints: Added<TouchpointRef>,
    pub emotions: Vec<EmotionChange>,
    pub pain_points: PainPointChanges,
    pub opportunities: OpportunityChanges,
    pub metrics: Vec<MetricChange>,
    pub notes: Added<NoteRef>,
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

/// Pain points added, gone (resolved) and with a new severity.
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
    pub text: String,
    pub severity: &'static str,
}

/// A pain point or opportunity whose level (`severity`, `impact`, `effort`) moved.
#[derive(Debug, Serialize)]
pub struct LevelChange {
    pub stage: String,
    pub text: String,
    pub field: &'static str,
    pub from: &'static str,
    pub to: &'static str,
}

/// Opportunities added, removed and with a new impact or effort.
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
    pub text: String,
    pub impact: &'static str,
    pub effort: &'static str,
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
    pub status: Option<&'static str>,
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
    /// `metric_status` or `emotion`.
    pub kind: &'static str,
    pub from: serde_json::Value,
    pub to: serde_json::Value,
}

/// An emotion fall, in tenths after rounding, from which `--fail-on regression` fails.
const EMOTION_FALL_TENTHS: i64 = 5;

/// Compares `base` with `head`.
pub fn compare(base: &Project, head: &Project, names: (String, String)) -> Report {
    let before: BTreeMap<&str, &Journey> = base.journeys.iter().map(|j| (j.id.as_str(), j)).collect();
    let after: BTreeMap<&str, &Journey> = head.journeys.iter().map(|j| (j.id.as_str(), j)).collect();
    let mut ids: Vec<&str> = before.keys().chain(after.keys()).copied().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut notes = note_changes(&base.notes, &head.notes);
    let mut journeys = Vec::new();
    for id in ids {
        let mut change = match (before.get(id), after.get(id)) {
            (Some(b), Some(a)) => journey_change(b, a),
            (None, Some(a)) => bare(a, "added"),
            (Some(b), None) => bare(b, "removed"),
            (None, None) => continue,
        };
        change.notes = notes.remove(id).unwrap_or_default();
        if change.change != "changed" || !is_unchanged(&change) {
            journeys.push(change);
        }
    }
    let loose = notes.remove("").unwrap_or_default();
    let regressions = journeys.iter().flat_map(regressions).collect();
    let changed = !journeys.is_empty() || !loose.is_empty();
    Report { base: names.0, head: names.1, changed, journeys, notes: loose, regressions }
}

fn bare(journey: &Journey, change: &'static str) -> JourneyChange {
    JourneyChange {
        id: journey.id.clone(),
        title: journey.title.clone(),
        change,
        renamed_from: None,
        stages: StageChanges::default(),
        touchpoints: Added::default(),
        emotions: Vec::new(),
        pain_points: PainPointChanges::default(),
        opportunities: OpportunityChanges::default(),
        metrics: Vec::new(),
        notes: Added::default(),
    }
}

fn is_unchanged(c: &JourneyChange) -> bool {
    c.renamed_from.is_none()
        && c.stages.added.is_empty()
        && c.stages.removed.is_empty()
        && c.stages.renamed.is_empty()
        && c.touchpoints.is_empty()
        && c.emotions.is_empty()
        && c.pain_points.added.is_empty()
        && c.pain_points.resolved.is_empty()
        && c.pain_points.changed.is_empty()
        && c.opportunities.added.is_empty()
        && c.opportunities.removed.is_empty()
        && c.opportunities.changed.is_empty()
        && c.metrics.is_empty()
        && c.notes.is_empty()
}

fn journey_change(base: &Journey, head: &Journey) -> JourneyChange {
    let mut change = bare(head, "changed");
    if base.title != head.title {
        change.renamed_from = Some(base.title.clone());
    }
    let old: BTreeMap<&str, &Stage> = base.stages.iter().map(|s| (s.id.as_str(), s)).collect();
    let new: BTreeMap<&str, &Stage> = head.stages.iter().map(|s| (s.id.as_str(), s)).collect();
    for s in base.stages.iter().filter(|s| !new.contains_key(s.id.as_str())) {
        change.stages.removed.push(StageRef { id: s.id.clone(), name: s.name.clone() });
    }
    for s in &head.stages {
        match old.get(s.id.as_str()) {
            None => change.stages.added.push(StageRef { id: s.id.clone(), name: s.name.clone() }),
            Some(b) => stage_change(b, s, &mut change),
        }
    }
    change.metrics.splice(0..0, metric_changes(None, &base.metrics, &head.metrics));
    change
}

fn stage_change(base: &Stage, head: &Stage, change: &mut JourneyChange) {
    let stage = || head.id.clone();
    if base.name != head.name {
        change.stages.renamed.push(Rename { id: stage(), from: base.name.clone(), to: head.name.clone() });
    }
    let touchpoints = Added {
        added: missing(&head.touchpoints, &base.touchpoints, |t| &t.name),
        removed: missing(&base.touchpoints, &head.touchpoints, |t| &t.name),
    };
    let tp = |t: &crate::model::Touchpoint| TouchpointRef { stage: stage(), name: t.name.clone() };
    change.touchpoints.added.extend(touchpoints.added.into_iter().map(tp));
    change.touchpoints.removed.extend(touchpoints.removed.into_iter().map(tp));
    let (from, to) = (base.emotion.map(tenths), head.emotion.map(tenths));
    if from != to {
        change.emotions.push(EmotionChange {
            stage: stage(),
            name: head.name.clone(),
            from: from.map(|t| t as f64 / 10.0),
            to: to.map(|t| t as f64 / 10.0),
            change: from.zip(to).map(|(f, t)| (t - f) as f64 / 10.0),
        });
    }
    pain_point_changes(base, head, &mut change.pain_points);
    opportunity_changes(base, head, &mut change.opportunities);
    change.metrics.extend(metric_changes(Some(&head.id), &base.metrics, &head.metrics));
}

/// An emotion in tenths, rounded, so that comparisons are exact.
fn tenths(emotion: f64) -> i64 {
    (emotion * 10.0).round() as i64
}

/// The items of `these` whose key none of `those` has, in order.
fn missing<'a, T>(these: &'a [T], those: &[T], key: impl Fn(&T) -> &String) -> Vec<&'a T> {
    these.iter().filter(|t| !those.iter().any(|o| key(o) == key(t))).collect()
}

fn pain_point_changes(base: &Stage, head: &Stage, out: &mut PainPointChanges) {
    let r = |p: &crate::model::PainPoint| PainPointRef {
        stage: head.id.clone(),
        text: p.text.clone(),
        severity: p.severity,
    };
    out.added.extend(missing(&head.pain_points, &base.pain_points, |p| &p.text).into_iter().map(r));
    out.resolved.extend(missing(&base.pain_points, &head.pain_points, |p| &p.text).into_iter().map(r));
    for p in &head.pain_points {
        if let Some(b) = base.pain_points.iter().find(|b| b.text == p.text) {
            push_level(&mut out.changed, &head.id, &p.text, "severity", b.severity, p.severity);
        }
    }
}

fn opportunity_changes(base: &Stage, head: &Stage, out: &mut OpportunityChanges) {
    let r = |o: &crate::model::Opportunity| OpportunityRef {
        stage: head.id.clone(),
        text: o.text.clone(),
        impact: o.impact,
        effort: o.effort,
    };
    out.added.extend(missing(&head.opportunities, &base.opportunities, |o| &o.text).into_iter().map(r));
    out.removed.extend(missing(&base.opportunities, &head.opportunities, |o| &o.text).into_iter().map(r));
    for o in &head.opportunities {
        if let Some(b) = base.opportunities.iter().find(|b| b.text == o.text) {
            push_level(&mut out.changed, &head.id, &o.text, "impact", b.impact, o.impact);
            push_level(&mut out.changed, &head.id, &o.text, "effort", b.effort, o.effort);
        }
    }
}

fn push_level(
    out: &mut Vec<LevelChange>,
    stage: &str,
    text: &str,
    field: &'static str,
    from: &'static str,
    to: &'static str,
) {
    if from != to {
        out.push(LevelChange { stage: stage.to_string(), text: text.to_string(), field, from, to });
    }
}

fn metric_changes(stage: Option<&str>, base: &[Metric], head: &[Metric]) -> Vec<MetricChange> {
    let mut ids: Vec<&str> = base.iter().chain(head).map(|m| m.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = Vec::new();
    for id in ids {
        let from = base.iter().find(|m| m.id == id);
        let to = head.iter().find(|m| m.id == id);
        let same = match (from, to) {
            (Some(f), Some(t)) => same_value(f.value, t.value) && f.status == t.status,
            _ => false,
        };
        if same {
            continue;
        }
        let name = to.or(from).map(|m| m.name.clone()).unwrap_or_default();
        let worse = match (from.and_then(|m| m.status), to.and_then(|m| m.status)) {
            (Some(f), Some(t)) => status_rank(t) > status_rank(f),
            _ => false,
        };
        out.push(MetricChange {
            stage: stage.map(str::to_string),
            id: id.to_string(),
            name,
            from: from.map(state),
            to: to.map(state),
            worse,
        });
    }
    out
}

fn same_value(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

fn state(m: &Metric) -> MetricState {
    MetricState { value: m.value, display: m.display.clone(), status: m.status }
}

/// How bad a status is: on track 0, at risk 1, off track 2.
fn status_rank(status: &str) -> u8 {
    match status {
        "on_track" => 0,
        "at_risk" => 1,
        _ => 2,
    }
}

/// Notes added and removed, by the id of the journey they name (`""` for none).
fn note_changes(base: &[Note], head: &[Note]) -> BTreeMap<String, Added<NoteRef>> {
    let mut out: BTreeMap<String, Added<NoteRef>> = BTreeMap::new();
    let journey = |n: &Note| n.journey.as_ref().map(|j| j.value.clone()).unwrap_or_default();
    let r = |n: &Note| NoteRef { id: n.id.clone(), title: n.title.clone() };
    for n in missing(head, base, |n| &n.id) {
        out.entry(journey(n)).or_default().added.push(r(n));
    }
    for n in missing(base, head, |n| &n.id) {
        out.entry(journey(n)).or_default().removed.push(r(n));
    }
    out
}

/// What got worse in one journey: metrics whose status fell, emotions that fell by 0.5 or more.
fn regressions(change: &JourneyChange) -> Vec<Regression> {
    let metrics = change.metrics.iter().filter(|m| m.worse).map(|m| Regression {
        journey: change.id.clone(),
        stage: m.stage.clone(),
        metric: Some(m.id.clone()),
        kind: "metric_status",
        from: m.from.as_ref().and_then(|s| s.status).into(),
        to: m.to.as_ref().and_then(|s| s.status).into(),
    });
    let emotions = change.emotions.iter().filter(|e| falls(e)).map(|e| Regression {
        journey: change.id.clone(),
        stage: Some(e.stage.clone()),
        metric: None,
        kind: "emotion",
        from: e.from.into(),
        to: e.to.into(),
    });
    metrics.chain(emotions).collect()
}

/// Whether an emotion fell by at least the regression threshold.
pub(crate) fn falls(e: &EmotionChange) -> bool {
    match (e.from, e.to) {
        (Some(f), Some(t)) => tenths(f) - tenths(t) >= EMOTION_FALL_TENTHS,
        _ => false,
    }
}
