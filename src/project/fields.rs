//! Reading typed fields out of a YAML mapping, one diagnostic per problem, never stopping.

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Diagnostics, Pos, Span};
use crate::project::yaml::Node;

pub use crate::model::period::parse_date;
pub use crate::model::Spanned;

// Spanned itself belongs to the model; only reading one from a YAML node is this step's.
impl<T> Spanned<T> {
    /// A value read from `node`, remembering the node's whole extent.
    pub fn of(value: T, node: &Node) -> Self {
        Spanned { value, pos: node.pos, end: node.end }
    }
}

/// A mapping being read: known keys are taken one by one, and `finish` reports the rest.
pub struct Fields<'a> {
    file: &'a str,
    pos: Pos,
    /// Written inline as `{…}`, where a comma ends an unquoted value.
    flow: bool,
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
                node.span(),
                format!("expected {what} as a mapping of keys to values, found {}", node.kind()),
            ));
            return None;
        };
        Some(Fields {
            file,
            pos: node.pos,
            flow: node.flow,
            entries,
            known,
            taken: vec![false; entries.len()],
            diagnostics,
        })
    }

    pub fn file(&self) -> &'a str {
        self.file
    }

    pub fn pos(&self) -> Pos {
        self.pos
    }

    pub fn error(&mut self, code: &'static str, at: impl Into<Span>, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::error(code, self.file, at, message));
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
        self.diagnostics.push(node.wrong_type(self.file, key, what));
    }

    fn missing(&mut self, key: &str, what: &str) {
        let pos = self.pos;
        self.error("E021", pos, format!("missing required `{key}` ({what})"));
    }

    /// A string (any scalar, as written).
    pub fn string(&mut self, key: &str) -> Option<Spanned<String>> {
        let node = self.get(key)?;
        match node.as_text() {
            Some(text) => Some(Spanned::of(text.to_string(), node)),
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
            self.error("E021", value.span(), format!("`{key}` must not be empty"));
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
                    self.error("E022", item.span(), format!("items of `{key}` must be strings, found {found}"));
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
                        item.span(),
                        format!("tag `{tag}` has no letters or digits to make its page address from"),
                    )
                    .with_help("write the tag with at least one letter or digit, in any script"),
                );
            }
        }
        tags.into_iter().filter(|t| crate::model::id::derive(t).is_some()).collect()
    }

    /// A BCP 47 language tag such as `th` or `pt-BR` (SPEC §12), in its canonical form.
    pub fn language(&mut self, key: &str) -> Option<String> {
        let node = self.get(key)?;
        let tag = self.string(key)?;
        match icu_locale_core::LanguageIdentifier::try_from_str(&tag.value) {
            Ok(parsed) => Some(parsed.to_string()),
            Err(_) => {
                let found = tag.value;
                self.error(
                    "E023",
                    node.span(),
                    format!("`{key}` must be a language tag such as `en` or `pt-BR`, found `{found}`"),
                );
                None
            }
        }
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
                node.span(),
                format!("`{key}` must be between {} and {}, found {value}", range.start(), range.end()),
            );
            return None;
        }
        Some(Spanned::of(value, node))
    }

    /// A whole number of zero or more.
    pub fn count(&mut self, key: &str) -> Option<Spanned<u64>> {
        let node = self.get(key)?;
        match node.as_number() {
            Some(v) if v >= 0.0 && v.fract() == 0.0 && v <= 9.0e15 => Some(Spanned::of(v as u64, node)),
            Some(v) => {
                self.error("E023", node.span(), format!("`{key}` must be a whole number of zero or more, found {v}"));
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
            Some(date) => Some(Spanned::of(date, node)),
            None => {
                self.error("E024", node.span(), format!("`{key}` must be a date written YYYY-MM-DD, found `{text}`"));
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
        self.wrong_word(key, node, text, options);
        None
    }

    /// One of the words of `T` (SPEC's closed sets: severity, status, …).
    pub fn word<T: crate::model::action::Word>(&mut self, key: &str) -> Option<T> {
        let node = self.get(key)?;
        let text = node.as_text().unwrap_or_default();
        if let Some((_, value)) = T::WORDS.iter().find(|(w, _)| *w == text) {
            return Some(*value);
        }
        let words: Vec<&'static str> = T::WORDS.iter().map(|(w, _)| *w).collect();
        self.wrong_word(key, node, text, &words);
        None
    }

    fn wrong_word(&mut self, key: &str, node: &Node, text: &str, options: &[&'static str]) {
        let list = options.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(", ");
        let d =
            Diagnostic::error("E023", self.file, node.span(), format!("`{key}` must be one of {list}, found `{text}`"))
                .suggest(text, options.iter().copied());
        self.diagnostics.push(d);
    }

    /// A list of strings with their places: references checked later (SPEC §10).
    pub fn references(&mut self, key: &str) -> Vec<Spanned<String>> {
        let Some(node) = self.get(key) else { return Vec::new() };
        if let Some(text) = node.as_text() {
            return vec![Spanned::of(text.to_string(), node)];
        }
        let Some(items) = node.as_seq() else {
            self.expected(key, node, "a list of ids");
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            match item.as_text() {
                Some(text) => out.push(Spanned::of(text.to_string(), item)),
                None => {
                    let found = item.kind();
                    self.error("E022", item.span(), format!("items of `{key}` must be ids, found {found}"));
                }
            }
        }
        out
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

    /// Reports every key that was not read as unknown, with the nearest known key; keys that
    /// are the rest of a value cut by a comma inside `{…}` are reported as that instead.
    pub fn finish(self) {
        let mut index = 0;
        while index < self.entries.len() {
            let run = self.continuation(index);
            if run > 0 {
                self.diagnostics.push(self.comma_error(index, run));
                index += run;
                continue;
            }
            let (key, _) = &self.entries[index];
            let name = key.as_text().unwrap_or_default();
            if !self.taken[index] && !self.known.contains(&name) {
                let d = Diagnostic::error("E020", self.file, key.span(), format!("unknown key `{name}`"))
                    .suggest(name, self.known.iter().copied());
                self.diagnostics.push(d);
            }
            index += 1;
        }
    }

    /// How many entries from `index` on read as the rest of the previous entry's unquoted
    /// value inside `{…}`: unknown keys with no `:` or with a blank inside (which no key has).
    /// An unknown `word: text` unlike any known key counts too when such keys follow it, as in
    /// `{text: Call back, within: the hour, or sooner}`.
    fn continuation(&self, index: usize) -> usize {
        if !self.flow || index == 0 || !is_plain_value(&self.entries[index - 1].1) {
            return 0;
        }
        let run = self.loose_run(index);
        if run > 0 {
            return run;
        }
        let (key, value) = &self.entries[index];
        let name = key.as_text().unwrap_or_default();
        let unknown_word = is_plain_value(key)
            && is_plain_value(value)
            && !self.known.contains(&name)
            && crate::suggest::nearest(name, self.known.iter().copied()).is_none();
        match self.loose_run(index + 1) {
            0 => 0,
            after if unknown_word => 1 + after,
            _ => 0,
        }
    }

    /// How many entries from `index` on are unknown keys with no `:`, or with a blank inside.
    fn loose_run(&self, index: usize) -> usize {
        let entries = self.entries.get(index..).unwrap_or_default();
        let loose = |(key, value): &&(Node, Node)| {
            let name = key.as_text().unwrap_or_default();
            let loose = value.implicit || name.contains(char::is_whitespace);
            is_plain_value(key) && !self.known.contains(&name) && loose
        };
        entries.iter().take_while(loose).count()
    }

    /// The error for `run` entries from `index` on that continue the value before them.
    fn comma_error(&self, index: usize, run: usize) -> Diagnostic {
        let (key, value) = &self.entries[index - 1];
        let mut parts = vec![value.as_text().unwrap_or_default().to_string()];
        for (k, v) in &self.entries[index..index + run] {
            let text = k.as_text().unwrap_or_default();
            parts.push(match v.as_text() {
                Some(rest) => format!("{text}: {rest}"),
                None => text.to_string(),
            });
        }
        let last = &self.entries[index + run - 1];
        let end = if last.1.implicit { last.0.end } else { last.1.end };
        let span = Span::new(value.pos, end);
        let name = key.as_text().unwrap_or_default();
        if let Some(number) = crate::project::yaml::unseparated(&parts.join(",")) {
            return Diagnostic::error("E022", self.file, span, format!("`{name}` is a number cut at its commas"))
                .with_help(format!("write numbers without separators: `{name}: {number}`"));
        }
        let text = shorten(&parts.join(", ")).replace('"', "\\\"");
        Diagnostic::error("E020", self.file, span, "a comma inside `{…}` ends the value")
            .with_help(format!("put the text in quotes: `{name}: \"{text}\"`"))
    }
}

/// Long text with its middle left out, so a help line stays readable.
fn shorten(text: &str) -> String {
    const KEEP: usize = 40;
    let count = text.chars().count();
    if count <= 2 * KEEP + 10 {
        return text.to_string();
    }
    let head: String = text.chars().take(KEEP).collect();
    let tail: String = text.chars().skip(count - KEEP).collect();
    format!("{head}…{tail}")
}

/// A plain (unquoted) scalar with text.
fn is_plain_value(node: &Node) -> bool {
    matches!(node.value, crate::project::yaml::Value::Scalar { plain: true, .. }) && node.as_text().is_some()
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
    fn long_cut_values_are_shortened_in_the_help() {
        assert_eq!(shorten("short, text"), "short, text");
        let long = "word, ".repeat(100);
        let short = shorten(&long);
        assert_eq!(short.chars().count(), 81);
        assert!(short.starts_with("word, word") && short.contains('…'));
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
