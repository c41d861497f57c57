//! Interface strings and the rules of each language (SPEC §12).
//!
//! Every word a page shows that is not content comes from a string file: the built-in
//! theme's `themes/default/i18n/<language>.yaml`, overridden key by key by the project's
//! `i18n/<language>.yaml`. A key a language lacks falls back to `en` (W040). Templates call
//! `t(key="…")`; see [`Locale`] for what else a page gets in its language.

pub mod amounts;
pub mod current;
pub mod locale;
pub mod words;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use include_dir::{include_dir, Dir};

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::project::{yaml, Project};

pub use locale::Locale;

static BUILT_IN: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default/i18n");

/// The language every other one falls back to, and whose built-in file is complete.
pub const FALLBACK: &str = "en";

/// One interface string: plain text, or one text per plural category (`one`, `other`, …)
/// chosen by the count given as `n`.
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    Plain(String),
    Plural(BTreeMap<String, String>),
}

/// Strings by key, for one language from one source.
type Strings = BTreeMap<String, Text>;

/// One language's strings with its fallbacks applied: [`Catalogue::resolved`].
#[derive(Debug, Default)]
pub struct Resolved {
    texts: rustc_hash::FxHashMap<String, Text>,
}

impl Resolved {
    /// The text of `key`, as [`Catalogue::get`] gives it for this language.
    pub fn get(&self, key: &str) -> Option<&Text> {
        self.texts.get(key)
    }

    /// Every key with its text.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Text)> {
        self.texts.iter().map(|(key, text)| (key.as_str(), text))
    }
}

/// Every language's strings: the built-in theme's and the project's overrides.
#[derive(Debug, Default)]
pub struct Catalogue {
    built_in: BTreeMap<String, Strings>,
    project: BTreeMap<String, Strings>,
}

impl Catalogue {
    /// The built-in strings and the project's `i18n/*.yaml`; bad files are reported.
    pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Catalogue {
        let mut catalogue = Catalogue::built_in(diagnostics);
        let Ok(dir) = std::fs::read_dir(root.join("i18n")) else { return catalogue };
        let mut paths: Vec<_> = dir.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let Some(language) = language_of(&path) else { continue };
            let name = format!("i18n/{language}.yaml");
            match std::fs::read_to_string(&path) {
                Ok(text) => {
                    catalogue.project.insert(language, parse(&text, &name, diagnostics));
                }
                Err(e) => {
                    diagnostics.push(Diagnostic::error("E001", &name, Pos::default(), format!("cannot read: {e}")))
                }
            }
        }
        catalogue
    }

    fn built_in(diagnostics: &mut Diagnostics) -> Catalogue {
        let mut catalogue = Catalogue::default();
        for file in BUILT_IN.files() {
            let Some(language) = language_of(file.path()) else { continue };
            let name = format!("(built-in theme)/i18n/{language}.yaml");
            let text = file.contents_utf8().unwrap_or_default();
            catalogue.built_in.insert(language, parse(text, &name, diagnostics));
        }
        catalogue
    }

    /// Only the built-in theme's strings, for text drawn outside any project.
    pub fn built_in_only() -> Catalogue {
        Catalogue::built_in(&mut Diagnostics::default())
    }

    /// The text of `key` for `language`: the project's, then the theme's, for the full tag,
    /// its language alone (`pt` for `pt-BR`), then `en`.
    pub fn get(&self, language: &str, key: &str) -> Option<&Text> {
        chain(language).find_map(|l| {
            self.project.get(l).and_then(|s| s.get(key)).or_else(|| self.built_in.get(l).and_then(|s| s.get(key)))
        })
    }

    /// Whether the project's strings give `language` (or a language it falls back to) a key
    /// that starts with one of `prefixes`.
    pub fn overrides(&self, language: &str, prefixes: &[&str]) -> bool {
        chain(language).any(|l| {
            let keys = self.project.get(l).into_iter().flat_map(|s| s.keys());
            keys.into_iter().any(|key| prefixes.iter().any(|p| key.starts_with(p)))
        })
    }

    /// Every key's text for `language` as [`Catalogue::get`] finds it, gathered once into a
    /// hash map, for a renderer that looks up thousands.
    pub fn resolved(&self, language: &str) -> Resolved {
        let mut texts = rustc_hash::FxHashMap::default();
        // From the last language of the chain to the first, the project's after the theme's,
        // so what `get` would find first is written last.
        let chain: Vec<&str> = chain(language).collect();
        for l in chain.into_iter().rev() {
            for strings in [self.built_in.get(l), self.project.get(l)].into_iter().flatten() {
                texts.extend(strings.iter().map(|(key, text)| (key.clone(), text.clone())));
            }
        }
        Resolved { texts }
    }

    /// Keys of the built-in `en` strings that `language` has no text for.
    /// Nothing is missing for `en` or a variant of it such as `en-GB`: English is the fallback.
    pub fn missing(&self, language: &str) -> Vec<&str> {
        if language.split('-').next() == Some(FALLBACK) {
            return Vec::new();
        }
        let own: Vec<&str> = chain(language).filter(|l| *l != FALLBACK).collect();
        let english = self.built_in.get(FALLBACK).into_iter().flat_map(|s| s.keys());
        english
            .filter(|key| {
                !own.iter().any(|l| {
                    self.project.get(*l).is_some_and(|s| s.contains_key(*key))
                        || self.built_in.get(*l).is_some_and(|s| s.contains_key(*key))
                })
            })
            .map(String::as_str)
            .collect()
    }

    /// Whether the project has a string file for `language`, for where W040 points.
    fn has_project_file(&self, language: &str) -> bool {
        self.project.contains_key(language)
    }
}

/// `pt-BR` → `["pt-BR", "pt", "en"]`: the tags looked up, most specific first.
fn chain(language: &str) -> impl Iterator<Item = &str> {
    let primary = language.split_once('-').map(|(primary, _)| primary);
    let fallback = (language != FALLBACK && primary != Some(FALLBACK)).then_some(FALLBACK);
    std::iter::once(language).chain(primary).chain(fallback)
}

fn language_of(path: &Path) -> Option<String> {
    let is_yaml = path.extension().is_some_and(|e| e == "yaml" || e == "yml");
    is_yaml.then(|| path.file_stem()?.to_str().map(str::to_string)).flatten()
}

/// Reads a string file: a map of key to text, or key to a map of plural category to text.
fn parse(text: &str, file: &str, diagnostics: &mut Diagnostics) -> Strings {
    let mut out = Strings::new();
    let root = match yaml::parse(text, file, 0) {
        Ok(root) => root,
        Err(errors) => {
            errors.into_iter().for_each(|d| diagnostics.push(d));
            return out;
        }
    };
    if root.is_null() {
        return out;
    }
    let Some(entries) = root.as_map() else {
        diagnostics.push(root.wrong_type(file, "the string file", "a map of key to text"));
        return out;
    };
    for (key, value) in entries {
        let Some(name) = key.as_text() else { continue };
        let text = match (value.as_text(), value.as_map()) {
            (Some(plain), _) => Some(Text::Plain(plain.to_string())),
            (None, Some(forms)) => plural(forms, file, diagnostics).map(Text::Plural),
            _ => None,
        };
        match text {
            Some(text) => {
                out.insert(name.to_string(), text);
            }
            None => diagnostics.push(value.wrong_type(file, name, "a text, or a map of plural forms to texts")),
        }
    }
    out
}

/// The forms of a plural string; `other` is required because every language has it.
fn plural(
    forms: &[(yaml::Node, yaml::Node)],
    file: &str,
    diagnostics: &mut Diagnostics,
) -> Option<BTreeMap<String, String>> {
    const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];
    let mut out = BTreeMap::new();
    for (category, text) in forms {
        let name = category.as_text().unwrap_or_default();
        if !CATEGORIES.contains(&name) {
            let message = format!("`{name}` is not a plural category ({})", CATEGORIES.join(", "));
            diagnostics.push(Diagnostic::error("E023", file, category.span(), message));
            continue;
        }
        out.insert(name.to_string(), text.as_text()?.to_string());
    }
    out.contains_key("other").then_some(out)
}

/// The languages the project's pages are in: the site's and each journey's, persona's and
/// note's own.
pub fn languages(project: &Project) -> BTreeSet<&str> {
    let own = project.journeys.iter().filter_map(|j| j.language.as_deref());
    let own = own.chain(project.personas.iter().filter_map(|p| p.language.as_deref()));
    let own = own.chain(project.notes.iter().filter_map(|n| n.language.as_deref()));
    std::iter::once(project.config.language.as_str()).chain(own).collect()
}

/// W040: one warning per language in use whose interface strings are incomplete.
pub fn check(project: &Project, diagnostics: &mut Diagnostics) {
    let catalogue = Catalogue::load(&project.root, diagnostics);
    for language in languages(project) {
        let missing = catalogue.missing(language);
        if missing.is_empty() {
            continue;
        }
        let file = if catalogue.has_project_file(language) {
            format!("i18n/{language}.yaml")
        } else {
            "journeybook.yaml".to_string()
        };
        let message = format!(
            "{} interface string{} missing for `{language}`, shown in English: {}",
            missing.len(),
            if missing.len() == 1 { " is" } else { "s are" },
            missing.join(", ")
        );
        diagnostics.push(
            Diagnostic::warning("W040", &file, Pos::new(1, 1), message)
                .with_help(format!("add them to i18n/{language}.yaml")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolved_strings_are_what_get_finds() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("i18n")).unwrap();
        std::fs::write(dir.path().join("i18n/pt.yaml"), "nav.journeys: Jornadas\nown.key: Só aqui\n").unwrap();
        std::fs::write(dir.path().join("i18n/pt-BR.yaml"), "nav.home: Início\n").unwrap();
        std::fs::write(dir.path().join("i18n/th.yaml"), "nav.home: หน้าแรกของเรา\n").unwrap();
        let mut diagnostics = Diagnostics::default();
        let catalogue = Catalogue::load(dir.path(), &mut diagnostics);
        assert!(!diagnostics.has_errors());
        let mut keys: BTreeSet<&str> = BTreeSet::new();
        for strings in catalogue.built_in.values().chain(catalogue.project.values()) {
            keys.extend(strings.keys().map(String::as_str));
        }
        keys.insert("no.such.key");
        for language in ["en", "th", "pt", "pt-BR", "en-GB", "xx"] {
            let resolved = catalogue.resolved(language);
            for key in &keys {
                assert_eq!(resolved.get(key), catalogue.get(language, key), "{language} {key}");
            }
        }
        let pt_br = catalogue.resolved("pt-BR");
        assert_eq!(pt_br.get("nav.home"), Some(&Text::Plain("Início".into())));
        assert_eq!(pt_br.get("own.key"), Some(&Text::Plain("Só aqui".into())));
    }
}
