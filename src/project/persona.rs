//! `content/personas/<id>.yaml` (SPEC §4).

use crate::diagnostic::{Diagnostics, Pos};
use crate::model::id::Slugify;
use crate::model::{Amount, Persona};
use crate::project::fields::Fields;
use crate::project::metrics::parse_number;
use crate::project::{resolve_id, yaml};

/// Keys a persona file may have.
pub const KEYS: &[&str] = &[
    "name",
    "id",
    "language",
    "primary",
    "role",
    "quote",
    "goals",
    "needs",
    "aspirations",
    "frustrations",
    "influencers",
    "photo",
    "demographics",
    "segment_size",
    "extra",
];

/// Reads one persona file.
pub fn parse(text: &str, file: &str, stem: &str, diagnostics: &mut Diagnostics) -> Option<Persona> {
    parse_with(text, file, stem, Slugify::Unicode, diagnostics)
}

/// Like [`parse`], deriving ids from names the way `mode` (the config's `slugify`) says.
pub fn parse_with(text: &str, file: &str, stem: &str, mode: Slugify, diagnostics: &mut Diagnostics) -> Option<Persona> {
    let root = match yaml::parse(text, file, 0) {
        Ok(root) => root,
        Err(errors) => {
            errors.into_iter().for_each(|d| diagnostics.push(d));
            return None;
        }
    };
    let mut f = Fields::new(&root, file, "a persona", KEYS, diagnostics)?;
    let name = f.required_string("name");
    let explicit_id = f.string("id");
    let primary_pos = f.get("primary").map_or(Pos::new(1, 1), |n| n.pos);
    let persona = Persona {
        id: String::new(),
        name: String::new(),
        language: f.language("language"),
        primary: f.bool("primary").unwrap_or(false),
        role: f.string("role").map(|s| s.value).unwrap_or_default(),
        quote: f.string("quote").map(|s| s.value).unwrap_or_default(),
        goals: f.strings("goals"),
        needs: f.strings("needs"),
        aspirations: f.strings("aspirations"),
        frustrations: f.strings("frustrations"),
        influencers: f.strings("influencers"),
        photo: f.string("photo"),
        demographics: demographics(&mut f),
        segment_size: segment_size(&mut f),
        extra: f.extra(),
        file: file.to_string(),
        primary_pos,
        id_pos: Pos::new(1, 1),
    };
    f.finish();
    let (id, id_pos) = resolve_id(explicit_id, stem, Pos::new(1, 1), mode, file, diagnostics)?;
    Some(Persona { id, id_pos, name: name?.value, ..persona })
}

/// `demographics`: a free map, like `extra`.
fn demographics(f: &mut Fields) -> serde_json::Value {
    match f.get("demographics") {
        Some(node) if node.as_map().is_some() => node.to_json(),
        Some(node) => {
            let d = node.wrong_type(f.file(), "demographics", "a mapping");
            f.diagnostics.push(d);
            serde_json::Value::Null
        }
        None => serde_json::Value::Null,
    }
}

/// `segment_size`: a share (below 1, or `N%`) or a whole count of 1 or more.
fn segment_size(f: &mut Fields) -> Option<Amount> {
    let node = f.get("segment_size")?;
    let amount = node.as_text().and_then(parse_number).and_then(Amount::from_number);
    if amount.is_none() {
        let text = node.as_text().unwrap_or_default().to_string();
        let message =
            format!("`segment_size` must be a share (a fraction below 1 or \"18%\") or a whole count, found `{text}`");
        f.error("E023", node.span(), message);
    }
    amount
}
