//! Every page of SPEC §7: its output path, template and small context.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use crate::charts;
use crate::metrics::funnel;
use crate::model::{Journey, Note, Persona, LEVELS};
use crate::render::views::*;

/// One page to render.
pub struct Page {
    /// Output path, e.g. `journeys/snack-box/index.html`.
    pub path: String,
    pub template: &'static str,
    pub context: Context,
}

/// What the pages are made from: the validated model, with only the notes that are built.
pub struct Content<'a> {
    /// The site's path prefix, for links drawn into charts.
    pub base: &'a str,
    pub journeys: &'a [Journey],
    pub personas: &'a [Persona],
    /// Built notes, newest first.
    pub notes: Vec<&'a Note>,
}

#[derive(Serialize)]
struct PageInfo<'a> {
    title: &'a str,
    /// Header section to highlight.
    section: &'a str,
    /// Path of the page below the base, e.g. `journeys/x/`.
    path: &'a str,
}

fn page(path: &str, template: &'static str, title: &str, section: &str, mut context: Context) -> Page {
    let dir = path.strip_suffix("index.html").unwrap_or(path);
    context.insert("page", &PageInfo { title, section, path: dir });
    Page { path: path.to_string(), template, context }
}

/// Every page of the site, in a stable order.
pub fn all(content: &Content) -> Vec<Page> {
    let mut pages = vec![home(content), journeys_index(content), personas_index(content), insights_index(content)];
    for j in content.journeys {
        pages.push(journey(content, j));
        for i in 0..j.stages.len() {
            pages.push(stage(content, j, i));
        }
    }
    pages.extend(content.personas.iter().map(|p| persona(content, p)));
    pages.extend(content.notes.iter().map(|n| note(content, n)));
    pages.extend(tags(content));
    pages.push(pain_points(content));
    pages.push(opportunities(content));
    pages.push(metrics(content));
    pages.push(page("404.html", "404.html", "Page not found", "", Context::new()));
    pages
}

fn notes_where<'a>(content: &'a Content, keep: impl Fn(&Note) -> bool) -> Vec<NoteCard<'a>> {
    content.notes.iter().filter(|n| keep(n)).map(|n| NoteCard::new(n, content.journeys)).collect()
}

fn cards<'a>(content: &'a Content, keep: impl Fn(&Journey) -> bool) -> Vec<JourneyCard<'a>> {
    content.journeys.iter().filter(|j| keep(j)).map(|j| JourneyCard::new(j, content.personas)).collect()
}

fn home(content: &Content) -> Page {
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
        touchpoints: stages.clone().map(|s| s.touchpoints.len()).sum(),
        pain_points: stages.clone().map(|s| s.pain_points.len()).sum(),
        opportunities: stages.map(|s| s.opportunities.len()).sum(),
        notes: content.notes.len(),
        personas: content.personas.len(),
    };
    let mut c = Context::new();
    c.insert("journeys", &cards(content, |_| true));
    c.insert("personas", content.personas);
    c.insert("notes", &content.notes.iter().take(6).map(|n| NoteCard::new(n, content.journeys)).collect::<Vec<_>>());
    c.insert("totals", &totals);
    let headline: Vec<PlacedMetric> =
        placed_metrics(content.journeys).into_iter().filter(|p| p.stage.is_none()).take(8).collect();
    c.insert("headline", &headline);
    page("index.html", "index.html", "", "home", c)
}

fn journeys_index(content: &Content) -> Page {
    let mut c = Context::new();
    c.insert("journeys", &cards(content, |_| true));
    page("journeys/index.html", "journeys.html", "Journeys", "journeys", c)
}

fn personas_index(content: &Content) -> Page {
    let mut c = Context::new();
    c.insert("personas", content.personas);
    page("personas/index.html", "personas.html", "Personas", "personas", c)
}

fn insights_index(content: &Content) -> Page {
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for n in &content.notes {
        *kinds.entry(n.kind).or_default() += 1;
    }
    let mut c = Context::new();
    c.insert("notes", &notes_where(content, |_| true));
    c.insert("kinds", &kinds);
    page("insights/index.html", "insights.html", "Insights", "insights", c)
}

fn journey(content: &Content, j: &Journey) -> Page {
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
    let compare =
        j.compare_to.as_ref().and_then(|r| content.journeys.iter().find(|o| o.id == r.value)).map(journey_ref);
    let compared_by: Vec<Ref> = content
        .journeys
        .iter()
        .filter(|o| o.compare_to.as_ref().is_some_and(|r| r.value == j.id))
        .map(journey_ref)
        .collect();
    let compared = j.compare_to.as_ref().and_then(|r| content.journeys.iter().find(|o| o.id == r.value));
    #[derive(Serialize)]
    struct Charts {
        emotion: Option<String>,
        funnel: Option<String>,
        wheel: String,
        channels: Option<String>,
    }
    let charts = Charts {
        emotion: charts::emotion::chart(j, compared),
        funnel: charts::funnel::chart(j),
        wheel: charts::wheel::chart(j, content.base),
        channels: charts::channels::chart(j),
    };
    let mut c = Context::new();
    c.insert("journey", j);
    c.insert("charts", &charts);
    c.insert(
        "compared",
        &compared.map(|o| o.stages.iter().map(|s| (s.id.as_str(), s.emotion)).collect::<BTreeMap<_, _>>()),
    );
    c.insert("kpis", &kpis(&j.metrics, &j.id, true));
    c.insert("persona", &persona_ref(j, content.personas));
    c.insert("rows", &MapRows::of(&j.stages));
    c.insert("funnel", &funnel_rows);
    c.insert("channels", &channels);
    c.insert("compare", &compare);
    c.insert("compared_by", &compared_by);
    c.insert("notes", &notes_where(content, |n| n.journey.as_ref().is_some_and(|r| r.value == j.id)));
    page(&format!("journeys/{}/index.html", j.id), "journey.html", &j.title, "journeys", c)
}

/// The funnel table of a journey; `None` when no stage records `entered`.
fn funnel_rows(j: &Journey) -> Option<Vec<FunnelRow<'_>>> {
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

fn metrics(content: &Content) -> Page {
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
        status: &'static str,
        count: usize,
    }
    let counts: Vec<Count> = crate::metrics::status::ORDER
        .iter()
        .rev()
        .map(|status| Count { status, count: rows.iter().filter(|r| r.metric.status == Some(status)).count() })
        .filter(|c| c.count > 0)
        .collect();
    let mut c = Context::new();
    c.insert("journeys", &journeys);
    c.insert("rows", &rows);
    c.insert("counts", &counts);
    page("metrics/index.html", "metrics.html", "Metrics", "metrics", c)
}

fn stage(content: &Content, j: &Journey, index: usize) -> Page {
    let s = &j.stages[index];
    let mut c = Context::new();
    c.insert("journey", &JourneyCard::new(j, content.personas));
    c.insert("stage", s);
    c.insert("kpis", &kpis(&s.metrics, &s.id, true));
    c.insert("position", &(index + 1));
    c.insert("count", &j.stages.len());
    c.insert("previous", &index.checked_sub(1).map(|i| stage_ref(&j.stages[i])));
    c.insert("next", &j.stages.get(index + 1).map(stage_ref));
    let drops = funnel::drop_offs(&[s.entered, j.stages.get(index + 1).and_then(|n| n.entered)]);
    c.insert("drop_off", &drops[0]);
    c.insert(
        "notes",
        &notes_where(content, |n| {
            n.journey.as_ref().is_some_and(|r| r.value == j.id) && n.stage.as_ref().is_some_and(|r| r.value == s.id)
        }),
    );
    let title = format!("{} · {}", s.name, j.title);
    page(&format!("journeys/{}/{}/index.html", j.id, s.id), "stage.html", &title, "journeys", c)
}

fn persona(content: &Content, p: &Persona) -> Page {
    let mut c = Context::new();
    c.insert("persona", p);
    c.insert("journeys", &cards(content, |j| j.persona.as_ref().is_some_and(|r| r.value == p.id)));
    page(&format!("personas/{}/index.html", p.id), "persona.html", &p.name, "personas", c)
}

fn note(content: &Content, n: &Note) -> Page {
    let mut c = Context::new();
    c.insert("note", n);
    c.insert("card", &NoteCard::new(n, content.journeys));
    page(&format!("insights/{}/index.html", n.id), "note.html", &n.title, "insights", c)
}

fn tags(content: &Content) -> Vec<Page> {
    #[derive(Serialize)]
    struct Tag<'a> {
        name: &'a str,
        slug: String,
        journeys: Vec<JourneyCard<'a>>,
        notes: Vec<NoteCard<'a>>,
    }
    let mut tags: BTreeMap<String, Tag> = BTreeMap::new();
    let mut entry = |name: &str| {
        let slug = crate::model::id::derive(name).unwrap_or_default();
        tags.entry(slug.clone()).or_insert_with(|| Tag { name: "", slug, journeys: Vec::new(), notes: Vec::new() });
    };
    content
        .journeys
        .iter()
        .flat_map(|j| &j.tags)
        .chain(content.notes.iter().flat_map(|n| &n.tags))
        .for_each(|t| entry(t));
    for j in content.journeys {
        for t in &j.tags {
            let tag = tags.get_mut(&crate::model::id::derive(t).unwrap_or_default()).expect("collected above");
            if tag.name.is_empty() {
                tag.name = t;
            }
            tag.journeys.push(JourneyCard::new(j, content.personas));
        }
    }
    for n in &content.notes {
        for t in &n.tags {
            let tag = tags.get_mut(&crate::model::id::derive(t).unwrap_or_default()).expect("collected above");
            if tag.name.is_empty() {
                tag.name = t;
            }
            tag.notes.push(NoteCard::new(n, content.journeys));
        }
    }
    #[derive(Serialize)]
    struct TagCount<'a> {
        name: &'a str,
        slug: &'a str,
        count: usize,
    }
    let mut c = Context::new();
    let counts: Vec<TagCount> = tags
        .values()
        .map(|t| TagCount { name: t.name, slug: &t.slug, count: t.journeys.len() + t.notes.len() })
        .collect();
    c.insert("tags", &counts);
    let mut pages = vec![page("tags/index.html", "tags.html", "Tags", "tags", c)];
    for tag in tags.values() {
        let mut c = Context::new();
        c.insert("tag", tag);
        let title = format!("Tagged “{}”", tag.name);
        pages.push(page(&format!("tags/{}/index.html", tag.slug), "tag.html", &title, "tags", c));
    }
    pages
}

fn pain_points(content: &Content) -> Page {
    let mut items: Vec<Located> = Vec::new();
    for j in content.journeys {
        for s in &j.stages {
            for p in &s.pain_points {
                items.push(Located {
                    text: &p.text,
                    level: p.severity,
                    effort: "",
                    journey: journey_ref(j),
                    stage: stage_ref(s),
                    touchpoint: None,
                });
            }
            for t in &s.touchpoints {
                for p in &t.pain_points {
                    items.push(Located {
                        text: p,
                        level: "medium",
                        effort: "",
                        journey: journey_ref(j),
                        stage: stage_ref(s),
                        touchpoint: Some(&t.name),
                    });
                }
            }
        }
    }
    #[derive(Serialize)]
    struct Group<'a> {
        severity: &'a str,
        items: Vec<&'a Located<'a>>,
    }
    let groups: Vec<Group> = LEVELS
        .iter()
        .rev()
        .map(|level| Group { severity: level, items: items.iter().filter(|i| i.level == *level).collect() })
        .collect();
    let mut c = Context::new();
    c.insert("groups", &groups);
    c.insert("count", &items.len());
    page("pain-points/index.html", "pain_points.html", "Pain points", "pain-points", c)
}

fn opportunities(content: &Content) -> Page {
    let mut items: Vec<Located> = Vec::new();
    for j in content.journeys {
        for s in &j.stages {
            for o in &s.opportunities {
                items.push(Located {
                    text: &o.text,
                    level: o.impact,
                    effort: o.effort,
                    journey: journey_ref(j),
                    stage: stage_ref(s),
                    touchpoint: None,
                });
            }
        }
    }
    let rank = |level: &str| LEVELS.iter().position(|l| *l == level).unwrap_or(0);
    // Quick wins first: high impact, then low effort.
    items.sort_by_key(|o| (std::cmp::Reverse(rank(o.level)), rank(o.effort)));
    #[derive(Serialize)]
    struct Cell<'a> {
        impact: &'a str,
        effort: &'a str,
        items: Vec<&'a Located<'a>>,
    }
    let matrix: Vec<Vec<Cell>> = LEVELS
        .iter()
        .rev()
        .map(|impact| {
            LEVELS
                .iter()
                .map(|effort| Cell {
                    impact,
                    effort,
                    items: items.iter().filter(|o| o.level == *impact && o.effort == *effort).collect(),
                })
                .collect()
        })
        .collect();
    let pairs: Vec<(&str, &str)> = items.iter().map(|o| (o.level, o.effort)).collect();
    let mut c = Context::new();
    c.insert("chart", &charts::opportunities::chart(&pairs));
    c.insert("matrix", &matrix);
    c.insert("items", &items);
    page("opportunities/index.html", "opportunities.html", "Opportunities", "opportunities", c)
}
