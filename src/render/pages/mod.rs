//! Every page of SPEC §7: which pages there are ([`Key`]), their output paths, and each page's
//! small context. Pages are made one at a time from a key, so a build can make them in
//! parallel and `serve` can remake only those a change affects.

mod action;
pub use action::of_stage;
mod compare;
mod journey;
mod lists;
pub mod locale;
mod map;
#[cfg(test)]
mod theme_tests;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;
use tera::Context;

use crate::model::action::Word;
use crate::model::{id, Config, Journey, Note, Persona};
use crate::render::views::{JourneyCard, NoteCard};
use crate::route::Route;

/// How many items a list page shows before the next page.
pub const PAGE_SIZE: usize = 48;

/// One page to render.
pub struct Page {
    /// Output path, e.g. `journeys/snack-box/index.html`.
    pub path: String,
    pub template: &'static str,
    pub context: Context,
}

/// Notes and journeys that share a tag.
pub struct Tag<'a> {
    pub name: &'a str,
    pub slug: String,
    pub journeys: Vec<usize>,
    pub notes: Vec<usize>,
}

/// What the pages are made from: the validated model, the built notes, and indexes made once
/// so no page has to scan the whole site.
pub struct Content<'a> {
    /// The site's path prefix, for links drawn into cards and charts.
    pub base: &'a str,
    /// The site configuration, for the map's lanes.
    pub config: &'a Config,
    pub journeys: &'a [Journey],
    pub personas: &'a [Persona],
    /// Built notes, newest first.
    pub notes: Vec<&'a Note>,
    /// Notes (indexes into `notes`) by journey id, and by journey and stage id.
    pub notes_by_journey: HashMap<&'a str, Vec<usize>>,
    pub notes_by_stage: HashMap<(&'a str, &'a str), Vec<usize>>,
    /// Tags by page address.
    pub tags: Vec<Tag<'a>>,
    /// Whether the build writes history pages (`build --history`), for links to them.
    pub history: bool,
    /// The costly variables the theme names, which pages give only then
    /// ([`crate::render::reads`]).
    pub named: crate::render::reads::Named,
    /// Journeys (indexes) by id.
    pub journey_index: HashMap<&'a str, usize>,
    /// Journeys (indexes) in list order (SPEC §3), and each journey's place in that order.
    pub listed: Vec<usize>,
    pub listed_rank: Vec<usize>,
    /// Journeys (indexes, in list order) by the id of the journey they zoom into (SPEC §10).
    pub zooms: HashMap<&'a str, Vec<usize>>,
    /// Every journey's card and every built note's card, made once: many pages show them.
    pub journey_cards: Vec<JourneyCard<'a>>,
    pub note_cards: Vec<NoteCard<'a>>,
    /// Built notes by kind, for the insight list's filter.
    pub kinds: BTreeMap<&'a str, usize>,
    /// Every compared pair once, base first (see [`compared_pairs`]).
    pub pairs: Vec<(usize, usize)>,
    /// Every pain point and opportunity with its evidence, links and priority.
    pub actions: crate::render::actions::Actions<'a>,
    /// The link of every stage's page, by journey index, then stage index: the map, the
    /// funnel, the channel lists and the stage pagers all link stages.
    pub stage_hrefs: Vec<Vec<String>>,
    /// The built notes' HTML, in the order of `notes`, where a build took it out of the model
    /// to let it go once the note pages are written; empty where the notes keep their own.
    pub note_html: Vec<String>,
}

/// The charts of one journey's page, drawn while the page is made so that no journey's charts
/// are held longer than its page.
#[derive(Debug, Clone, Default, Serialize)]
pub struct JourneyCharts {
    pub funnel: Option<String>,
    /// The funnel laid out for phones, shown instead of `funnel` on narrow screens.
    pub funnel_narrow: Option<String>,
    pub wheel: String,
    pub channels: Option<String>,
    /// The channel matrix laid out for phones, shown instead of `channels` on narrow screens.
    pub channels_narrow: Option<String>,
    /// Retention by monthly cohort, from the journey's event log.
    pub retention: Option<String>,
}

/// Every journey's emotion sparkline, in its own language, in parallel. Cards, listed on many
/// pages, show them.
pub fn sparklines(renderer: &crate::render::Renderer, config: &Config, journeys: &[Journey]) -> Vec<Option<String>> {
    use rayon::prelude::*;
    journeys
        .par_iter()
        .with_max_len(1)
        .map(|j| match renderer.words(locale::journey(config, j)) {
            Some(words) => crate::i18n::current::within(words, || crate::charts::map_lane::sparkline(j)),
            None => crate::charts::map_lane::sparkline(j),
        })
        .collect()
}

impl JourneyCharts {
    /// Draws one journey's charts, in the interface language of the page being made.
    pub fn of(base: &str, j: &Journey) -> JourneyCharts {
        JourneyCharts {
            funnel: crate::charts::funnel::chart(j),
            funnel_narrow: crate::charts::funnel::narrow(j),
            wheel: crate::charts::wheel::chart(j, base),
            channels: crate::charts::channels::chart(j),
            channels_narrow: crate::charts::channels::narrow(j),
            retention: j
                .events
                .as_ref()
                .and_then(|e| crate::charts::retention::chart(e, &format!("retention-{}", j.id))),
        }
    }
}

/// What [`Content`] indexes beside the pain points and opportunities, which take longest.
struct Indexes<'a> {
    note_cards: Vec<NoteCard<'a>>,
    notes_by_journey: HashMap<&'a str, Vec<usize>>,
    notes_by_stage: HashMap<(&'a str, &'a str), Vec<usize>>,
    kinds: BTreeMap<&'a str, usize>,
    tags: Vec<Tag<'a>>,
    listed: Vec<usize>,
    listed_rank: Vec<usize>,
    zooms: HashMap<&'a str, Vec<usize>>,
    journey_cards: Vec<JourneyCard<'a>>,
    stage_hrefs: Vec<Vec<String>>,
}

impl<'a> Indexes<'a> {
    fn new(
        base: &'a str,
        config: &'a Config,
        journeys: &'a [Journey],
        personas: &'a [Persona],
        notes: &[&'a Note],
        sparklines: &'a [Option<String>],
        journey_index: &HashMap<&'a str, usize>,
    ) -> Self {
        use rayon::prelude::*;
        let note_cards: Vec<NoteCard> = notes
            .par_iter()
            .with_min_len(crate::cores::BATCH)
            .map(|n| {
                let journey = n.journey.as_ref().and_then(|j| journey_index.get(j.value.as_str()));
                NoteCard::new(n, journey.map(|&k| &journeys[k]), base)
            })
            .collect();
        let mut notes_by_journey: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut notes_by_stage: HashMap<(&str, &str), Vec<usize>> = HashMap::default();
        let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, (n, card)) in notes.iter().zip(&note_cards).enumerate() {
            *kinds.entry(n.kind.as_str()).or_default() += 1;
            if let Some(j) = &n.journey {
                notes_by_journey.entry(j.value.as_str()).or_default().push(i);
                // A note may name its stage by name; pages are keyed by the stage's id, which
                // its card has found.
                if let Some(stage) = &card.stage {
                    notes_by_stage.entry((j.value.as_str(), stage.id)).or_default().push(i);
                }
            }
        }
        let mut tags = Tags::default();
        for (i, j) in journeys.iter().enumerate() {
            for t in &j.tags {
                tags.entry(t).journeys.push(i);
            }
        }
        for (i, n) in notes.iter().enumerate() {
            for t in &n.tags {
                tags.entry(t).notes.push(i);
            }
        }
        let tags = tags.listed();
        let listed = listed(journeys);
        let mut listed_rank = vec![0; journeys.len()];
        let mut zooms: HashMap<&str, Vec<usize>> = HashMap::default();
        for (rank, &j) in listed.iter().enumerate() {
            listed_rank[j] = rank;
            if let Some(parent) = &journeys[j].parent {
                zooms.entry(parent.value.as_str()).or_default().push(j);
            }
        }
        let today = crate::validate::review::today();
        let journey_cards = journeys
            .par_iter()
            .with_min_len(crate::cores::BATCH)
            .enumerate()
            .map(|(i, j)| {
                let sparkline = sparklines.get(i).and_then(Option::as_deref);
                let stale = crate::validate::review::is_stale(j, config.stale_after, today);
                let parent = j.parent.as_ref().and_then(|p| journey_index.get(p.value.as_str())).map(|&i| &journeys[i]);
                JourneyCard::new(j, personas, sparkline, stale, parent, base)
            })
            .collect();
        let stage_hrefs = journeys
            .par_iter()
            .with_min_len(crate::cores::BATCH)
            .map(|j| j.stages.iter().map(|s| Route::Stage(&j.id, &s.id).href(base)).collect())
            .collect();
        Indexes {
            note_cards,
            notes_by_journey,
            notes_by_stage,
            kinds,
            tags,
            listed,
            listed_rank,
            zooms,
            journey_cards,
            stage_hrefs,
        }
    }
}

impl<'a> Content<'a> {
    /// Indexes the model; `notes` must already hold only the notes to build, newest first, and
    /// `sparklines` holds each journey's card curve (see [`sparklines`]).
    pub fn new(
        base: &'a str,
        config: &'a Config,
        journeys: &'a [Journey],
        personas: &'a [Persona],
        notes: Vec<&'a Note>,
        sparklines: &'a [Option<String>],
    ) -> Self {
        let journey_index: HashMap<&str, usize> =
            journeys.iter().enumerate().map(|(i, j)| (j.id.as_str(), i)).collect();
        // The pain points and opportunities with their evidence are the costly part, made on
        // one side; the cards and every other index, which need nothing of them, on the other.
        let (indexes, actions) = rayon::join(
            || Indexes::new(base, config, journeys, personas, &notes, sparklines, &journey_index),
            || crate::render::actions::Actions::new(journeys, &notes, base),
        );
        let mut content = Content {
            base,
            config,
            journeys,
            personas,
            notes,
            notes_by_journey: indexes.notes_by_journey,
            notes_by_stage: indexes.notes_by_stage,
            tags: indexes.tags,
            journey_index,
            listed: indexes.listed,
            listed_rank: indexes.listed_rank,
            zooms: indexes.zooms,
            journey_cards: indexes.journey_cards,
            note_cards: indexes.note_cards,
            kinds: indexes.kinds,
            pairs: Vec::new(),
            history: false,
            named: crate::render::reads::Named::ALL,
            actions,
            stage_hrefs: indexes.stage_hrefs,
            note_html: Vec::new(),
        };
        content.pairs = compared_pairs(&content);
        content
    }

    /// The journey with id `id`, if there is one.
    pub fn journey(&self, id: &str) -> Option<&'a Journey> {
        self.journey_index.get(id).map(|&i| &self.journeys[i])
    }

    /// `indexes` (journeys) in list order, each once (a journey may repeat a tag).
    pub fn in_list_order(&self, indexes: &[usize]) -> Vec<usize> {
        let mut out = indexes.to_vec();
        out.sort_by_key(|&i| self.listed_rank[i]);
        out.dedup();
        out
    }
}

/// Journeys as lists show them (SPEC §3): by `weight`, lowest first and unweighted last, then
/// by title.
fn listed(journeys: &[Journey]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..journeys.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&journeys[a], &journeys[b]);
        let weight = |w: Option<f64>| w.unwrap_or(f64::INFINITY);
        weight(a.weight)
            .total_cmp(&weight(b.weight))
            .then_with(|| a.title.to_lowercase().cmp(&b.title.to_lowercase()))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.id.cmp(&b.id))
    });
    order
}

/// Tags as they are met: each spelling's tag, found once per spelling (a few tags repeat on
/// thousands of notes), and each tag by its slug; the first spelling of a slug names the tag.
#[derive(Default)]
struct Tags<'a> {
    found: Vec<Tag<'a>>,
    by_name: HashMap<&'a str, usize>,
    by_slug: HashMap<String, usize>,
}

impl<'a> Tags<'a> {
    /// The tag `name` files under, made on first use.
    fn entry(&mut self, name: &'a str) -> &mut Tag<'a> {
        let at = match self.by_name.get(name) {
            Some(&at) => at,
            None => {
                let slug = id::derive(name).unwrap_or_default();
                let at = match self.by_slug.get(&slug) {
                    Some(&at) => at,
                    None => {
                        self.found.push(Tag { name, slug: slug.clone(), journeys: Vec::new(), notes: Vec::new() });
                        self.by_slug.insert(slug, self.found.len() - 1);
                        self.found.len() - 1
                    }
                };
                self.by_name.insert(name, at);
                at
            }
        };
        &mut self.found[at]
    }

    /// The tags in the order of their slugs, as their pages are listed.
    fn listed(mut self) -> Vec<Tag<'a>> {
        self.found.sort_by(|a, b| a.slug.cmp(&b.slug));
        self.found
    }
}

/// The template a page at `route` is made with.
pub fn template(route: &Route) -> &'static str {
    match route {
        Route::Home => "index.html",
        Route::Journeys(_) => "journeys.html",
        Route::Journey(_) => "journey.html",
        Route::Stage(..) => "stage.html",
        Route::History(_) => "history.html",
        Route::Compare(..) => "compare.html",
        Route::Personas => "personas.html",
        Route::Persona(_) => "persona.html",
        Route::Insights(_) => "insights.html",
        Route::Note(_) => "note.html",
        Route::Tags => "tags.html",
        Route::Tag(..) => "tag.html",
        Route::Metrics => "metrics.html",
        Route::PainPoints => "pain_points.html",
        Route::Opportunities => "opportunities.html",
        Route::Roadmap => "roadmap.html",
        Route::NotFound => "404.html",
    }
}

/// One page of every kind a site may have; the rest of what a site makes has no template.
const KINDS: [Route<'static>; 17] = [
    Route::Home,
    Route::Journeys(1),
    Route::Journey(""),
    Route::Stage("", ""),
    Route::History(""),
    Route::Compare("", ""),
    Route::Personas,
    Route::Persona(""),
    Route::Insights(1),
    Route::Note(""),
    Route::Tags,
    Route::Tag("", 1),
    Route::Metrics,
    Route::PainPoints,
    Route::Opportunities,
    Route::Roadmap,
    Route::NotFound,
];

/// The templates of the kinds of page a playbook of `journeys` and `personas` does not have,
/// which a build of it never renders: journey, stage and comparison pages with no journeys,
/// comparisons when no journey names another, persona pages with no personas, history pages
/// unless `history`. Every other template is a page's or a part of one.
pub fn unused_templates(journeys: &[Journey], personas: &[Persona], history: bool) -> Vec<&'static str> {
    let absent = |route: &Route| match route {
        Route::Journey(_) | Route::Stage(..) => journeys.is_empty(),
        Route::Compare(..) => journeys.iter().all(|j| j.compare_to.is_none()),
        Route::Persona(_) => personas.is_empty(),
        Route::History(_) => !history,
        _ => false,
    };
    KINDS.iter().filter(|route| absent(route)).map(template).collect()
}

/// Names one page of the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Key {
    Home,
    /// A page of the journey list, from 1.
    Journeys(usize),
    Personas,
    /// A page of the insight list, from 1.
    Insights(usize),
    Journey(usize),
    Stage(usize, usize),
    Persona(usize),
    /// A note, by index into `Content::notes`.
    Note(usize),
    Tags,
    /// A tag (index into `Content::tags`) and a page of it, from 1.
    Tag(usize, usize),
    PainPoints,
    Opportunities,
    Roadmap,
    Metrics,
    /// The comparison of two journeys (indexes), the first shown as the base.
    Compare(usize, usize),
    NotFound,
}

/// The journey `journey` is compared with, when it names one that exists.
pub fn compared_with<'a>(content: &Content<'a>, journey: &Journey) -> Option<&'a Journey> {
    content.journey(&journey.compare_to.as_ref()?.value)
}

/// Every compared pair once (SPEC §7), as journey indexes with the base first: the journey
/// that names the other, or, when both name each other, the current state (else the smaller
/// id). Pairs are in the order of their first journey.
pub fn compared_pairs(content: &Content) -> Vec<(usize, usize)> {
    let journeys = content.journeys;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, j) in journeys.iter().enumerate() {
        let Some(other) = compared_with(content, j) else { continue };
        let Some(&k) = content.journey_index.get(other.id.as_str()) else { continue };
        if k == i || pairs.iter().any(|&(a, b)| (a, b) == (i, k) || (a, b) == (k, i)) {
            continue;
        }
        let mutual = compared_with(content, other).is_some_and(|o| std::ptr::eq(o, j));
        let other_first = mutual && (other.state, &other.id) < (j.state, &j.id);
        pairs.push(if other_first { (k, i) } else { (i, k) });
    }
    pairs
}

/// How many list pages `items` fill; always at least one.
pub fn page_count(items: usize) -> usize {
    items.div_ceil(PAGE_SIZE).max(1)
}

/// Every page of the site, in a stable order.
pub fn keys(content: &Content) -> Vec<Key> {
    let mut keys = vec![
        Key::Home,
        Key::Personas,
        Key::Tags,
        Key::PainPoints,
        Key::Opportunities,
        Key::Roadmap,
        Key::Metrics,
        Key::NotFound,
    ];
    keys.extend((1..=page_count(content.journeys.len())).map(Key::Journeys));
    keys.extend((1..=page_count(content.notes.len())).map(Key::Insights));
    for (j, journey) in content.journeys.iter().enumerate() {
        keys.push(Key::Journey(j));
        keys.extend((0..journey.stages.len()).map(|s| Key::Stage(j, s)));
    }
    keys.extend(content.pairs.iter().map(|&(a, b)| Key::Compare(a, b)));
    keys.extend((0..content.personas.len()).map(Key::Persona));
    keys.extend((0..content.notes.len()).map(Key::Note));
    for (t, tag) in content.tags.iter().enumerate() {
        keys.extend((1..=page_count(tag.journeys.len().max(tag.notes.len()))).map(|p| Key::Tag(t, p)));
    }
    keys
}

/// The address of the page that `key` names, as [`build`] makes it.
pub fn route<'c>(content: &'c Content, key: &Key) -> Route<'c> {
    match *key {
        Key::Home => Route::Home,
        Key::Journeys(p) => Route::Journeys(p),
        Key::Personas => Route::Personas,
        Key::Insights(p) => Route::Insights(p),
        Key::Journey(j) => Route::Journey(&content.journeys[j].id),
        Key::Stage(j, s) => Route::Stage(&content.journeys[j].id, &content.journeys[j].stages[s].id),
        Key::Persona(p) => Route::Persona(&content.personas[p].id),
        Key::Note(n) => Route::Note(&content.notes[n].id),
        Key::Tags => Route::Tags,
        Key::Tag(t, p) => Route::Tag(&content.tags[t].slug, p),
        Key::PainPoints => Route::PainPoints,
        Key::Opportunities => Route::Opportunities,
        Key::Roadmap => Route::Roadmap,
        Key::Metrics => Route::Metrics,
        Key::Compare(a, b) => Route::Compare(&content.journeys[a].id, &content.journeys[b].id),
        Key::NotFound => Route::NotFound,
    }
}

/// Makes the page that `key` names.
pub fn build(content: &Content, key: &Key) -> Page {
    match key {
        Key::Home => lists::home(content),
        Key::Journeys(p) => lists::journeys_index(content, *p),
        Key::Personas => lists::personas_index(content),
        Key::Insights(p) => lists::insights_index(content, *p),
        Key::Journey(j) => journey::journey(content, *j),
        Key::Stage(j, s) => journey::stage(content, &content.journeys[*j], *s),
        Key::Persona(p) => lists::persona(content, &content.personas[*p]),
        Key::Note(n) => lists::note(content, content.notes[*n], content.note_html.get(*n).map(String::as_str)),
        Key::Tags => lists::tags_index(content),
        Key::Tag(t, p) => lists::tag(content, &content.tags[*t], *p),
        Key::PainPoints => action::pain_points(content),
        Key::Opportunities => action::opportunities(content),
        Key::Roadmap => action::roadmap(content),
        Key::Metrics => lists::metrics(content),
        Key::Compare(a, b) => compare::compare(content, &content.journeys[*a], &content.journeys[*b]),
        Key::NotFound => page(Route::NotFound, "Page not found", Section::Nowhere, &NotFoundContext {}),
    }
}

/// The part of the site a page belongs to: the header highlights it, and `base.html` names
/// the body's class after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    /// A page outside every section (the 404 page).
    #[serde(rename = "")]
    Nowhere,
    Home,
    Journeys,
    Personas,
    Insights,
    Tags,
    Metrics,
    PainPoints,
    Opportunities,
    Roadmap,
}

/// What every page receives as `page`, besides its own context.
#[derive(Serialize)]
pub struct PageInfo<'a> {
    /// The page's title; empty on the home page, which shows the site's.
    pub title: &'a str,
    /// Header section to highlight.
    pub section: Section,
    /// Path of the page below the base, e.g. `journeys/x/`.
    pub path: &'a str,
}

/// What `404.html` receives: nothing of its own.
#[derive(Serialize)]
pub struct NotFoundContext {}

/// A page at `route` made with its [`template`] from its typed `context`, plus the shared `page`.
fn page(route: Route, title: &str, section: Section, context: &impl Serialize) -> Page {
    page_of(route, title, section, values(context))
}

/// A typed page context as the values Tera reads.
fn values(context: &impl Serialize) -> serde_json::Value {
    // A context is a struct, so it always serialises to the map Tera needs.
    serde_json::to_value(context).expect("a page context is a struct")
}

/// [`page`] from the context's values, made with [`values`].
fn page_of(route: Route, title: &str, section: Section, values: serde_json::Value) -> Page {
    let (path, template) = (route.file(), template(&route));
    let dir = path.strip_suffix("index.html").unwrap_or(&path);
    let mut context = Context::from_value(values).expect("a page context is a struct");
    context.insert("page", &PageInfo { title, section, path: dir });
    Page { path, template, context }
}

/// Previous and next links of a paginated list, for templates.
#[derive(Serialize)]
pub struct Pager {
    /// This page's number, from 1, and how many pages the list has.
    pub number: usize,
    pub count: usize,
    /// The folders of the previous and next pages, below the base.
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// The pager of list page `number` of `items`; `route` gives the address of a page.
    fn new<'a>(route: impl Fn(usize) -> Route<'a>, number: usize, items: usize) -> Self {
        let count = page_count(items);
        Pager {
            number,
            count,
            previous: (number > 1).then(|| route(number - 1).dir()),
            next: (number < count).then(|| route(number + 1).dir()),
        }
    }
}

/// The slice of `items` shown on list page `number`.
fn slice<T>(items: &[T], number: usize) -> &[T] {
    let start = ((number.max(1) - 1) * PAGE_SIZE).min(items.len());
    &items[start..(start + PAGE_SIZE).min(items.len())]
}
