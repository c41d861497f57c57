//! The list pages: home, journeys, personas, insights, tags, pain points, opportunities and
//! the metrics dashboard; and the persona and note pages.

use std::collections::BTreeMap;

use serde::Serialize;

use super::journey::funnel_rows;
use super::{page, page_of, slice, values, Content, Page, Pager, Section, Tag};
use crate::charts;
use crate::model::action::Word;
use crate::model::{Journey, MetricStatus, Note, Persona};
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

/// How much the playbook holds, for the home page's summary.
#[derive(Serialize)]
pub struct Totals {
    pub journeys: usize,
    pub stages: usize,
    pub touchpoints: usize,
    pub pain_points: usize,
    pub opportunities: usize,
    pub notes: usize,
    pub personas: usize,
}

/// What `index.html` (the home page) receives.
#[derive(Serialize)]
pub struct HomeContext<'a> {
    /// The first journeys in list order, top-level ones first.
    pub journeys: Vec<&'a JourneyCard<'a>>,
    /// Whether there are more journeys than the home page lists.
    pub more_journeys: bool,
    pub personas: Vec<PersonaCard<'a>>,
    /// The newest notes.
    pub notes: Vec<&'a NoteCard<'a>>,
    pub totals: Totals,
    /// The metrics the home page leads with, off target first.
    pub headline: Vec<PlacedMetric<'a>>,
}

pub fn home(content: &Content) -> Page {
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
    // Top-level journeys lead; nested ones (SPEC §10) follow.
    let nested = |&i: &usize| content.journeys[i].parent.is_some();
    let order =
        content.listed.iter().copied().filter(|i| !nested(i)).chain(content.listed.iter().copied().filter(nested));
    let headline = headline_metrics(content.journeys, 8, content.base);
    let local: Vec<_> = headline.iter().map(|h| crate::i18n::amounts::metric(h.metric)).collect();
    let c = HomeContext {
        journeys: cards(content, order.take(HOME_ITEMS)),
        more_journeys: content.journeys.len() > HOME_ITEMS,
        personas: content.personas.iter().take(HOME_ITEMS).map(|p| PersonaCard::new(p, content.base)).collect(),
        notes: note_cards(content, 0..content.notes.len().min(HOME_ITEMS)),
        totals,
        headline: headline.into_iter().zip(&local).map(|(h, m)| PlacedMetric { metric: m, ..h }).collect(),
    };
    page(Route::Home, "", Section::Home, &c)
}

/// What `journeys.html` (a page of the journey list) receives.
#[derive(Serialize)]
pub struct JourneysContext<'a> {
    /// This page's journeys, in list order.
    pub journeys: Vec<&'a JourneyCard<'a>>,
    pub pager: Pager,
}

pub fn journeys_index(content: &Content, number: usize) -> Page {
    let all = &content.listed;
    let c = JourneysContext {
        journeys: cards(content, slice(all, number).iter().copied()),
        pager: Pager::new(Route::Journeys, number, all.len()),
    };
    let title = if number > 1 { format!("Journeys, page {number}") } else { "Journeys".into() };
    page(Route::Journeys(number), &title, Section::Journeys, &c)
}

/// What `personas.html` (the persona list) receives.
#[derive(Serialize)]
pub struct PersonasContext<'a> {
    /// Every persona, in the order of their files.
    pub personas: Vec<PersonaCard<'a>>,
}

pub fn personas_index(content: &Content) -> Page {
    let c = PersonasContext { personas: content.personas.iter().map(|p| PersonaCard::new(p, content.base)).collect() };
    page(Route::Personas, "Personas", Section::Personas, &c)
}

/// What `insights.html` (a page of the insight list) receives.
#[derive(Serialize)]
pub struct InsightsContext<'a> {
    /// This page's notes, newest first.
    pub notes: Vec<&'a NoteCard<'a>>,
    /// How many built notes there are of each kind, for the filter.
    pub kinds: &'a BTreeMap<&'a str, usize>,
    pub pager: Pager,
}

pub fn insights_index(content: &Content, number: usize) -> Page {
    let all = 0..content.notes.len();
    let shown = all.clone().skip((number.max(1) - 1) * super::PAGE_SIZE).take(super::PAGE_SIZE);
    let c = InsightsContext {
        notes: note_cards(content, shown),
        kinds: &content.kinds,
        pager: Pager::new(Route::Insights, number, all.len()),
    };
    let title = if number > 1 { format!("Insights, page {number}") } else { "Insights".into() };
    page(Route::Insights(number), &title, Section::Insights, &c)
}

/// What `persona.html` receives.
#[derive(Serialize)]
pub struct PersonaContext<'a> {
    /// The persona as read from its file.
    pub persona: &'a Persona,
    /// Its photo or initials, segment size and demographics, ready to show.
    pub card: PersonaCard<'a>,
    /// The journeys the persona walks, in list order.
    pub journeys: Vec<&'a JourneyCard<'a>>,
    /// The emotion curves of those journeys on one chart (SVG), and its layout for phones.
    pub chart: Option<String>,
    pub chart_narrow: Option<String>,
    /// The journeys the chart draws, in the order of its series: each one's title and its
    /// stages' names and emotions, for the chart's table.
    pub curve_table: Vec<CurveRow<'a>>,
    /// Those journeys whole, given only where a template names `curves` ([`Content::named`]):
    /// a persona walks many journeys, each with all its stages, touchpoints and metrics.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curves: Option<&'a [&'a Journey]>,
}

/// One journey of a persona's emotion chart, as its table shows it.
#[derive(Serialize)]
pub struct CurveRow<'a> {
    pub title: &'a str,
    pub stages: Vec<CurveStage<'a>>,
}

/// A stage's name and emotion, one row of a [`CurveRow`]'s table.
#[derive(Serialize)]
pub struct CurveStage<'a> {
    pub name: &'a str,
    pub emotion: Option<f64>,
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
    let id = format!("persona-{}", p.id);
    let c = PersonaContext {
        persona: p,
        card: PersonaCard::new(p, content.base),
        journeys: cards(content, content.in_list_order(&walks).into_iter()),
        chart: charts::persona::curves(&journeys, &id, &title),
        chart_narrow: charts::persona::curves_narrow(&journeys, &id, &title),
        curve_table: journeys
            .iter()
            .map(|j| CurveRow {
                title: &j.title,
                stages: j.stages.iter().map(|s| CurveStage { name: &s.name, emotion: s.emotion }).collect(),
            })
            .collect(),
        curves: content.named.curves.then_some(&journeys),
    };
    page(Route::Persona(&p.id), &p.name, Section::Personas, &c)
}

/// What `note.html` (an insight note) receives.
#[derive(Serialize)]
pub struct NoteContext<'a> {
    /// The note as read, its body rendered to HTML.
    pub note: &'a Note,
    /// The note's card: its journey and stage as links, its kind and date as shown.
    pub card: NoteCard<'a>,
}

/// The page of `n`, whose body is `html` where the build took it out of the model.
pub fn note(content: &Content, n: &Note, html: Option<&str>) -> Page {
    let c = NoteContext {
        note: n,
        card: NoteCard::new(n, n.journey.as_ref().and_then(|r| content.journey(&r.value)), content.base),
    };
    let mut values = values(&c);
    if let Some((html, body)) = html.zip(values.pointer_mut("/note/body").and_then(|b| b.as_object_mut())) {
        body.insert("html".to_string(), html.into());
    }
    page_of(Route::Note(&n.id), &n.title, Section::Insights, values)
}

/// A tag and how many journeys and notes carry it.
#[derive(Serialize)]
pub struct TagCount<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub count: usize,
}

/// What `tags.html` (every tag) receives.
#[derive(Serialize)]
pub struct TagsContext<'a> {
    /// Every tag, by address.
    pub tags: Vec<TagCount<'a>>,
}

pub fn tags_index(content: &Content) -> Page {
    let counts: Vec<TagCount> = content
        .tags
        .iter()
        .map(|t| TagCount { name: t.name, slug: &t.slug, count: t.journeys.len() + t.notes.len() })
        .collect();
    page(Route::Tags, "Tags", Section::Tags, &TagsContext { tags: counts })
}

/// One tag and what carries it on one page of its list.
#[derive(Serialize)]
pub struct TagView<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub journeys: Vec<&'a JourneyCard<'a>>,
    pub notes: Vec<&'a NoteCard<'a>>,
}

/// What `tag.html` (a page of one tag) receives.
#[derive(Serialize)]
pub struct TagContext<'a> {
    pub tag: TagView<'a>,
    pub pager: Pager,
}

pub fn tag(content: &Content, tag: &Tag, number: usize) -> Page {
    let tagged = content.in_list_order(&tag.journeys);
    let view = TagView {
        name: tag.name,
        slug: &tag.slug,
        journeys: cards(content, slice(&tagged, number).iter().copied()),
        notes: note_cards(content, slice(&tag.notes, number).iter().copied()),
    };
    let c = TagContext {
        tag: view,
        pager: Pager::new(|n| Route::Tag(&tag.slug, n), number, tag.journeys.len().max(tag.notes.len())),
    };
    let title = format!("Tagged “{}”", tag.name);
    page(Route::Tag(&tag.slug, number), &title, Section::Tags, &c)
}

/// A journey and its funnel table, for the dashboard's funnels.
#[derive(Serialize)]
pub struct JourneyFunnel<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub funnel: Option<Vec<FunnelRow<'a>>>,
}

/// How many metrics of the dashboard have one status.
#[derive(Serialize)]
pub struct StatusCount {
    pub status: MetricStatus,
    pub count: usize,
}

/// What `metrics.html` (the metrics dashboard) receives.
#[derive(Serialize)]
pub struct MetricsContext<'a> {
    /// Every journey with its funnel, in file order.
    pub journeys: Vec<JourneyFunnel<'a>>,
    /// Every metric of the playbook, worst status first.
    pub rows: Vec<DashboardRow<'a>>,
    /// How many metrics have each status, best last; statuses no metric has are left out.
    pub counts: Vec<StatusCount>,
}

pub fn metrics(content: &Content) -> Page {
    let journeys: Vec<JourneyFunnel> = content
        .journeys
        .iter()
        .zip(&content.stage_hrefs)
        .map(|(j, hrefs)| JourneyFunnel { id: &j.id, title: &j.title, funnel: funnel_rows(j, hrefs) })
        .collect();
    let rows = placed_metrics(content.journeys, content.base);
    let counts: Vec<StatusCount> = MetricStatus::WORDS
        .iter()
        .rev()
        .map(|&(_, status)| StatusCount {
            status,
            count: rows.iter().filter(|r| r.metric.status == Some(status)).count(),
        })
        .filter(|c| c.count > 0)
        .collect();
    let c = MetricsContext { journeys, rows: rows.iter().map(DashboardRow::of).collect(), counts };
    page(Route::Metrics, "Metrics", Section::Metrics, &c)
}

/// A row of the metrics dashboard: only what its table shows. The dashboard lists every
/// metric of the playbook, so leaving out their series and notes keeps its context, the
/// largest of the build, several times smaller.
#[derive(Serialize)]
pub struct DashboardRow<'a> {
    pub journey: &'a Ref<'a>,
    pub stage: &'a Option<Ref<'a>>,
    /// The links of the journey's page and the stage's, as `url()` gives them.
    pub journey_href: &'a str,
    pub stage_href: &'a Option<String>,
    pub metric: DashboardMetric<'a>,
    pub sparkline: &'a Option<String>,
    pub rank: usize,
}

/// The fields of a metric the dashboard shows, as [`crate::model::Metric`] names them.
#[derive(Serialize)]
pub struct DashboardMetric<'a> {
    /// For the metric's name in the page's language.
    pub id: &'a str,
    pub name: &'a str,
    pub value: f64,
    pub display: String,
    pub target: Option<f64>,
    pub target_display: Option<String>,
    pub status: Option<MetricStatus>,
    pub delta: Option<f64>,
    pub delta_display: Option<String>,
    pub delta_better: Option<bool>,
}

impl<'a> DashboardRow<'a> {
    fn of(p: &'a PlacedMetric<'a>) -> Self {
        let m = p.metric;
        let texts = crate::i18n::amounts::texts(m);
        DashboardRow {
            journey: &p.journey,
            stage: &p.stage,
            journey_href: &p.journey_href,
            stage_href: &p.stage_href,
            metric: DashboardMetric {
                id: &m.id,
                name: &m.name,
                value: m.value,
                display: texts.value,
                target: m.target,
                target_display: texts.target,
                status: m.status,
                delta: m.delta,
                delta_display: texts.change,
                delta_better: m.delta_better,
            },
            sparkline: &p.sparkline,
            rank: p.rank,
        }
    }
}
