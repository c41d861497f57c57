//! Reading `lanes:`, `custom_lanes:` and a stage's `custom:` (SPEC §3.1). Whether the ids
//! name real lanes is checked later, once the config and every journey are read.

use crate::diagnostic::Diagnostic;
use crate::model::lanes::{CustomCell, CustomLane};
use crate::model::{id, Markdown};
use crate::project::fields::{Fields, Spanned};
use crate::project::yaml::Node;

/// Keys of a custom lane declaration.
pub const CUSTOM_LANE_KEYS: &[&str] = &["id", "title"];

/// `lanes:`, a list of lane ids with their places; `None` when absent.
pub fn order(f: &mut Fields) -> Option<Vec<Spanned<String>>> {
    let node = f.get("lanes")?;
    let Some(items) = node.as_seq() else {
        f.diagnostics.push(node.wrong_type(f.file(), "lanes", "a list of lane ids"));
        return None;
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item.as_text() {
            Some(text) => out.push(Spanned::new(text.to_string(), item.pos)),
            None => {
                let found = item.kind();
                f.error("E022", item.pos, format!("items of `lanes` must be lane ids, found {found}"));
            }
        }
    }
    Some(out)
}

/// `custom_lanes:`, a list of `{id, title}`.
pub fn declarations(f: &mut Fields) -> Vec<CustomLane> {
    let Some(node) = f.get("custom_lanes") else { return Vec::new() };
    let Some(items) = node.as_seq() else {
        f.diagnostics.push(node.wrong_type(f.file(), "custom_lanes", "a list of `{id, title}`"));
        return Vec::new();
    };
    let file = f.file();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let Some(mut lane) = Fields::new(item, file, "a custom lane", CUSTOM_LANE_KEYS, f.diagnostics) else {
            continue;
        };
        let lane_id = lane.required_string("id");
        let title = lane.required_string("title");
        lane.finish();
        let (Some(lane_id), Some(title)) = (lane_id, title) else { continue };
        if !id::is_valid(&lane_id.value) {
            let message = format!("`{}` is not a valid id: {}", lane_id.value, id::explain(&lane_id.value));
            f.diagnostics.push(Diagnostic::error("E030", file, lane_id.pos, message));
            continue;
        }
        out.push(CustomLane { id: lane_id.value, title: title.value, pos: lane_id.pos });
    }
    out
}

/// A stage's `custom:`, a mapping of custom lane id to Markdown strings (one string is a list
/// of one).
pub fn cells(f: &mut Fields) -> Vec<CustomCell> {
    let Some(node) = f.get("custom") else { return Vec::new() };
    let Some(entries) = node.as_map() else {
        f.diagnostics.push(node.wrong_type(f.file(), "custom", "a mapping of custom lane ids to lists of text"));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let Some(lane) = key.as_text() else { continue };
        let items = markdown_items(f, lane, value);
        out.push(CustomCell { lane: lane.to_string(), pos: key.pos, items });
    }
    out
}

fn markdown_items(f: &mut Fields, lane: &str, value: &Node) -> Vec<Markdown> {
    if value.is_null() {
        return Vec::new();
    }
    if let Some(text) = value.as_text() {
        return vec![Markdown::new(text.to_string(), value.pos)];
    }
    let Some(items) = value.as_seq() else {
        f.diagnostics.push(value.wrong_type(f.file(), &format!("custom.{lane}"), "a list of text"));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item.as_text() {
            Some(text) => out.push(Markdown::new(text.to_string(), item.pos)),
            None => {
                let found = item.kind();
                f.error("E022", item.pos, format!("items of `custom.{lane}` must be text, found {found}"));
            }
        }
    }
    out
}
