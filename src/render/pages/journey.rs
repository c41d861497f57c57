//! The journey page (the journey map and its charts) and the stage pages.

use std::collections::BTreeMap;

use tera::Context;

use super::{page, Content, Page, Section};
use crate::metrics::funnel;
use crate::model::Journey;
use crate::render::views::*;
use crate::route::Route;

/// The notes naming `journey` (and `stage`, if given), as cards.
pub fn notes_of<'a>(content: &'a Content, journey: &str, stage: Option<&str>) -> Vec<&'a NoteCard<'a>> {
    let found = match stage {
        Some(s) => content.notes_by_stage.get(&(journey, s)),
        None => content.notes_by_journey.get(journey),
    };
    found.map_or_else(Vec::new, |ids| ids.iter().map(|i| &content.note_cards[*i]).collect())
}

/// Another journey this one is compared with, and the address of their comparison page.
#[derive(serde::Serialize)]
struct Comparison<'a> {
    journey: Ref<'a>,
    path: String,
}

/// The journey page: header, key metrics, the map, then the charts and lists behind it.
pub fn journey(content: &Content, index: usize) -> Page {
    let j = &content.journeys[index];
    let funnel_rows = funnel_rows(j);
    let mut channels: BTreeMap<&str, Vec<ChannelTouchpoint>> = BTreeMap::new();
    for s in &j.stages {
        for t in &s.touchpoints {
            let name = if t.channel.is_empty() { "Other" } else { t.channel.as_str() };
            channels.entry(name).or_default().push(ChannelTouchpoint {
                stage: stage_ref(s),
                name: &t.name,
                emotion: t.emotion,
                moment_of_truth: t.moment_of_truth,
                owner: &t.owner,
            });
        }
    }
    let channels: Vec<Channel> =
        channels.into_iter().map(|(name, touchpoints)| Channel { name, touchpoints }).collect();
    let compared = super::compared_with(content, j);
    let comparisons: Vec<Comparison> = content
        .pairs
        .iter()
        .copied()
        .filter_map(|(a, b)| match (a == index, b == index) {
            (true, _) => Some(b),
            (_, true) => Some(a),
            _ => None,
        })
        .map(|o| {
            let other = &content.journeys[o];
            Comparison { journey: journey_ref(other), path: Route::Compare(&j.id, &other.id).dir() }
        })
        .collect();
    let mut c = Context::new();
    c.insert("journey", j);
    c.insert("charts", &content.charts[index]);
    c.insert(
        "compared",
        &compared.map(|o| o.stages.iter().map(|s| (s.id.as_str(), s.emotion)).collect::<BTreeMap<_, _>>()),
    );
    c.insert("kpis", &kpis(&j.metrics, &j.id, true));
    c.insert("persona", &persona_ref(j, content.personas));
    let personas: Vec<Ref> = j
        .personas
        .iter()
        .filter_map(|r| content.personas.iter().find(|p| p.id == r.value))
        .map(|p| Ref { id: &p.id, title: &p.name })
        .collect();
    c.insert("personas", &personas);
    c.insert("map", &super::map::Map::new(content, content.config, j, compared));
    c.insert("funnel", &funnel_rows);
    c.insert("channels", &channels);
    c.insert("compare", &compared.map(journey_ref));
    c.insert("comparisons", &comparisons);
    c.insert("history", &content.history);
    c.insert("notes", &notes_of(content, &j.id, None));
    c.insert("parent", &parent(content, j));
    c.insert("stale", &content.journey_cards[index].stale);
    let persona = j.persona.as_ref().and_then(|r| content.personas.iter().find(|p| p.id == r.value));
    c.insert("mermaid", &crate::interop::mermaid::export(j, persona));
    page(Route::Journey(&j.id), "journey.html", &j.title, Section::Journeys, c)
}

/// The funnel table of a journey; `None` when no stage records `entered`.
pub fn funnel_rows(j: &Journey) -> Option<Vec<FunnelRow<'_>>> {
    let entered: Vec<Option<u64>> = j.stages.iter().map(|s| s.entered).collect();
    if entered.iter().all(Option::is_none) {
        return None;
    }
    let drops = funnel::drop_offs(&entered);
    let largest = funnel::largest(&drops);
    let rows = j.stages.iter().zip(&drops).enumerate();
    Some(
        rows.map(|(i, (s, d))| FunnelRow {
            stage: stage_ref(s),
            entered: s.entered,
            drop_off: *d,
            largest: largest == Some(i),
        })
        .collect(),
    )
}

pub fn stage(content: &Content, j: &Journey, index: usize) -> Page {
    let s = &j.stages[index];
    let mut c = Context::new();
    c.insert("journey", &content.journey_cards[content.journey_index[j.id.as_str()]]);
    c.insert("stage", s);
    c.insert("kpis", &kpis(&s.metrics, &s.id, false));
    c.insert("position", &(index + 1));
    c.insert("count", &j.stages.len());
    c.insert("previous", &index.checked_sub(1).map(|i| stage_ref(&j.stages[i])));
    c.insert("next", &j.stages.get(index + 1).map(stage_ref));
    let drops = funnel::drop_offs(&[s.entered, j.stages.get(index + 1).and_then(|n| n.entered)]);
    c.insert("drop_off", &drops[0]);
    c.insert("notes", &notes_of(content, &j.id, Some(&s.id)));
    let (pains, opportunities) = super::action::of_stage(content, &j.id, &s.id);
    c.insert("pains", &pains);
    c.insert("opportunities", &opportunities);
    c.insert("children", &children(content, j, &s.id));
    let title = format!("{} · {}", s.name, j.title);
    page(Route::Stage(&j.id, &s.id), "stage.html", &title, Section::Journeys, c)
}

/// Where a nested journey sits (SPEC §10): its parent and the parent's stage.
#[derive(serde::Serialize)]
pub struct Parent<'a> {
    pub journey: Ref<'a>,
    pub stage: Option<Ref<'a>>,
}

/// The journey `j` zooms into, when it names one.
pub fn parent<'a>(content: &Content<'a>, j: &Journey) -> Option<Parent<'a>> {
    let wider = content.journey(&j.parent.as_ref()?.value)?;
    let stage = j.parent_stage.as_ref().and_then(|s| crate::model::reference::find_stage(wider, &s.value));
    Some(Parent { journey: journey_ref(wider), stage: stage.map(stage_ref) })
}

/// The journeys that zoom into stage `stage` of `j`, in list order.
pub fn children<'a>(content: &Content<'a>, j: &Journey, stage: &str) -> Vec<Ref<'a>> {
    content
        .listed
        .iter()
        .map(|&i| &content.journeys[i])
        .filter(|c| c.parent.as_ref().is_some_and(|p| p.value == j.id))
        .filter(|c| {
            let at = c.parent_stage.as_ref().and_then(|s| crate::model::reference::find_stage(j, &s.value));
            at.is_some_and(|s| s.id == stage)
        })
        .map(journey_ref)
        .collect()
}
