//! The journey page (the journey map and its charts) and the stage pages.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{page, Content, JourneyCharts, Page, Section};
use crate::metrics::funnel;
use crate::model::{Journey, Stage};
use crate::render::actions::{OpportunityView, PainView};
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
#[derive(Serialize)]
pub struct Comparison<'a> {
    pub journey: Ref<'a>,
    pub path: String,
}

/// What `journey.html` (a journey's map and charts) receives.
#[derive(Serialize)]
pub struct JourneyContext<'a> {
    /// The journey as read and checked, with its stages, touchpoints and metrics.
    pub journey: &'a Journey,
    /// Its charts (SVG), drawn before the pages.
    pub charts: &'a JourneyCharts,
    /// The compared journey's emotion by stage id, for the map's second curve.
    pub compared: Option<BTreeMap<&'a str, Option<f64>>>,
    /// The journey's own metrics as cards with their trend charts.
    pub kpis: Vec<Kpi<'a>>,
    /// The primary persona, and every persona the journey names.
    pub persona: Option<Ref<'a>>,
    pub personas: Vec<Ref<'a>>,
    /// The journey map as the built-in theme draws it (see [`super::map::Map::markup`]).
    pub map_markup: String,
    /// Whether the map draws the emotion curve: its lane is shown.
    pub emotion_curve: bool,
    /// Every touchpoint, numbered as on the emotion curve, for the key below the map.
    pub touchpoints: &'a [super::map::NumberedTouchpoint<'a>],
    /// The journey map's parts: one row per lane, one column per stage. Made into a template
    /// value only where a template names `map` ([`Content::named`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub map: Option<&'a super::map::Map<'a>>,
    /// The funnel table; `None` when no stage records `entered`.
    pub funnel: Option<Vec<FunnelRow<'a>>>,
    /// Touchpoints grouped by channel, channels by name.
    pub channels: Vec<Channel<'a>>,
    /// The journey named by `compare_to`, and every comparison page this journey is on.
    pub compare: Option<Ref<'a>>,
    pub comparisons: Vec<Comparison<'a>>,
    /// Whether the build writes history pages (`build --history`).
    pub history: bool,
    /// The notes about this journey, newest first.
    pub notes: Vec<&'a NoteCard<'a>>,
    /// The journey this one zooms into (SPEC §10).
    pub parent: Option<Parent<'a>>,
    /// Whether the journey is due for review.
    pub stale: bool,
    /// The journey as a Mermaid `journey` diagram, for copying.
    pub mermaid: String,
}

/// The journey page: header, key metrics, the map, then the charts and lists behind it.
pub fn journey(content: &Content, index: usize) -> Page {
    let j = &content.journeys[index];
    let hrefs = &content.stage_hrefs[index];
    let funnel_rows = funnel_rows(j, hrefs);
    let other = crate::i18n::current::t("chart.channel_other", &[]);
    let mut channels: BTreeMap<&str, Vec<ChannelTouchpoint>> = BTreeMap::new();
    for (s, href) in j.stages.iter().zip(hrefs) {
        for t in &s.touchpoints {
            let name = if t.channel.is_empty() { other.as_str() } else { t.channel.as_str() };
            channels.entry(name).or_default().push(ChannelTouchpoint {
                stage: stage_ref(s),
                stage_href: href,
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
    let personas: Vec<Ref> = j
        .personas
        .iter()
        .filter_map(|r| content.personas.iter().find(|p| p.id == r.value))
        .map(|p| Ref { id: &p.id, title: &p.name })
        .collect();
    let persona = j.persona.as_ref().and_then(|r| content.personas.iter().find(|p| p.id == r.value));
    // Values, changes and durations in the page's language, for the page and its map.
    let local = crate::i18n::amounts::journey(j);
    let charts = JourneyCharts::of(content.base, j);
    let map = super::map::Map::new(content, content.config, &local, hrefs, compared);
    let map_markup = map.markup(content.base);
    let c = JourneyContext {
        journey: &local,
        charts: &charts,
        compared: compared.map(|o| o.stages.iter().map(|s| (s.id.as_str(), s.emotion)).collect()),
        kpis: kpis(&local.metrics, &j.id, true),
        persona: persona_ref(j, content.personas),
        personas,
        map_markup,
        emotion_curve: map.emotion.is_some(),
        touchpoints: &map.touchpoints,
        map: content.named.map.then_some(&map),
        funnel: funnel_rows,
        channels,
        compare: compared.map(journey_ref),
        comparisons,
        history: content.history,
        notes: notes_of(content, &j.id, None),
        parent: parent(content, j),
        stale: content.journey_cards[index].stale,
        mermaid: crate::interop::mermaid::export(j, persona),
    };
    page(Route::Journey(&j.id), &j.title, Section::Journeys, &c)
}

/// The funnel table of a journey whose stages' pages are at `hrefs`; `None` when no stage
/// records `entered`.
pub fn funnel_rows<'a>(j: &'a Journey, hrefs: &'a [String]) -> Option<Vec<FunnelRow<'a>>> {
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
            stage_href: &hrefs[i],
            entered: s.entered,
            drop_off: *d,
            largest: largest == Some(i),
        })
        .collect(),
    )
}

/// What `stage.html` (one stage of a journey) receives.
#[derive(Serialize)]
pub struct StageContext<'a> {
    /// The stage's journey, as its card.
    pub journey: &'a JourneyCard<'a>,
    /// The stage as read and checked, with its touchpoints and metrics.
    pub stage: &'a Stage,
    /// The stage's metrics as cards.
    pub kpis: Vec<Kpi<'a>>,
    /// The stage's place in the journey, from 1, and how many stages there are.
    pub position: usize,
    pub count: usize,
    /// The stages before and after this one, and the links of their pages.
    pub previous: Option<Ref<'a>>,
    pub next: Option<Ref<'a>>,
    pub previous_href: Option<&'a str>,
    pub next_href: Option<&'a str>,
    /// The share of those who entered this stage that did not enter the next, from 0 to 1.
    pub drop_off: Option<f64>,
    /// The notes about this stage, newest first.
    pub notes: Vec<&'a NoteCard<'a>>,
    /// The stage's pain points and opportunities, with their evidence.
    pub pains: Vec<&'a PainView<'a>>,
    pub opportunities: Vec<&'a OpportunityView<'a>>,
    /// The journeys that zoom into this stage.
    pub children: Vec<Ref<'a>>,
}

pub fn stage(content: &Content, j: &Journey, index: usize) -> Page {
    let s = &j.stages[index];
    let drops = funnel::drop_offs(&[s.entered, j.stages.get(index + 1).and_then(|n| n.entered)]);
    let (pains, opportunities) = super::action::of_stage(content, &j.id, &s.id);
    let metrics = crate::i18n::amounts::metrics(&s.metrics);
    let journey = content.journey_index[j.id.as_str()];
    let hrefs = &content.stage_hrefs[journey];
    let c = StageContext {
        journey: &content.journey_cards[journey],
        stage: s,
        kpis: kpis(&metrics, &s.id, false),
        position: index + 1,
        count: j.stages.len(),
        previous: index.checked_sub(1).map(|i| stage_ref(&j.stages[i])),
        next: j.stages.get(index + 1).map(stage_ref),
        previous_href: index.checked_sub(1).map(|i| hrefs[i].as_str()),
        next_href: hrefs.get(index + 1).map(String::as_str),
        drop_off: drops[0],
        notes: notes_of(content, &j.id, Some(&s.id)),
        pains,
        opportunities,
        children: children(content, j, &s.id),
    };
    let title = format!("{} · {}", s.name, j.title);
    page(Route::Stage(&j.id, &s.id), &title, Section::Journeys, &c)
}

/// Where a nested journey sits (SPEC §10): its parent and the parent's stage.
#[derive(Serialize)]
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
    let zooming = content.zooms.get(j.id.as_str()).map_or(&[][..], Vec::as_slice);
    zooming
        .iter()
        .map(|&i| &content.journeys[i])
        .filter(|c| {
            let at = c.parent_stage.as_ref().and_then(|s| crate::model::reference::find_stage(j, &s.value));
            at.is_some_and(|s| s.id == stage)
        })
        .map(journey_ref)
        .collect()
}
