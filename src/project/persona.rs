//! `content/personas/<id>.yaml` (SPEC §4).

use crate::diagnostic::{Diagnostics, Pos};
use crate::model::id::Slugify;
use crate::model::Persona;
use crate::project::fields::Fields;
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
        extra: f.extra(),
        file: file.to_string(),
        primary_pos,
        id_pos: Pos::new(1, 1),
    };
    f.finish();
    let (id, id_pos) = resolve_id(explicit_id, stem, Pos::new(1, 1), mode, file, diagnostics)?;
    Some(Persona { id, id_pos, name: name?.value, ..persona })
}
