//! Tera setup: templates parsed once, filters for journey data, and one call per page.

pub mod actions;
pub mod cards;
pub mod constants;
pub mod inline;
pub mod links;
pub mod pages;
pub mod playbook;
pub mod reads;
pub mod search;
pub mod strings;
pub mod theme;
pub mod url;
pub mod views;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::model::id;
pub use crate::text::{escape_html, thousands};

/// Parsed templates and the values every page shares.
pub struct Renderer {
    tera: Tera,
    /// The templates once per locale, each with `t` and the formatting filters bound to it
    /// (see [`strings`]), by [`crate::i18n::locale::key`].
    localised: BTreeMap<String, Tera>,
    /// The same with the locale's fixed strings and links written in (see [`constants`]), by
    /// the same key, where a template had any: what pages are rendered with.
    fast: BTreeMap<String, Tera>,
    /// Each locale's strings, for text drawn outside templates (charts), by the same key.
    words: BTreeMap<String, std::sync::Arc<crate::i18n::current::Words>>,
    files: BTreeMap<String, String>,
    site: tera::Value,
    /// The site's header (`header.html`) by locale key and section, each rendered once: it
    /// reads only `site`, `lang` and `page.section`, and every page but the sections' own
    /// links is the same.
    headers: std::sync::Mutex<BTreeMap<(String, String), String>>,
    /// The site's path prefix, ending in `/`.
    pub base: String,
    /// The costly variables some template names ([`reads::Named`]).
    pub named: reads::Named,
}

/// What every page knows about the site.
#[derive(Serialize)]
pub struct SiteContext<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    /// Path prefix every link starts with, ending in `/`.
    pub base: &'a str,
    pub generator: &'static str,
}

impl Renderer {
    /// Parses every template; errors name the template file and line.
    pub fn new(
        templates: BTreeMap<String, theme::TemplateSource>,
        site: &SiteContext,
        diagnostics: &mut Diagnostics,
    ) -> Option<Renderer> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml", ".svg"]);
        tera.set_escape_fn(escape_html);
        register_filters(&mut tera);
        tera.register_function("url", links::Url { base: site.base.to_string() });
        let files: BTreeMap<String, String> = templates.values().map(|t| (t.name.clone(), t.file.clone())).collect();
        // Parsing is most of the cost, and each template parses alone: all at once on every
        // core, then put together (what `Tera::add_raw_templates` does one after another).
        let parsed: Vec<Result<tera::Template, Diagnostic>> = templates
            .par_iter()
            .map(|(_, t)| tera::Template::new(&t.name, None, &t.text).map_err(|e| template_diagnostic(&t.file, &e)))
            .collect();
        let mut failed = false;
        for result in parsed {
            match result {
                Ok(template) => {
                    tera.templates.insert(template.name.clone(), template);
                }
                Err(d) => {
                    diagnostics.push(d);
                    failed = true;
                }
            }
        }
        if failed {
            return None;
        }
        // What needs them all: parents and imported macro files that exist.
        if let Err(e) = tera.build_inheritance_chains().and_then(|()| tera.check_macro_files()) {
            diagnostics.push(Diagnostic::error("E070", "templates", Pos::default(), error_chain(&e)));
            return None;
        }
        let base = site.base.to_string();
        let site = tera::to_value(site).expect("site context serialises");
        let headers = std::sync::Mutex::default();
        let (localised, fast, words) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
        let named = reads::Named::by(tera.templates.values());
        Some(Renderer { tera, localised, fast, words, files, site, headers, base, named })
    }

    /// Readies the templates for every locale in `locales`; the first is the one pages
    /// rendered with [`Renderer::render`] use.
    pub fn localise(&mut self, catalogue: crate::i18n::Catalogue, locales: &[(&str, crate::model::Calendar)]) {
        let catalogue = Arc::new(catalogue);
        for (i, (language, calendar)) in locales.iter().enumerate() {
            let locale = Arc::new(crate::i18n::Locale::new(language, *calendar));
            // The locale's strings with their fallbacks, gathered once for all its copies.
            let resolved = Arc::new(catalogue.resolved(language));
            if i == 0 {
                strings::register(&mut self.tera, &resolved, &locale);
                cards::register(&mut self.tera, &resolved, &locale, &self.base);
            }
            let mut tera = self.tera.clone();
            strings::register(&mut tera, &resolved, &locale);
            cards::register(&mut tera, &resolved, &locale, &self.base);
            if let Some(mut fast) = self.with_fixed_strings(&tera, &resolved) {
                strings::register(&mut fast, &resolved, &locale);
                cards::register(&mut fast, &resolved, &locale, &self.base);
                self.fast.insert(locale.key(), fast);
            }
            self.localised.insert(locale.key(), tera);
            let words = crate::i18n::current::Words::with_strings(
                Arc::clone(&catalogue),
                Arc::clone(&resolved),
                Arc::clone(&locale),
            );
            self.words.insert(locale.key(), Arc::new(words));
        }
    }

    /// A copy of `tera` whose templates have the locale's fixed strings (`strings`), the site's fixed
    /// links and the site's own values written in (see [`constants`]); `None` when no template has one.
    fn with_fixed_strings(&self, tera: &Tera, strings: &crate::i18n::Resolved) -> Option<Tera> {
        let url = links::Url { base: self.base.clone() };
        let text_of = |function: &str, arg: &str, value: &str| match (function, arg) {
            ("t", "key") => match strings.get(value) {
                Some(crate::i18n::Text::Plain(text)) => Some(text.clone()),
                _ => None,
            },
            // A page of the site's own, such as `home`; an error is left to happen in place.
            ("url", "to") => {
                let args = std::collections::HashMap::from([("to".to_string(), tera::Value::from(value))]);
                tera::Function::call(&url, &args).ok().and_then(|v| v.as_str().map(str::to_string))
            }
            _ => None,
        };
        let mut fast = tera.clone();
        let mut changed = false;
        // `site` is the same on every page, unless a template names a `site` of its own.
        let site = |field: &str| self.site.get(field).and_then(tera::Value::as_str).map(str::to_string);
        let fixed_site = !constants::names_site(fast.templates.values());
        for template in fast.templates.values_mut() {
            if fixed_site {
                changed |= constants::site_values(template, &site);
            }
            changed |= constants::substitute(template, &text_of);
        }
        changed |= inline::inline(&mut fast);
        if changed {
            fast.templates.values_mut().for_each(constants::join_text);
        }
        // Blocks as their templates now hold them; it cannot fail where `tera`'s did not.
        (changed && fast.build_inheritance_chains().is_ok()).then_some(fast)
    }

    /// The strings of the locale of `language` and `calendar`, for
    /// [`crate::i18n::current::within`]; the site's when that locale was not readied.
    pub fn words(
        &self,
        (language, calendar): (&str, crate::model::Calendar),
    ) -> Option<&Arc<crate::i18n::current::Words>> {
        self.words.get(&crate::i18n::locale::key(language, calendar)).or_else(|| self.words.values().next())
    }

    /// Renders `template` in the locale of `language` and `calendar`, whose `lang` the page
    /// gets as `lang`.
    pub fn render_in(
        &self,
        locale: (&str, crate::model::Calendar),
        template: &str,
        context: Context,
    ) -> Result<String, Diagnostic> {
        let mut out = Vec::new();
        match self.write_in(locale, template, context, &mut out) {
            Ok(()) => Ok(String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())),
            Err(Unwritten::Template(d)) => Err(d),
            // Writing to memory does not fail; were it to, the page is not made.
            Err(Unwritten::Write(e)) => Err(Diagnostic::error("E070", template, Pos::default(), e.to_string())),
        }
    }

    /// Renders `template` as [`Renderer::render_in`] does, writing the page to `out` as it is
    /// made, so no page is held whole. What was written before a failure is incomplete.
    pub fn write_in(
        &self,
        (language, calendar): (&str, crate::model::Calendar),
        template: &str,
        mut context: Context,
        out: &mut dyn std::io::Write,
    ) -> Result<(), Unwritten> {
        let key = crate::i18n::locale::key(language, calendar);
        let tera = self.localised.get(&key).unwrap_or(&self.tera);
        context.insert("lang", language);
        let section = context.get("page").and_then(|p| p.get("section")).and_then(tera::Value::as_str);
        if let Some(section) = section.map(str::to_string) {
            let header = self.header(tera, key.clone(), language, section).map_err(Unwritten::Template)?;
            context.insert("header", &header);
        }
        context.insert("site", &self.site);
        let fast = self.fast.get(&key).unwrap_or(tera);
        let mut links = url::Links::new(Kept { out, error: None });
        let written = fast.render_to(template, &context, &mut links);
        let finished = written.map(|()| links.finish());
        if let Some(error) = links.into_inner().error {
            return Err(Unwritten::Write(error));
        }
        match finished {
            Ok(Ok(())) => Ok(()),
            Ok(Err(error)) => Err(Unwritten::Write(error)),
            // A failed page is told again from the templates as written, so the error is theirs.
            Err(e) => Err(Unwritten::Template(
                self.render_with(tera, template, &context).err().unwrap_or_else(|| self.template_error(template, &e)),
            )),
        }
    }

    /// `header.html` for pages of `section` in the locale `key`, rendered on first use.
    fn header(&self, tera: &Tera, key: String, language: &str, section: String) -> Result<String, Diagnostic> {
        let cache_key = (key, section);
        if let Some(html) = self.headers.lock().ok().and_then(|h| h.get(&cache_key).cloned()) {
            return Ok(html);
        }
        let mut context = Context::new();
        context.insert("lang", language);
        context.insert("page", &serde_json::json!({ "section": cache_key.1 }));
        context.insert("site", &self.site);
        let html = tera.render("header.html", &context).map_err(|e| self.template_error("header.html", &e))?;
        if let Ok(mut headers) = self.headers.lock() {
            headers.insert(cache_key, html.clone());
        }
        Ok(html)
    }

    fn template_error(&self, template: &str, e: &tera::Error) -> Diagnostic {
        let file = self.files.get(template).cloned().unwrap_or_else(|| template.to_string());
        template_diagnostic(&file, e)
    }

    fn render_with(&self, tera: &Tera, template: &str, context: &Context) -> Result<String, Diagnostic> {
        tera.render(template, context).map(url::encode_links).map_err(|e| self.template_error(template, &e))
    }
}

/// Why a page was not written.
#[derive(Debug)]
pub enum Unwritten {
    /// A template failed on it.
    Template(Diagnostic),
    /// Its file could not be written.
    Write(std::io::Error),
}

/// A writer that keeps the first error of the one it writes to: Tera keeps only its kind.
struct Kept<'a> {
    out: &'a mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl Kept<'_> {
    fn keep(&mut self, error: std::io::Error) -> std::io::Error {
        let kind = error.kind();
        self.error.get_or_insert(error);
        kind.into()
    }
}

impl std::io::Write for Kept<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.out.write(bytes).map_err(|e| self.keep(e))
    }

    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.out.write_all(bytes).map_err(|e| self.keep(e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush().map_err(|e| self.keep(e))
    }
}

fn error_chain(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        message.push_str(": ");
        message.push_str(&inner.to_string());
        source = inner.source();
    }
    message
}

/// A Tera error as a diagnostic, with the line and column when Tera gives them (`--> 3:5`).
fn template_diagnostic(file: &str, e: &tera::Error) -> Diagnostic {
    let message = error_chain(e);
    let pos = message
        .split_once("--> ")
        .and_then(|(_, rest)| {
            let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ':')).unwrap_or(rest.len());
            let (line, column) = rest[..end].split_once(':')?;
            Some(Pos::new(line.parse().ok()?, column.parse().ok()?))
        })
        .unwrap_or_default();
    let first_line = message.lines().next().unwrap_or_default().to_string();
    let detail: Vec<&str> = message.lines().skip(1).filter(|l| !l.trim().is_empty()).collect();
    let mut d = Diagnostic::error("E070", file, pos, format!("template error: {first_line}"));
    if !detail.is_empty() {
        d = d.with_help(detail.join(" ").split_whitespace().collect::<Vec<_>>().join(" "));
    }
    d
}

/// A Tera with the filters and functions pages are rendered with in `language` (English's
/// built-in strings and a site at `/`) and no templates yet: for tests that hold a filter to
/// the markup it took the place of.
#[cfg(test)]
fn tera_in(language: &str) -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(crate::text::escape_html);
    register_filters(&mut tera);
    let locale = Arc::new(crate::i18n::Locale::new(language, crate::model::Calendar::Gregorian));
    let resolved = Arc::new(crate::i18n::Catalogue::built_in_only().resolved(language));
    strings::register(&mut tera, &resolved, &locale);
    cards::register(&mut tera, &resolved, &locale, "/");
    tera
}

fn register_filters(tera: &mut Tera) {
    tera.register_filter("slug", |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
        let text = tera::try_get_value!("slug", "value", String, value);
        Ok(tera::Value::String(id::derive(&text).unwrap_or_default()))
    });
    tera.register_filter("emotion_label", |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
        let score = tera::try_get_value!("emotion_label", "value", f64, value);
        Ok(tera::Value::String(emotion_label(score).to_string()))
    });
    tera.register_filter("emotion_level", |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
        let score = tera::try_get_value!("emotion_level", "value", f64, value);
        Ok(tera::Value::from(crate::charts::svg::emotion_level(score)))
    });
    tera.register_filter("thousands", |value: &tera::Value, _: &std::collections::HashMap<String, tera::Value>| {
        let n = tera::try_get_value!("thousands", "value", f64, value);
        Ok(tera::Value::String(thousands(n)))
    });
}

/// Words for a point on the 1–5 emotion scale.
pub fn emotion_label(score: f64) -> &'static str {
    match score {
        s if s < 1.5 => "Very negative",
        s if s < 2.5 => "Negative",
        s if s < 3.5 => "Neutral",
        s if s < 4.5 => "Positive",
        _ => "Very positive",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that takes `room` bytes, then fails as a full disk does.
    struct Full {
        room: usize,
    }

    impl std::io::Write for Full {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            match self.room.checked_sub(bytes.len()) {
                Some(left) => {
                    self.room = left;
                    Ok(bytes.len())
                }
                None => Err(std::io::Error::from_raw_os_error(28)),
            }
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_page_whose_file_cannot_be_written_says_so_not_that_its_template_failed() {
        let source = |name: &str, text: &str| theme::TemplateSource {
            name: name.into(),
            file: format!("templates/{name}"),
            text: text.into(),
            built_in: false,
        };
        let templates = BTreeMap::from([(
            "page.html".to_string(),
            source("page.html", "{% for i in range(end=20000) %}<a href=\"/x/ก{{ i }}/\">{{ i }}</a>{% endfor %}"),
        )]);
        let site = SiteContext { title: "t", description: "", language: "en", base: "/", generator: "test" };
        let renderer = Renderer::new(templates, &site, &mut Diagnostics::default()).expect("the template parses");
        let locale = ("en", crate::model::Calendar::Gregorian);
        let whole = renderer.render_in(locale, "page.html", Context::new()).expect("renders");
        assert!(whole.len() > 200_000 && whole.contains("href=\"/x/%E0%B8%8119999/\""), "links are encoded");
        let mut full = Full { room: 100_000 };
        match renderer.write_in(locale, "page.html", Context::new(), &mut full) {
            Err(Unwritten::Write(e)) => assert_eq!(e.raw_os_error(), Some(28), "{e}"),
            other => panic!("expected the writer's error, got {other:?}"),
        }
    }

    #[test]
    fn emotion_words() {
        assert_eq!(emotion_label(1.0), "Very negative");
        assert_eq!(emotion_label(3.0), "Neutral");
        assert_eq!(emotion_label(4.6), "Very positive");
    }
}
