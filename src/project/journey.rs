//! `content/journeys/<id>.yaml` (SPEC §3).

use crate::diagnostic::{Diagnostic, Diagnostics, Pos, Span};
use crate::model::id::Slugify;
use crate::model::{id, Journey, JourneyState, Markdown, Stage, Touchpoint};
use crate::project::action::{opportunity, pain_point};
use crate::project::fields::{Fields, Spanned};
use crate::project::{action, lanes, metrics, resolve_id, yaml};

/// Keys a journey file may have.
pub const KEYS: &[&str] = &[
    "title",
    "id",
    "language",
    "calendar",
    "persona",
    "personas",
    "parent",
    "parent_stage",
    "state",
    "compare_to",
    "owner",
    "updated",
    "weight",
    "tags",
    "summary",
    "metrics",
    "lanes",
    "custom_lanes",
    "stages",
    "extra",
];
/// Keys a stage may have.
pub const STAGE_KEYS: &[&str] = &[
    "name",
    "id",
    "description",
    "goal",
    "doing",
    "thinking",
    "feeling",
    "emotion",
    "entered",
    "events",
    "influencers",
    "people",
    "process",
    "tech",
    "touchpoints",
    "pain_points",
    "opportunities",
    "metrics",
    "custom",
    "extra",
];
/// Keys a touchpoint may have.
pub const TOUCHPOINT_KEYS: &[&str] = &[
    "name",
    "channel",
    "owner",
    "emotion",
    "description",
    "pain_points",
    "opportunities",
    "moment_of_truth",
    "actors",
    "extra",
];

/// The emotion scale, shared with Mermaid's `journey` diagrams.
pub const EMOTION: std::ops::RangeInclusive<f64> = 1.0..=5.0;

/// Reads one journey file; `None` when it is too broken to take part in later checks.
pub fn parse(text: &str, file: &str, stem: &str, diagnostics: &mut Diagnostics) -> Option<Journey> {
    parse_with(text, file, stem, Slugify::Unicode, diagnostics)
}

/// Like [`parse`], deriving ids from names the way `mode` (the config's `slugify`) says.
pub fn parse_with(text: &str, file: &str, stem: &str, mode: Slugify, diagnostics: &mut Diagnostics) -> Option<Journey> {
    let root = match yaml::parse(text, file, 0) {
        Ok(root) => root,
        Err(errors) => {
            errors.into_iter().for_each(|d| diagnostics.push(d));
            return None;
        }
    };
    let mut f = Fields::new(&root, file, "a journey", KEYS, diagnostics)?;
    let title = f.required_string("title");
    let explicit_id = f.string("id");
    let language = f.language("language");
    let calendar = f.word::<crate::model::Calendar>("calendar");
    let (persona, personas) = personas(&mut f);
    let parent = f.string("parent");
    let parent_stage = f.string("parent_stage");
    if let (Some(stage), None) = (&parent_stage, &parent) {
        let at = stage.span();
        f.error("E044", at, "`parent_stage` needs a `parent` to look it up in");
    }
    let state = f.word::<JourneyState>("state").unwrap_or_default();
    let compare_to = f.string("compare_to");
    let owner = f.string("owner").map(|s| s.value).unwrap_or_default();
    let updated = f.date("updated");
    let updated_pos = updated.as_ref().map_or(Pos::new(1, 1), |d| d.pos);
    let updated = updated.map(|d| d.value);
    let weight = f.number("weight", -1e9..=1e9).map(|w| w.value);
    let tags = f.tags("tags");
    let summary = markdown(&mut f, "summary");
    let lane_order = lanes::order(&mut f);
    let custom_lanes = lanes::declarations(&mut f);
    let metric_inputs = f.get("metrics").map(|n| metrics::read(n, file, f.diagnostics)).unwrap_or_default();
    let mut stages = match f.get("stages") {
        Some(node) => stages(node, file, mode, f.diagnostics),
        None => {
            let pos = f.pos();
            f.error("E021", pos, "missing required `stages` (a list of at least one stage)");
            Vec::new()
        }
    };
    let extra = f.extra();
    f.finish();
    action::assign_ids(&mut stages, file, mode, diagnostics);
    let (id, id_pos) = resolve_id(explicit_id, stem, Pos::new(1, 1), mode, file, diagnostics)?;
    Some(Journey {
        id,
        language,
        calendar,
        title: title?.value,
        persona,
        personas,
        parent,
        parent_stage,
        state,
        compare_to,
        owner,
        updated,
        updated_pos,
        weight,
        tags,
        summary,
        lanes: lane_order,
        custom_lanes,
        stages,
        extra,
        metric_inputs,
        metrics: Vec::new(),
        events: None,
        surveyed: Vec::new(),
        file: file.to_string(),
        id_pos,
    })
}

fn markdown(f: &mut Fields, key: &str) -> Markdown {
    f.string(key).map(|s| Markdown::new(s.value, s.pos)).unwrap_or_default()
}

fn stages(node: &yaml::Node, file: &str, mode: Slugify, diagnostics: &mut Diagnostics) -> Vec<Stage> {
    let Some(items) = node.as_seq() else {
        diagnostics.push(node.wrong_type(file, "stages", "a list of stages"));
        return Vec::new();
    };
    if items.is_empty() {
        diagnostics.push(Diagnostic::error("E021", file, node.span(), "`stages` needs at least one stage"));
    }
    let mut out: Vec<Stage> = Vec::with_capacity(items.len());
    let mut seen: std::collections::HashMap<String, Pos> = std::collections::HashMap::new();
    for (index, item) in items.iter().enumerate() {
        let Some(stage) = stage(item, index, file, mode, diagnostics) else { continue };
        if let Some(first) = seen.get(&stage.id) {
            diagnostics.push(
                Diagnostic::error("E031", file, stage.pos, format!("two stages have the id `{}`", stage.id))
                    .with_help(format!("the first is at line {}; give one an explicit `id:`", first.line)),
            );
            continue;
        }
        seen.insert(stage.id.clone(), stage.pos);
        out.push(stage);
    }
    out
}

fn stage(node: &yaml::Node, index: usize, file: &str, mode: Slugify, diagnostics: &mut Diagnostics) -> Option<Stage> {
    let mut f = Fields::new(node, file, "a stage", STAGE_KEYS, diagnostics)?;
    let name = f.required_string("name");
    let explicit_id = f.string("id");
    let description = markdown(&mut f, "description");
    let goal = f.string("goal").map(|s| s.value).unwrap_or_default();
    let doing = f.strings("doing");
    let thinking = f.strings("thinking");
    let feeling = f.string("feeling").map(|s| s.value).unwrap_or_default();
    let emotion = f.number("emotion", EMOTION).map(|e| e.value);
    let entered = f.count("entered");
    let events = event_names(&mut f);
    let influencers = f.strings("influencers");
    let people = f.strings("people");
    let process = f.strings("process");
    let tech = f.strings("tech");
    let touchpoints = list(&mut f, "touchpoints", touchpoint);
    let pain_points = list(&mut f, "pain_points", pain_point);
    let opportunities = list(&mut f, "opportunities", opportunity);
    let metric_inputs = f.get("metrics").map(|n| metrics::read(n, file, f.diagnostics)).unwrap_or_default();
    let custom = lanes::cells(&mut f);
    let extra = f.extra();
    let pos = f.pos();
    f.finish();
    let name = name?;
    let id = match explicit_id {
        Some(given) => resolve_id(Some(given), "", pos, mode, file, diagnostics)?.0,
        None => id::derive_with(&name.value, mode).unwrap_or_else(|| format!("stage-{}", index + 1)),
    };
    let mut seen: std::collections::HashMap<&str, Span> = std::collections::HashMap::new();
    for t in &touchpoints {
        match seen.get(t.name.as_str()) {
            Some(first) => diagnostics.push(
                Diagnostic::error("E031", file, t.pos, format!("stage `{id}` has two touchpoints named `{}`", t.name))
                    .with_help(format!("the first is at line {}", first.start.line)),
            ),
            None => {
                seen.insert(&t.name, t.pos);
            }
        }
    }
    let emotion = emotion.or_else(|| {
        let scores: Vec<f64> = touchpoints.iter().filter_map(|t| t.emotion).collect();
        (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
    });
    Some(Stage {
        id,
        name: name.value,
        description,
        goal,
        doing,
        thinking,
        feeling,
        emotion,
        entered: entered.as_ref().map(|e| e.value),
        entered_pos: entered.map(|e| e.span()),
        events,
        influencers,
        people,
        process,
        tech,
        touchpoints,
        pain_points,
        opportunities,
        custom,
        extra,
        metric_inputs,
        metrics: Vec::new(),
        pos,
    })
}

/// The stage's `events:`, the event names that put a user in it (SPEC §11).
fn event_names(f: &mut Fields) -> Vec<Spanned<String>> {
    let Some(node) = f.get("events") else { return Vec::new() };
    let items: Vec<&yaml::Node> = match node.as_seq() {
        Some(items) => items.iter().collect(),
        None => vec![node],
    };
    let mut out = Vec::new();
    for item in items {
        match item.as_text() {
            Some(text) if !text.trim().is_empty() => out.push(Spanned::of(text.trim().to_string(), item)),
            _ => {
                let found = item.kind();
                f.error("E022", item.span(), format!("items of `events` must be event names, found {found}"));
            }
        }
    }
    out
}

/// Reads a list under `key`, each item with `item`.
fn list<T>(f: &mut Fields, key: &str, item: fn(&yaml::Node, &str, &mut Diagnostics) -> Option<T>) -> Vec<T> {
    let Some(node) = f.get(key) else { return Vec::new() };
    let Some(items) = node.as_seq() else {
        let found = node.kind();
        f.error("E022", node.span(), format!("`{key}` must be a list, found {found}"));
        return Vec::new();
    };
    let file = f.file();
    items.iter().filter_map(|i| item(i, file, f.diagnostics)).collect()
}

fn touchpoint(node: &yaml::Node, file: &str, diagnostics: &mut Diagnostics) -> Option<Touchpoint> {
    let mut f = Fields::new(node, file, "a touchpoint", TOUCHPOINT_KEYS, diagnostics)?;
    let name = f.required_string("name");
    let touchpoint = Touchpoint {
        name: String::new(),
        channel: f.string("channel").map(|s| s.value).unwrap_or_default(),
        owner: f.string("owner").map(|s| s.value).unwrap_or_default(),
        emotion: f.number("emotion", EMOTION).map(|e| e.value),
        description: f.string("description").map(|s| s.value).unwrap_or_default(),
        pain_points: list(&mut f, "pain_points", pain_point),
        opportunities: list(&mut f, "opportunities", opportunity),
        moment_of_truth: f.bool("moment_of_truth").unwrap_or(false),
        actors: f.strings("actors"),
        extra: f.extra(),
        pos: name.as_ref().map_or(f.pos().into(), |n| n.span()),
    };
    f.finish();
    Some(Touchpoint { name: name?.value, ..touchpoint })
}

/// `persona` or `personas` (SPEC §4): the main persona and all of them; both is E046.
fn personas(f: &mut Fields) -> (Option<Spanned<String>>, Vec<Spanned<String>>) {
    let one = f.string("persona");
    let many = f.references("personas");
    match (one, many.first()) {
        (Some(one), Some(_)) => {
            let at = f.get("personas").map_or(one.span(), |n| n.span());
            f.diagnostics.push(
                Diagnostic::error("E046", f.file(), at, "a journey gives both `persona` and `personas`")
                    .with_help(format!("list `{}` under `personas` and remove `persona`", one.value)),
            );
            (Some(one.clone()), vec![one])
        }
        (Some(one), None) => (Some(one.clone()), vec![one]),
        (None, first) => (first.cloned(), many),
    }
}
