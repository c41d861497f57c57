//! What changed for the customer between two loaded playbooks, as plain data.
//!
//! Journeys, stages and metrics are matched by id; touchpoints by name within their stage;
//! pain points and opportunities by their id (`items`).

use std::collections::BTreeMap;

use super::report::*;
use crate::model::action::Word;
use crate::model::{Journey, Metric, Note, Stage};
use crate::project::Project;

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
            (None, Some(a)) => bare(a, Change::Added),
            (Some(b), None) => bare(b, Change::Removed),
            (None, None) => continue,
        };
        change.notes = notes.remove(id).unwrap_or_default();
        if change.change != Change::Changed || !is_unchanged(&change) {
            journeys.push(change);
        }
    }
    let loose = notes.remove("").unwrap_or_default();
    let regressions = journeys.iter().flat_map(regressions).collect();
    let changed = !journeys.is_empty() || !loose.is_empty();
    Report { base: names.0, head: names.1, changed, journeys, notes: loose, regressions }
}

fn bare(journey: &Journey, change: Change) -> JourneyChange {
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
        stage_names: journey.stages.iter().map(|s| (s.id.clone(), s.name.clone())).collect(),
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
    let mut change = bare(head, Change::Changed);
    if base.title != head.title {
        change.renamed_from = Some(base.title.clone());
    }
    let old: BTreeMap<&str, &Stage> = base.stages.iter().map(|s| (s.id.as_str(), s)).collect();
    let new: BTreeMap<&str, &Stage> = head.stages.iter().map(|s| (s.id.as_str(), s)).collect();
    for s in base.stages.iter().filter(|s| !new.contains_key(s.id.as_str())) {
        change.stage_names.insert(s.id.clone(), s.name.clone());
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
    super::items::pain_point_changes(base, head, &mut change.pain_points);
    super::items::opportunity_changes(base, head, &mut change.opportunities);
    change.metrics.extend(metric_changes(Some(&head.id), &base.metrics, &head.metrics));
}

/// An emotion in tenths, rounded, so that comparisons are exact. A half written in decimal
/// (`2.55`) rounds up as it reads, though its binary value lies a hair below the half.
fn tenths(emotion: f64) -> i64 {
    (emotion * 10.0 + 1e-9).round() as i64
}

/// The items of `these` whose key none of `those` has, in order.
fn missing<'a, T>(these: &'a [T], those: &[T], key: impl Fn(&T) -> &String) -> Vec<&'a T> {
    these.iter().filter(|t| !those.iter().any(|o| key(o) == key(t))).collect()
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
            (Some(f), Some(t)) => t > f,
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
        kind: RegressionKind::MetricStatus,
        from: m.from.as_ref().and_then(|s| s.status).map(Word::as_str).into(),
        to: m.to.as_ref().and_then(|s| s.status).map(Word::as_str).into(),
    });
    let emotions = change.emotions.iter().filter(|e| falls(e)).map(|e| Regression {
        journey: change.id.clone(),
        stage: Some(e.stage.clone()),
        metric: None,
        kind: RegressionKind::Emotion,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn emotion(from: f64, to: f64) -> EmotionChange {
        let (f, t) = (tenths(from), tenths(to));
        EmotionChange {
            stage: "s".into(),
            name: "S".into(),
            from: Some(f as f64 / 10.0),
            to: Some(t as f64 / 10.0),
            change: Some((t - f) as f64 / 10.0),
        }
    }

    #[test]
    fn an_emotion_falls_by_half_a_point_after_rounding() {
        assert!(falls(&emotion(3.0, 2.5)));
        // 3.05 → 2.55 is 3.1 → 2.6; 3.04 → 2.55 is 3.0 → 2.6.
        assert!(falls(&emotion(3.05, 2.55)));
        assert!(!falls(&emotion(3.04, 2.55)));
        assert_eq!((tenths(2.55), tenths(2.45), tenths(1.05)), (26, 25, 11));
        assert!(!falls(&emotion(2.5, 3.0)));
        // Tenths that binary floating point cannot hold exactly still compare exactly.
        assert!(falls(&emotion(3.3, 3.3 - 0.5)));
    }

    #[test]
    fn status_worsens_from_on_track_to_off_track() {
        use crate::model::MetricStatus;
        assert!(MetricStatus::OnTrack < MetricStatus::AtRisk);
        assert!(MetricStatus::AtRisk < MetricStatus::OffTrack);
    }

    #[test]
    fn equal_values_ignore_float_noise_only() {
        assert!(same_value(0.1 + 0.2, 0.3));
        assert!(!same_value(0.037, 0.0371));
        assert!(same_value(0.0, 0.0));
    }
}
