//! The list pages: home, journeys, personas, insights, tags, pain points, opportunities and
//! the metrics dashboard; and the persona and note pages.

use serde::Serialize;
use tera::Context;

use super::journey::funnel_rows;
use super::{page, slice, Content, Page, Pager, Section, Tag};
use crate::charts;
use crate::model::action::Word;
use crate::model::{MetricStatus, Note, Persona};
use crate::render::views::*;
use crate::route::Route;

/// How many journeys and insights the home page shows.
const HOME_ITEMS: usize = 6;

fn cards<'a>(content: &'a Content, indexes: impl Iterator<Item = usize>) -> Vec<&'a JourneyCard<'a>> {
    indexes.map(|i| &content.journey_cards[i]).collect()
}

fn note_cards<'a>(content: &'a Content, indexes: impl Iterator<Item = usize>) -> Vec<&'a NoteCard<'a>> {
    indexes.map(|i| &content.note_cards[i]).collect()
}

pub fn home(content: &Content) -> Page {
    #[derive(Serialize)]
    struct Totals {
        journeys: usize,
        stages: usize,
        touchpoints: usize,
        pain_points: usize,
        opportunities: usize,
        notes: usize,
        personas: usize,
    }
    let stages = content.journeys.iter().flat_map(|j| &j.stages);
    let totals = Totals {
        journeys: content.journeys.len(),
        stages: stages.clone().count(),
        touchpoints: stages.map(|s| s.touchpoints.len()).sum(),
        pain_points: content.actions.pains.len(),
        opportunities: content.actions.opportunities.len(),
        notes: content.notes.len(),
        personas: content.personas.len(),
    };
    let mut c = Context::new();
    // Top-level journeys lead; nested ones (SPEC §10) follow.
    let nested = |&i: &usize| content.journeys[i].parent.is_some();
    let order =
        content.listed.iter().copied().filter(|i| !nested(i)).chain(content.listed.iter().copied().filter(nested));
    c.insert("journeys", &cards(content, order.take(HOME_ITEMS)));
    c.insert("more_journeys", &(content.journeys.len() > HOME_ITEMS));
    let personas: Vec<PersonaCard> =
        content.personas.iter().take(HOME_ITEMS).map(|p| PersonaCard::new(p, content.base)).collect();
    c.insert("personas", &personas);
    c.insert("notes", &note_cards(content, 0..content.notes.len().min(HOME_ITEMS)));
    c.insert("totals", &totals);
    c.insert("headline", &headline_metrics(content.journeys, 8));
    page(Route::Home, "index.html", "", Section::Home, c)
}

pub fn journeys_index(content: &Content, number: usize) -> Page {
    let all = &content.listed;
    let mut c = Context::new();
    c.insert("journeys", &cards(content, slice(all, number).iter().copied()));
    c.insert("pager", &Pager::new(Route::Journeys, number, all.len()));
    let title = if number > 1 { format!("Journeys, page {number}") } else { "Journeys".into() };
    page(Route::Journeys(number), "journeys.html", &title, Section::Journeys, c)
}

pub fn personas_index(content: &Content) -> Page {
    let mut c = Context::new();
    c.insert("personas", &content.personas.iter().map(|p| PersonaCard::new(p, content.base)).collect::<Vec<_>>());
    page(Route::Personas, "personas.html", "Personas", Section::Personas, c)
}

pub fn insights_index(content: &Content, number: usize) -> Page {
    let all = 0..content.notes.len();
    let shown = all.clone().skip((number.max(1) - 1) * super::PAGE_SIZE).take(super::PAGE_SIZE);
    let mut c = Context::new();
    c.insert("notes", &note_cards(content, shown));
    c.insert("kinds", &content.kinds);
    c.insert("pager", &Pager::new(Route::Insights, number, all.len()));
    let title = if number > 1 { format!("Insights, page {number}") } else { "Insights".into() };
    page(Route::Insights(number), "insights.html", &title, Section::Insights, c)
}

pub fn persona(content: &Content, p: &Persona) -> Page {
    let walks: Vec<usize> = content
        .journeys
        .iter()
        .enumerate()
        .filter(|(_, j)| j.personas.iter().any(|r| r.value == p.id))
        .map(|(i, _)| i)
        .collect();
    let journeys: Vec<&crate::model::Journey> = walks.iter().map(|i| &content.journeys[*i]).collect();
    let title = crate::i18n::current::t("chart.persona_title", &[("name", &p.name)]);
    let mut c = Context::new();
    c.insert("persona", p);
    c.insert("card", &PersonaCard::new(p, content.base));
    c.insert("journeys", &cards(content, content.in_list_order(&walks).into_iter()));
    let id = format!("persona-{}", p.id);
    c.insert("chart", &charts::persona::curves(&journeys, &id, &title));
    c.insert("chart_narrow", &charts::persona::curves_narrow(&journeys, &id, &title));
    c.insert("curves", &journeys);
    page(Route::Persona(&p.id), "persona.html", &p.name, Section::Personas, c)
}

pub fn note(content: &Content, n: &Note) -> Page {
    let mut c = Context::new();
    c.insert("note", n);
    c.insert("card", &NoteCard::new(n, n.journey.as_ref().and_then(|r| content.journey(&r.value))));
    page(Route::Note(&n.id), "note.html", &n.title, Section::Insights, c)
}

pub fn tags_index(content: &Content) -> Page {
    #[derive(Serialize)]
    struct TagCount<'a> {
        name: &'a str,
        slug: &'a str,
        count: usize,
    }
    let counts: Vec<TagCount> = content
        .tags
        .iter()
        .map(|t| TagCount { name: t.name, slug: &t.slug, count: t.journeys.len() + t.notes.len() })
        .collect();
    let mut c = Context::new();
    c.insert("tags", &counts);
    page(Route::Tags, "tags.html", "Tags", Section::Tags, c)
}

pub fn tag(content: &Content, tag: &Tag, number: usize) -> Page {
    #[derive(Serialize)]
    struct View<'a> {
        name: &'a str,
        slug: &'a str,
        journeys: Vec<&'a JourneyCard<'a>>,
        notes: Vec<&'a NoteCard<'a>>,
    }
    let tagged = content.in_list_order(&tag.journeys);
    let view = View {
        name: tag.name,
        slug: &tag.slug,
        journeys: cards(content, slice(&tagged, number).iter().copied()),
        notes: note_cards(content, slice(&tag.notes, number).iter().copied()),
    };
    let mut c = Context::new();
    c.insert("tag", &view);
    c.insert("pager", &Pager::new(|n| Route::Tag(&tag.slug, n), number, tag.journeys.len().max(tag.notes.len())));
    let title = format!("Tagged “{}”", tag.name);
    page(Route::Tag(&tag.slug, number), "tag.html", &title, Section::Tags, c)
}

pub fn metrics(content: &Content) -> Page {
    #[derive(Serialize)]
    struct JourneyFunnel<'a> {
        id: &'a str,
        title: &'a str,
        funnel: Option<Vec<FunnelRow<'a>>>,
    }
    let journeys: Vec<JourneyFunnel> =
        content.journeys.iter().map(|j| JourneyFunnel { id: &j.id, title: &j.title, funnel: funnel_rows(j) }).collect();
    let rows = placed_metrics(content.journeys);
    #[derive(Serialize)]
    struct Count {
        status: MetricStatus,
        count: usize,
    }
    let counts: Vec<Count> = MetricStatus::WORDS
        .iter()
        .rev()
        .map(|&(_, status)| Count { status, count: rows.iter().filter(|r| r.metric.status == Some(status)).count() })
        .filter(|c| c.count > 0)
        .collect();
    let mut c = Context::new();
    c.insert("journeys", &journeys);
    c.insert("rows", &rows.iter().map(DashboardRow::of).collect::<Vec<_>>());
    c.insert("counts", &counts);
    page(Route::Metrics, "metrics.html", "Metrics", Section::Metrics, c)
}

/// A row of the metrics dashboard: only what its table shows. The dashboard lists every
/// metric of the playbook, so leaving out their series and notes keeps its context, the
/// largest of the build, several times smaller.
#[derive(Serialize)]
struct DashboardRow<'a> {
    journey: &'a Ref<'a>,
    stage: &'a Option<Ref<'a>>,
    metric: DashboardMetric<'a>,
    sparkline: &'a Option<String>,
    rank: usize,
}

/// The fields of a metric the dashboard shows, as [`crate::model::Metric`] names them.
#[derive(Serialize)]
struct DashboardMetric<'a> {
    /// For the metric's name in the page's language.
    id: &'a str,
    name: &'a str,
    value: f64,
    display: &'a str,
    target: Option<f64>,
    target_display: &'a Option<String>,
    status: Option<MetricStatus>,
    delta: Option<f64>,
    delta_display: &'a Option<String>,
    delta_better: Option<bool>,
}

impl<'a> DashboardRow<'a> {
    fn of(p: &'a PlacedMetric<'a>) -> Self {
        let m = p.metric;
        DashboardRow {
            journey: &p.journey,
            stage: &p.stage,
            metric: DashboardMetric {
                id: &m.id,
                name: &m.name,
                value: m.value,
                display: &m.display,
                target: m.target,
                target_display: &m.target_display,
                status: m.status,
                delta: m.delta,
                delta_display: &m.delta_display,
                delta_better: m.delta_better,
            },
            sparkline: &p.sparkline,
            rank: p.rank,
        }
    }
}
