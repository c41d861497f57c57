//! The journey map's context: its lanes in order (SPEC §3.1), one column per stage, and the
//! emotion curve drawn as a lane of the grid.

use std::collections::BTreeMap;

use serde::Serialize;

use super::Content;
use crate::model::action::{Level, Word};
use crate::model::lanes::{self, BuiltinLane, Lane};
use crate::model::{Config, Journey, Stage};
use crate::route::Route;
use crate::text::{escape_html, escape_html_into};

/// A row of the map and the grid row it takes (row 1 holds the stage names).
#[derive(Serialize)]
pub struct MapLane {
    pub id: String,
    pub title: String,
    /// Its name in the page's language: the title of a custom lane, else the built-in one's.
    pub label: String,
    pub custom: bool,
    /// People, process and tech: what the company does behind the stage.
    pub backstage: bool,
    pub row: usize,
}

/// A touchpoint with its number on the emotion lane and in the key.
#[derive(Serialize)]
pub struct NumberedTouchpoint<'a> {
    pub number: usize,
    pub name: &'a str,
    pub channel: &'a str,
    pub emotion: Option<f64>,
    pub moment_of_truth: bool,
    pub stage: &'a str,
    pub stage_id: &'a str,
    /// The link of the stage's page, as `url(to="stage", …)` gives it.
    pub stage_href: &'a str,
}

/// A column of the map: the stage and what its cells show beyond the model.
#[derive(Serialize)]
pub struct MapStage<'a> {
    pub stage: &'a Stage,
    /// The link of the stage's page, as `url(to="stage", …)` gives it.
    pub href: &'a str,
    /// The grid column, from 2 (column 1 holds the lane names).
    pub column: usize,
    pub number: usize,
    /// How many distinct notes name this stage or back one of its items (SPEC §3.1).
    pub evidence: usize,
    /// Those notes, for links.
    pub evidence_notes: Vec<super::super::views::Ref<'a>>,
    /// Its pain points and opportunities with their ids, for anchors.
    pub pains: Vec<&'a crate::render::actions::PainView<'a>>,
    pub opportunities: Vec<&'a crate::render::actions::OpportunityView<'a>>,
    /// Nested journeys that zoom into this stage.
    pub children: Vec<super::super::views::Ref<'a>>,
    /// The distinct channels of its touchpoints, in first-seen order.
    pub channels: Vec<&'a str>,
    pub touchpoints: Vec<NumberedTouchpoint<'a>>,
    /// Rendered items of each custom lane, by lane id.
    pub custom: BTreeMap<&'a str, Vec<&'a str>>,
    /// Ids of the shown lanes this stage has something in; the others are empty cells.
    pub filled: Vec<String>,
    /// Its cells, one per shown lane but the emotion lane (drawn as the curve), in lane order.
    /// Made only where a template names `map`; the built-in theme draws them into `drawn`.
    pub cells: Vec<MapCell<'a>>,
    /// Its cells as [`Map::markup`] places them, drawn straight from the stage when no
    /// template names `map`, so that a map's hundred cells take no value of their own.
    #[serde(skip)]
    drawn: String,
}

/// A stage's cell in one lane, with what the template needs to draw it decided here, so that
/// drawing the map's dozens of cells takes a few lookups each.
#[derive(Serialize)]
pub struct MapCell<'a> {
    pub lane: String,
    pub row: usize,
    /// Its classes after `jmap-cell`: `lane-<id>`, then `backstage` and `empty` where they apply.
    pub class: String,
    /// The lane's name in the page's language.
    pub label: String,
    /// How it is drawn: `empty`, `text` (`text`), `list`, `quotes` or `html` (`items`, `html`
    /// ones rendered already), or `touchpoints`, `channels`, `pains`, `opportunities`,
    /// `metrics` and `evidence`, from the stage's fields of those names.
    pub kind: &'static str,
    pub text: &'a str,
    pub items: Vec<&'a str>,
    /// What the built-in theme draws inside the cell: a map has about a hundred cells, and
    /// drawing them here spares the template a chain of comparisons and a dozen lookups each.
    pub html: String,
    /// The whole cell as the built-in theme draws it: its box, its lane's name and `html`.
    pub markup: String,
}

/// The whole map of a journey.
#[derive(Serialize)]
pub struct Map<'a> {
    pub lanes: Vec<MapLane>,
    pub stages: Vec<MapStage<'a>>,
    /// The emotion lane's picture, when the emotion lane is shown.
    pub emotion: Option<String>,
    /// Every touchpoint, numbered as on the emotion lane.
    pub touchpoints: Vec<NumberedTouchpoint<'a>>,
}

impl<'a> Map<'a> {
    /// The map of `j`, whose stages' pages are at `hrefs` and whose comparison journey (if
    /// any) is `compared`.
    pub fn new(
        content: &'a Content,
        config: &Config,
        j: &'a Journey,
        hrefs: &'a [String],
        compared: Option<&Journey>,
    ) -> Self {
        let mut next = 0;
        let stages: Vec<MapStage<'a>> = j
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let notes = content.actions.stage_notes.get(&(j.id.as_str(), s.id.as_str()));
                let evidence_notes: Vec<_> = notes
                    .into_iter()
                    .flatten()
                    .map(|&n| super::super::views::Ref { id: &content.notes[n].id, title: &content.notes[n].title })
                    .collect();
                let mut ms = map_stage(s, i, &hrefs[i], evidence_notes.len(), &mut next);
                (ms.pains, ms.opportunities) = super::action::of_stage(content, &j.id, &s.id);
                ms.evidence_notes = evidence_notes;
                ms.children = super::journey::children(content, j, &s.id);
                ms
            })
            .collect();
        let mut stages = stages;
        let shown: Vec<Lane> =
            lanes::order(config, j).into_iter().filter(|l| stages.iter().any(|ms| fills(l, ms))).collect();
        let labels: Vec<String> = shown.iter().map(label).collect();
        // Each lane's classes, the same in every stage's cell but for `empty`.
        let classes: Vec<String> = shown
            .iter()
            .map(|l| if backstage(l) { format!("lane-{} backstage", l.id) } else { format!("lane-{}", l.id) })
            .collect();
        let words = Words::new();
        for (ms, href) in stages.iter_mut().zip(hrefs) {
            let link = escape_html(href);
            let lanes =
                shown.iter().zip(labels.iter().zip(&classes)).enumerate().filter(|(_, (l, _))| l.id != "emotion");
            if !content.named.map {
                let mut drawn = String::new();
                for (i, (l, (label, class))) in lanes {
                    let filled = fills(l, ms);
                    let (kind, text, items) = contents(l, ms, filled);
                    drawn.push_str("\n    ");
                    write_cell(&mut drawn, (class, filled), i + 2, label, |out| {
                        write_html(out, (kind, text, &items), ms, &link, content.base, &words)
                    });
                    drawn.push_str("\n    ");
                }
                ms.drawn = drawn;
                continue;
            }
            ms.filled = shown.iter().filter(|l| fills(l, ms)).map(|l| l.id.clone()).collect();
            ms.cells = lanes
                .map(|(i, (l, (label, class)))| {
                    let filled = fills(l, ms);
                    let mut cell = cell(l, i + 2, label, (class, filled), ms);
                    write_html(&mut cell.html, (cell.kind, cell.text, &cell.items), ms, &link, content.base, &words);
                    write_cell(&mut cell.markup, (class, filled), cell.row, &cell.label, |out| {
                        out.push_str(&cell.html)
                    });
                    cell
                })
                .collect();
        }
        let emotion = shown
            .iter()
            .any(|l| BuiltinLane::parse(&l.id) == Some(BuiltinLane::Emotion))
            .then(|| crate::charts::map_lane::lane(j, compared));
        let lanes = shown
            .into_iter()
            .zip(labels)
            .enumerate()
            .map(|(i, (l, label))| MapLane {
                backstage: backstage(&l),
                label,
                id: l.id,
                title: l.title,
                custom: l.custom,
                row: i + 2,
            })
            .collect();
        let touchpoints = j
            .stages
            .iter()
            .zip(hrefs)
            .flat_map(|(s, href)| s.touchpoints.iter().map(move |t| (s, href, t)))
            .enumerate()
            .map(|(n, (s, href, t))| numbered(n + 1, s, href, t))
            .collect();
        Map { lanes, stages, emotion, touchpoints }
    }
}

impl Map<'_> {
    /// The map as the built-in `map.html` drew it from the fields above, byte for byte: a grid
    /// of lane names and stage columns, the emotion curve across its lane, each column's head
    /// (number, name, emotion and the journeys that zoom into it) and its cells: each cell's
    /// `markup` where a theme names `map`, else the stage's cells as drawn. Drawn here, the
    /// map's parts need not become template values at all unless a theme names `map`. `base`
    /// is the site's path prefix.
    pub fn markup(&self, base: &str) -> String {
        use crate::i18n::current::{t, with};
        use std::fmt::Write;
        let badges = with(|w| crate::render::strings::Badges::new(&w.resolved, &w.locale));
        let mut out = String::with_capacity(
            4096 + self
                .stages
                .iter()
                .map(|s| s.drawn.len() + s.cells.iter().map(|c| c.markup.len() + 16).sum::<usize>())
                .sum::<usize>(),
        );
        let _ = write!(
            out,
            "<div class=\"jmap-box\" role=\"region\" aria-labelledby=\"map-heading\" tabindex=\"0\">\n<div class=\"jmap\" style=\"--stages: {}\">\n  <div class=\"jmap-corner\" aria-hidden=\"true\"></div>\n  ",
            self.stages.len()
        );
        for l in &self.lanes {
            let backstage = if l.backstage { " backstage" } else { "" };
            let _ = write!(
                out,
                "\n  <div class=\"jmap-label lane-{}{backstage}\" style=\"grid-row: {}\" aria-hidden=\"true\">{}",
                escape_html(&l.id),
                l.row,
                escape_html(&l.label)
            );
            let emotion = l.id == "emotion";
            if emotion {
                let _ = write!(
                    out,
                    "<span class=\"scale\"><span>5 · {}</span><span>1 · {}</span></span>",
                    escape_html(&t("emotion.5", &[])),
                    escape_html(&t("emotion.1", &[]))
                );
            }
            out.push_str("</div>\n  ");
            if let Some(curve) = self.emotion.as_deref().filter(|_| emotion) {
                let _ = write!(out, "<div class=\"jmap-curve\" style=\"grid-row: {}\">{curve}</div>", l.row);
            }
            out.push_str("\n  ");
        }
        out.push_str("\n  ");
        for ms in &self.stages {
            let _ = write!(
                out,
                "\n  <div class=\"jmap-stage\" style=\"--column: {}\">\n    <h3 class=\"jmap-head\"><a href=\"{}\"><span class=\"step\">{}</span> <span class=\"name\">{}</span></a>",
                ms.column,
                escape_html(ms.href),
                ms.number,
                escape_html(&ms.stage.name)
            );
            if let Some(score) = ms.stage.emotion.filter(|e| *e != 0.0) {
                // Its words are built-in strings, which every language falls back to.
                out.push_str(&badges.badge(score).unwrap_or_default());
            }
            for c in &ms.children {
                let _ = write!(
                    out,
                    "<a class=\"jmap-zoom\" href=\"{}\"><span aria-hidden=\"true\">⤷ </span>{}</a>",
                    escape_html(&Route::Journey(c.id).href(base)),
                    escape_html(&t("zoom.link", &[("name", c.title)]))
                );
            }
            out.push_str("</h3>\n    ");
            out.push_str(&ms.drawn);
            for c in &ms.cells {
                out.push_str("\n    ");
                out.push_str(&c.markup);
                out.push_str("\n    ");
            }
            out.push_str("\n  </div>\n  ");
        }
        out.push_str("\n</div>\n</div>");
        out
    }
}

fn numbered<'a>(number: usize, s: &'a Stage, href: &'a str, t: &'a crate::model::Touchpoint) -> NumberedTouchpoint<'a> {
    NumberedTouchpoint {
        number,
        name: &t.name,
        channel: &t.channel,
        emotion: t.emotion,
        moment_of_truth: t.moment_of_truth,
        stage: &s.name,
        stage_id: &s.id,
        stage_href: href,
    }
}

/// The column of `s`, the stage at `index` whose page is `href`.
fn map_stage<'a>(s: &'a Stage, index: usize, href: &'a str, evidence: usize, next: &mut usize) -> MapStage<'a> {
    let mut channels: Vec<&str> = Vec::new();
    for t in &s.touchpoints {
        if !t.channel.is_empty() && !channels.contains(&t.channel.as_str()) {
            channels.push(&t.channel);
        }
    }
    let touchpoints = s
        .touchpoints
        .iter()
        .map(|t| {
            *next += 1;
            numbered(*next, s, href, t)
        })
        .collect();
    let custom = s
        .custom
        .iter()
        .filter(|c| !c.items.is_empty())
        .map(|c| (c.lane.as_str(), c.items.iter().map(|m| m.html.as_str()).collect()))
        .collect();
    MapStage {
        stage: s,
        href,
        column: index + 2,
        number: index + 1,
        evidence,
        evidence_notes: Vec::new(),
        pains: Vec::new(),
        opportunities: Vec::new(),
        children: Vec::new(),
        channels,
        touchpoints,
        custom,
        filled: Vec::new(),
        cells: Vec::new(),
        drawn: String::new(),
    }
}

fn backstage(lane: &Lane) -> bool {
    !lane.custom && BuiltinLane::parse(&lane.id).is_some_and(BuiltinLane::backstage)
}

/// The name `lane` is labelled with on the page.
fn label(lane: &Lane) -> String {
    if lane.custom {
        lane.title.clone()
    } else {
        crate::i18n::current::t(&format!("lane.{}", lane.id), &[])
    }
}

/// The cell of `ms` in `lane`, which takes grid row `row` and is labelled `label`; `class`
/// is the lane's own classes, and `filled` whether the stage has something in it ([`fills`]).
fn cell<'a>(lane: &Lane, row: usize, label: &str, (class, filled): (&str, bool), ms: &MapStage<'a>) -> MapCell<'a> {
    let class = if filled { class.to_string() } else { format!("{class} empty") };
    let (kind, text, items) = contents(lane, ms, filled);
    MapCell {
        lane: lane.id.clone(),
        row,
        class,
        label: label.to_string(),
        kind,
        text,
        items,
        html: String::new(),
        markup: String::new(),
    }
}

/// What the cell of `ms` in `lane` shows, `filled` or not ([`fills`]): how it is drawn (see
/// [`MapCell::kind`]), its text and its items.
fn contents<'a>(lane: &Lane, ms: &MapStage<'a>, filled: bool) -> (&'static str, &'a str, Vec<&'a str>) {
    let s: &'a Stage = ms.stage;
    let texts = |items: &'a [String]| items.iter().map(String::as_str).collect();
    match BuiltinLane::parse(&lane.id) {
        _ if !filled => ("empty", "", Vec::new()),
        _ if lane.custom => ("html", "", ms.custom.get(lane.id.as_str()).cloned().unwrap_or_default()),
        Some(BuiltinLane::Goal) => ("text", s.goal.as_str(), Vec::new()),
        Some(BuiltinLane::Feeling) => ("text", s.feeling.as_str(), Vec::new()),
        Some(BuiltinLane::Doing) => ("list", "", texts(&s.doing)),
        Some(BuiltinLane::Influencers) => ("list", "", texts(&s.influencers)),
        Some(BuiltinLane::People) => ("list", "", texts(&s.people)),
        Some(BuiltinLane::Process) => ("list", "", texts(&s.process)),
        Some(BuiltinLane::Tech) => ("list", "", texts(&s.tech)),
        Some(BuiltinLane::Thinking) => ("quotes", "", texts(&s.thinking)),
        Some(BuiltinLane::Touchpoints) => ("touchpoints", "", Vec::new()),
        Some(BuiltinLane::Channels) => ("channels", "", ms.channels.clone()),
        Some(BuiltinLane::PainPoints) => ("pains", "", Vec::new()),
        Some(BuiltinLane::Opportunities) => ("opportunities", "", Vec::new()),
        Some(BuiltinLane::Metrics) => ("metrics", "", Vec::new()),
        Some(BuiltinLane::Evidence) => ("evidence", "", Vec::new()),
        Some(BuiltinLane::Emotion) | None => ("empty", "", Vec::new()),
    }
}

/// The words cells repeat, in the page's language and escaped, looked up once per map; the
/// three levels indexed by [`Level`] (low, medium, high).
struct Words {
    moment_of_truth: String,
    severity: [String; 3],
    impact: [String; 3],
    effort: [String; 3],
}

impl Words {
    fn new() -> Self {
        use crate::i18n::current::t;
        let levels = |kind: &str| {
            [Level::Low, Level::Medium, Level::High].map(|l| escape_html(&t(&format!("{kind}.{}", l.as_str()), &[])))
        };
        Words {
            moment_of_truth: escape_html(&t("mot.title", &[])),
            severity: levels("severity"),
            impact: levels("level.impact"),
            effort: levels("level.effort"),
        }
    }
}

/// Writes a whole cell as the built-in theme draws it: its box, with its lane's classes
/// (`empty` added when not `filled`) and grid row, its lane's name, `label`, and what `html`
/// writes inside it.
fn write_cell(
    out: &mut String,
    (class, filled): (&str, bool),
    row: usize,
    label: &str,
    html: impl FnOnce(&mut String),
) {
    use std::fmt::Write;
    out.push_str("<div class=\"jmap-cell ");
    escape_html_into(out, class);
    if !filled {
        out.push_str(" empty");
    }
    let _ = write!(out, "\" style=\"grid-row: {row}\"><span class=\"jmap-cell-lane\">");
    escape_html_into(out, label);
    out.push_str("<span class=\"sr\">:</span></span>\n    ");
    html(out);
    out.push_str("\n    </div>");
}

/// Writes what the built-in `map.html` drew inside a cell of `ms` that shows `(kind, text,
/// items)` ([`contents`]), whose stage's page is `link` (escaped): the markup its kind names,
/// with the text escaped as templates escape it.
fn write_html(
    out: &mut String,
    (kind, text, items): (&str, &str, &[&str]),
    ms: &MapStage,
    link: &str,
    base: &str,
    words: &Words,
) {
    use std::fmt::Write;
    // Written piece by piece: a map has about a hundred cells, each with a few texts.
    let list = |out: &mut String, open: &str, items: &[&str]| {
        out.push_str(open);
        for i in items {
            out.push_str("<li>");
            escape_html_into(out, i);
            out.push_str("</li>");
        }
        out.push_str("</ul>");
    };
    match kind {
        "list" => list(out, "<ul class=\"plain\">", items),
        "channels" => list(out, "<ul class=\"plain channels-list\">", items),
        "text" => {
            out.push_str("<p>");
            escape_html_into(out, text);
            out.push_str("</p>");
        }
        "quotes" => {
            for q in items {
                out.push_str("<q>");
                escape_html_into(out, q);
                out.push_str("</q>");
            }
        }
        "html" => {
            for item in items {
                out.push_str("<div class=\"prose\">");
                out.push_str(item);
                out.push_str("</div>");
            }
        }
        "touchpoints" => {
            out.push_str("<ul class=\"chips\">");
            for t in &ms.touchpoints {
                let mot = t.moment_of_truth;
                out.push_str(if mot { "<li class=\"chip mot\">" } else { "<li class=\"chip\">" });
                out.push_str("<span class=\"tp-num");
                if let Some(e) = t.emotion.filter(|e| *e != 0.0) {
                    let _ = write!(out, " e{}", crate::charts::svg::emotion_level(e));
                }
                let _ = write!(out, "\">{}</span> <a class=\"cell-link\" href=\"", t.number);
                out.push_str(link);
                out.push_str("#tp-heading\">");
                if mot {
                    let word = &words.moment_of_truth;
                    out.push_str("<span class=\"mot-mark\" title=\"");
                    out.push_str(word);
                    out.push_str("\">★</span><span class=\"sr\">");
                    out.push_str(word);
                    out.push_str(": </span>");
                }
                escape_html_into(out, t.name);
                out.push_str("</a>");
                if !t.channel.is_empty() {
                    out.push_str(" <span class=\"channel\">");
                    escape_html_into(out, t.channel);
                    out.push_str("</span>");
                }
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        "pains" => {
            out.push_str("<ul class=\"plain\">");
            for p in &ms.pains {
                out.push_str("<li class=\"pain sev-");
                out.push_str(p.severity.as_str());
                out.push_str("\"><a class=\"cell-link\" href=\"");
                out.push_str(link);
                out.push_str("#pain-");
                escape_html_into(out, p.link.id);
                out.push_str("\"><span class=\"sr\">");
                out.push_str(&words.severity[p.severity as usize]);
                out.push_str(": </span>");
                escape_html_into(out, p.link.text);
                out.push_str("</a></li>");
            }
            out.push_str("</ul>");
        }
        "opportunities" => {
            out.push_str("<ul class=\"plain\">");
            for o in &ms.opportunities {
                out.push_str("<li class=\"opportunity\"><a class=\"cell-link\" href=\"");
                out.push_str(link);
                out.push_str("#opp-");
                escape_html_into(out, o.link.id);
                out.push_str("\">");
                escape_html_into(out, o.link.text);
                out.push_str("</a> <span class=\"levels\">");
                out.push_str(&words.impact[o.impact as usize]);
                out.push_str(" · ");
                out.push_str(&words.effort[o.effort as usize]);
                out.push_str("</span></li>");
            }
            out.push_str("</ul>");
        }
        "evidence" => {
            let word = crate::i18n::current::count("map.notes_word", ms.evidence);
            let _ = write!(out, "<p class=\"evidence-count\"><strong>{}</strong> ", ms.evidence);
            escape_html_into(out, &word);
            out.push_str("</p><ul class=\"plain evidence-list\">");
            for n in &ms.evidence_notes {
                out.push_str("<li><a class=\"cell-link small\" href=\"");
                escape_html_into(out, &Route::Note(n.id).href(base));
                out.push_str("\">");
                escape_html_into(out, n.title);
                out.push_str("</a></li>");
            }
            out.push_str("</ul>");
        }
        "metrics" => {
            out.push_str("<ul class=\"plain stage-metrics\">");
            for m in &ms.stage.metrics {
                out.push_str("<li><a class=\"cell-link small\" href=\"");
                out.push_str(link);
                out.push_str("#kpi-heading\">");
                escape_html_into(out, &crate::charts::trend::name_of(m));
                out.push_str("</a><br><strong>");
                escape_html_into(out, &m.display);
                out.push_str("</strong> ");
                if let Some(status) = m.status {
                    let status = crate::model::action::Word::as_str(status);
                    let word = crate::i18n::current::t(&format!("status.{status}"), &[]);
                    out.push_str(&crate::render::cards::status_badge(status, &escape_html(&word)));
                }
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        // `empty` draws nothing.
        _ => {}
    }
}

/// Whether a stage has anything to show in `lane`.
fn fills(lane: &Lane, ms: &MapStage) -> bool {
    let s = ms.stage;
    if lane.custom {
        return ms.custom.contains_key(lane.id.as_str());
    }
    let Some(builtin) = BuiltinLane::parse(&lane.id) else { return false };
    match builtin {
        BuiltinLane::Emotion => s.emotion.is_some(),
        BuiltinLane::Goal => !s.goal.is_empty(),
        BuiltinLane::Doing => !s.doing.is_empty(),
        BuiltinLane::Thinking => !s.thinking.is_empty(),
        BuiltinLane::Feeling => !s.feeling.is_empty(),
        BuiltinLane::Touchpoints => !s.touchpoints.is_empty(),
        BuiltinLane::Channels => !ms.channels.is_empty(),
        BuiltinLane::PainPoints => !ms.pains.is_empty(),
        BuiltinLane::Opportunities => !ms.opportunities.is_empty(),
        BuiltinLane::Metrics => !s.metrics.is_empty(),
        BuiltinLane::Evidence => ms.evidence > 0,
        BuiltinLane::Influencers => !s.influencers.is_empty(),
        BuiltinLane::People => !s.people.is_empty(),
        BuiltinLane::Process => !s.process.is_empty(),
        BuiltinLane::Tech => !s.tech.is_empty(),
    }
}
