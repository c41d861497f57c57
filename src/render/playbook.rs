//! `playbook.json` (SPEC §10): the whole model with ids, references and computed values, for
//! other tools. Journeys, personas and notes are sorted by id; stages and items keep the
//! order they are written in, so the same input gives the same bytes.

use serde::Serialize;

use crate::metrics::{funnel, JsonMetric};
use crate::model::action::{Priority, Rice};
use crate::model::{Amount, Journey, JourneyState, Level, Note, NoteKind, OpportunityStatus, PainStatus, Persona};
use crate::render::actions::{ItemLink, OpportunityView, PainView};
use crate::render::pages::Content;

#[derive(Serialize)]
struct Root<'a> {
    journeys: Vec<JsonJourney<'a>>,
    personas: Vec<JsonPersona<'a>>,
    notes: Vec<JsonNote<'a>>,
}

#[derive(Serialize)]
struct JsonJourney<'a> {
    id: &'a str,
    title: &'a str,
    state: JourneyState,
    owner: &'a str,
    updated: Option<String>,
    /// `updated` is older than `stale_after` days.
    stale: bool,
    personas: Vec<&'a str>,
    parent: Option<&'a str>,
    /// The id of the parent's stage this journey zooms into.
    parent_stage: Option<&'a str>,
    tags: &'a [String],
    metrics: Vec<JsonMetric<'a>>,
    stages: Vec<JsonStage<'a>>,
}

#[derive(Serialize)]
struct JsonStage<'a> {
    id: &'a str,
    name: &'a str,
    entered: Option<u64>,
    drop_off: Option<f64>,
    emotion: Option<f64>,
    /// Distinct notes behind the stage (SPEC §3.1), and their ids.
    evidence_count: usize,
    evidence: Vec<&'a str>,
    metrics: Vec<JsonMetric<'a>>,
    pain_points: Vec<JsonPain<'a>>,
    opportunities: Vec<JsonOpportunity<'a>>,
}

#[derive(Serialize)]
struct JsonPain<'a> {
    id: &'a str,
    text: &'a str,
    touchpoint: Option<&'a str>,
    severity: Level,
    status: PainStatus,
    owner: &'a str,
    frequency: Option<f64>,
    customers_affected: Option<u64>,
    evidence_count: usize,
    evidence: Vec<&'a str>,
    /// Opportunities that fix it, as `<journey>/<id>`.
    fixed_by: Vec<String>,
}

#[derive(Serialize)]
struct JsonOpportunity<'a> {
    id: &'a str,
    text: &'a str,
    touchpoint: Option<&'a str>,
    impact: Level,
    effort: Level,
    status: OpportunityStatus,
    owner: &'a str,
    due: Option<&'a str>,
    rice: Option<Rice>,
    priority: Priority,
    /// Pain points it fixes, as `<journey>/<id>`.
    fixes: Vec<String>,
    /// Metrics it targets, as `metric` or `<stage>/<metric>`.
    targets: Vec<String>,
    evidence_count: usize,
    evidence: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonPersona<'a> {
    id: &'a str,
    name: &'a str,
    primary: bool,
    role: &'a str,
    photo: Option<&'a str>,
    demographics: &'a serde_json::Value,
    segment_size: Option<Amount>,
    /// Journeys that name it, by id.
    journeys: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonNote<'a> {
    id: &'a str,
    title: &'a str,
    date: String,
    kind: NoteKind,
    confidence: Level,
    draft: bool,
    journey: Option<&'a str>,
    stage: Option<&'a str>,
    supports: Vec<&'a str>,
}

/// The bytes of `playbook.json` for the built site `content`.
pub fn json(content: &Content) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(content, &mut out);
    out
}

/// Writes `playbook.json` for the built site `content` to `out` as it is made.
pub fn write(content: &Content, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut journeys: Vec<JsonJourney> =
        content.journeys.iter().enumerate().map(|(i, j)| journey(content, i, j)).collect();
    journeys.sort_by(|a, b| a.id.cmp(b.id));
    let mut personas: Vec<JsonPersona> = content.personas.iter().map(|p| persona(content, p)).collect();
    personas.sort_by(|a, b| a.id.cmp(b.id));
    let mut notes: Vec<JsonNote> = content.notes.iter().map(|n| note(content, n)).collect();
    notes.sort_by(|a, b| a.id.cmp(b.id));
    serde_json::to_writer_pretty(&mut *out, &Root { journeys, personas, notes })?;
    out.write_all(b"\n")
}

fn journey<'a>(content: &'a Content<'a>, index: usize, j: &'a Journey) -> JsonJourney<'a> {
    let drops = funnel::drop_offs(&j.stages.iter().map(|s| s.entered).collect::<Vec<_>>());
    let stages = j
        .stages
        .iter()
        .zip(drops)
        .map(|(s, drop_off)| {
            let notes = content.actions.stage_notes.get(&(j.id.as_str(), s.id.as_str()));
            let mut evidence: Vec<&str> = notes.into_iter().flatten().map(|&n| content.notes[n].id.as_str()).collect();
            evidence.sort_unstable();
            let (pains, opportunities) = crate::render::pages::of_stage(content, &j.id, &s.id);
            JsonStage {
                id: &s.id,
                name: &s.name,
                entered: s.entered,
                drop_off,
                emotion: s.emotion,
                evidence_count: evidence.len(),
                evidence,
                metrics: JsonMetric::list(&s.metrics),
                pain_points: pains.into_iter().map(pain).collect(),
                opportunities: opportunities.into_iter().map(opportunity).collect(),
            }
        })
        .collect();
    let parent = j.parent.as_ref().and_then(|p| content.journey(&p.value));
    let parent_stage = parent
        .zip(j.parent_stage.as_ref())
        .and_then(|(p, s)| crate::model::reference::find_stage(p, &s.value))
        .map(|s| s.id.as_str());
    JsonJourney {
        id: &j.id,
        title: &j.title,
        state: j.state,
        owner: &j.owner,
        updated: j.updated.map(|d| d.to_string()),
        stale: content.journey_cards[index].stale,
        personas: j.personas.iter().map(|p| p.value.as_str()).collect(),
        parent: parent.map(|p| p.id.as_str()),
        parent_stage,
        tags: &j.tags,
        metrics: JsonMetric::list(&j.metrics),
        stages,
    }
}

fn full(link: &ItemLink) -> String {
    format!("{}/{}", link.journey, link.id)
}

fn pain<'a>(p: &PainView<'a>) -> JsonPain<'a> {
    JsonPain {
        id: p.link.id,
        text: p.link.text,
        touchpoint: p.touchpoint,
        severity: p.severity,
        status: p.status,
        owner: p.owner,
        frequency: p.point.frequency,
        customers_affected: p.point.customers_affected,
        evidence_count: p.evidence.len(),
        evidence: p.evidence.iter().map(|n| n.id).collect(),
        fixed_by: p.fixed_by.iter().map(full).collect(),
    }
}

fn opportunity<'a>(o: &OpportunityView<'a>) -> JsonOpportunity<'a> {
    JsonOpportunity {
        id: o.link.id,
        text: o.link.text,
        touchpoint: o.touchpoint,
        impact: o.impact,
        effort: o.effort,
        status: o.status,
        owner: o.owner,
        due: o.due,
        rice: o.opportunity.rice,
        priority: o.priority,
        fixes: o.fixes.iter().map(full).collect(),
        targets: o
            .targets
            .iter()
            .map(|t| match &t.stage {
                Some(s) => format!("{}/{}", s.id, t.metric),
                None => t.metric.to_string(),
            })
            .collect(),
        evidence_count: o.evidence.len(),
        evidence: o.evidence.iter().map(|n| n.id).collect(),
    }
}

fn persona<'a>(content: &Content<'a>, p: &'a Persona) -> JsonPersona<'a> {
    let mut journeys: Vec<&str> =
        content.journeys.iter().filter(|j| j.personas.iter().any(|r| r.value == p.id)).map(|j| j.id.as_str()).collect();
    journeys.sort_unstable();
    JsonPersona {
        id: &p.id,
        name: &p.name,
        primary: p.primary,
        role: &p.role,
        photo: p.photo.as_ref().map(|s| s.value.as_str()),
        demographics: &p.demographics,
        segment_size: p.segment_size,
        journeys,
    }
}

fn note<'a>(content: &Content<'a>, n: &'a Note) -> JsonNote<'a> {
    let journey = n.journey.as_ref().and_then(|j| content.journey(&j.value));
    let stage = journey.zip(n.stage.as_ref()).and_then(|(j, s)| crate::model::reference::find_stage(j, &s.value));
    JsonNote {
        id: &n.id,
        title: &n.title,
        date: n.date.to_string(),
        kind: n.kind,
        confidence: n.confidence,
        draft: n.draft,
        journey: journey.map(|j| j.id.as_str()),
        stage: stage.map(|s| s.id.as_str()),
        supports: n.supports.iter().map(|s| s.value.as_str()).collect(),
    }
}
