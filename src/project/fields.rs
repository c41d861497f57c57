//! Reading typed fields out of a YAML mapping, one diagnostic per problem, never stopping.

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::project::yaml::Node;

/// A value and the place it was written, kept where later rules need to point at it.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Spanned<T> {
    pub value: T,
    #[serde(skip)]
    pub pos: Pos,
}

impl<T> Spanned<T> {
    pub fn new(value: T, pos: Pos) -> Self {
        Spanned { value, pos }
    }
}

/// A mapping being read: known keys are taken one by one, and `finish` reports the rest.
pub struct Fields<'a> {
    file: &'a str,
    pos: Pos,
    entries: &'a [(Node, Node)],
    known: &'static [&'static str],
    taken: Vec<bool>,
    pub diagnostics: &'a mut Diagnostics,
}

impl<'a> Fields<'a> {
    /// Starts reading `node`, which must be a mapping; `what` names it in the error otherwise.
    pub fn new(
        node: &'a Node,
        file: &'a str,
        what: &str,
        known: &'static [&'static str],
        diagnostics: &'a mut Diagnostics,
    ) -> Option<Self> {
        let Some(entries) = node.as_map() else {
            diagnostics.push(Diagnostic::error(
                "E022",
                file,
                node.pos,
                format!("expected {what} as a mapping of keys to values, found {}", node.kind()),
            ));
            return None;
        };
        Some(Fields { file, pos: node.pos, entries, known, taken: vec![false; entries.len()], diagnostics })
    }

    pub fn file(&self) -> &'a str {
        self.file
    }

    pub fn pos(&self) -> Pos {
        self.pos
    }

    pub fn error(&mut self, code: &'static str, pos: Pos, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(code, self.file, pos, message));
    }

    /// The value under `key`, if present and not null.
    pub fn get(&mut self, key: &str) -> Option<&'a Node> {
        debug_assert!(self.known.contains(&key), "`{key}` missing from the known keys");
        let index = self.entries.iter().position(|(k, _)| k.as_text() == Some(key))?;
        self.taken[index] = true;
        let value = &self.entries[index].1;
        (!value.is_null()).then_some(value)
    }

    fn expected(&mut self, key: &str, node: &Node, what: &str) {
        let found = node.kind();
        self.error("E022", node.pos, format!("`{key}` must be {what}, found {found}"));
    }

    fn missing(&mut self, key: &str, what: &str) {
        let pos = self.pos;
        self.error("E021", pos, format!("missing required `{key}` ({what})"));
    }

    /// A string (any scalar, as written).
    pub fn string(&mut self, key: &str) -> Option<Spanned<String>> {
        let node = self.get(key)?;
        match node.as_text() {
            Some(text) => Some(Spanned::new(text.to_string(), node.pos)),
            None => {
                self.expected(key, node, "a string");
                None
            }
        }
    }

    pub fn required_string(&mut self, key: &str) -> Option<Spanned<String>> {
        let present = self.get(key).is_some();
        if !present {
            self.missing(key, "a string");
            return None;
        }
        let value = self.string(key)?;
        if value.value.trim().is_empty() {
            self.error("E021", value.pos, format!("`{key}` must not be empty"));
            return None;
        }
        Some(value)
    }

    /// A list of strings; a single string is read as a list of one.
    pub fn strings(&mut self, key: &str) -> Vec<String> {
        let Some(node) = self.get(key) else { return Vec::new() };
        if let Some(text) = node.as_text() {
            return vec![text.to_string()];
        }
        let Some(items) = node.as_seq() else {
            self.expected(key, node, "a list of strings");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.as_text() {
                Some(text) => out.push(text.to_string()),
                None => {
                    let found = item.kind();
                    self.error("E022", item.pos, format!("items of `{key}` must be strings, found {found}"));
                }
            }
        }
        out
    }

    /// Tags: strings that each make a page address (`tags/<slug>/`).
    pub fn tags(&mut self, key: &str) -> Vec<String> {
        let tags = self.strings(key);
        let Some(items) = self.get(key) else { return tags };
        let items: Vec<&Node> = items.as_seq().map_or_else(|| vec![items], |s| s.iter().collect());
        for item in items {
            let Some(tag) = item.as_text() else { continue };
            if crate::model::id::derive(tag).is_none() {
                self.diagnostics.push(
                    Diagnostic::error(
                        "E032",
                        self.file,
                        item.pos,
                        format!("tag `{tag}` has no letters or digits a-z, 0-9 to make its page address from"),
                    )
                    .with_help("write the tag with at least one Latin letter or digit"),
                );
            }
        }
        tags.into_iter().filter(|t| crate::model::id::derive(t).is_some()).collect()
    }

    /// A number, checked against an inclusive range.
    pub fn number(&mut self, key: &str, range: std::ops::RangeInclusive<f64>) -> Option<Spanned<f64>> {
        let node = self.get(key)?;
        let Some(value) = node.as_number() else {
            self.expected(key, node, "a number");
            return None;
        };
        if !range.contains(&value) {
            self.error(
                "E023",
                node.pos,
                format!("`{key}` must be between {} and {}, found {value}", range.start(), range.end()),
            );
            return None;
        }
        Some(Spanned::new(value, node.pos))
    }

    /// A whole number of zero or more.
    pub fn count(&mut self, key: &str) -> Option<Spanned<u64>> {
        let node = self.get(key)?;
        match node.as_number() {
            Some(v) if v >= 0.0 && v.fract() == 0.0 && v <= 9.0e15 => Some(Spanned::new(v as u64, node.pos)),
            Some(v) => {
                self.error("E023", node.pos, format!("`{key}` must be a whole number of zero or more, found {v}"));
                None
            }
            None => {
                self.expected(key, node, "a whole number");
                None
            }
        }
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        let node = self.get(key)?;
        let value = node.as_bool();
        if value.is_none() {
            self.expected(key, node, "`true` or `false`");
        }
        value
    }

    /// A calendar date written `YYYY-MM-DD`.
    pub fn date(&mut self, key: &str) -> Option<Spanned<NaiveDate>> {
        let node = self.get(key)?;
        let text = node.as_text().unwrap_or_default();
        match parse_date(text) {
            Some(date) => Some(Spanned::new(date, node.pos)),
            None => {
                self.error("E024", node.pos, format!("`{key}` must be a date written YYYY-MM-DD, found `{text}`"));
                None
            }
        }
    }

    pub fn required_date(&mut self, key: &str) -> Option<Spanned<NaiveDate>> {
        if self.get(key).is_none() {
            self.missing(key, "a date written YYYY-MM-DD");
            return None;
        }
        self.date(key)
    }

    /// One of a fixed set of words.
    pub fn choice(&mut self, key: &str, options: &[&'static str]) -> Option<&'static str> {
        let node = self.get(key)?;
        let text = node.as_text().unwrap_or_default();
        if let Some(found) = options.iter().find(|o| **o == text) {
            return Some(found);
        }
        let list = options.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ");
        let d =
            Diagnostic::error("E023", self.file, node.pos, format!("`{key}` must be one of {list}, found `{text}`"))
                .suggest(text, options.iter().copied());
        self.diagnostics.push(d);
        None
    }

    /// `extra:`, a free mapping passed as is to templates.
    pub fn extra(&mut self) -> serde_json::Value {
        match self.get("extra") {
            Some(node) if node.as_map().is_some() => node.to_json(),
            Some(node) => {
                self.expected("extra", node, "a mapping");
                serde_json::Value::Null
            }
            None => serde_json::Value::Null,
        }
    }

    /// Reports every key that was not read as unknown, with the nearest known key.
    pub fn finish(self) {
        for ((key, _), taken) in self.entries.iter().zip(&self.taken) {
            if *taken {
                continue;
            }
            let name = key.as_text().unwrap_or_default();
            if self.known.contains(&name) {
                continue;
            }
            let d = Diagnostic::error("E020", self.file, key.pos, format!("unknown key `{name}`"))
                .suggest(name, self.known.iter().copied());
            self.diagnostics.push(d);
        }
    }
}

/// Parses `YYYY-MM-DD` strictly (four-digit year, two-digit month and day).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let shape = b.len() == 10 && b[4] == b'-' && b[7] == b'-';
    shape.then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::yaml;

    #[test]
    fn dates_are_strict() {
        assert!(parse_date("2026-02-28").is_some());
        assert!(parse_date("2026-02-30").is_none());
        assert!(parse_date("2026-2-3").is_none());
        assert!(parse_date("yesterday").is_none());
    }

    #[test]
    fn unknown_keys_suggest_the_nearest() {
        let node = yaml::parse("titel: A\n", "f.yaml", 0).unwrap();
        let mut d = Diagnostics::default();
        let mut f = Fields::new(&node, "f.yaml", "a journey", &["title", "id"], &mut d).unwrap();
        assert!(f.required_string("title").is_none());
        f.finish();
        let all = d.sorted();
        assert_eq!(all.len(), 2);
        assert!(all.iter().any(|d| d.code == "E020" && d.help.as_deref() == Some("did you mean `title`?")));
        assert!(all.iter().any(|d| d.code == "E021"));
    }
}
