//! Orchestration: load → validate → Markdown → render → write. Each step lives in its own module.

mod incremental;
pub mod output;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::markdown::{self, LinkTargets};
use crate::metrics::{self, catalogue::Catalogue};
use crate::project::{self, Project};
use crate::render::pages::{self, Content};
use crate::render::{theme, Renderer, SiteContext};
use crate::validate;

/// Settings from the command line that override the configuration.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// The finished site in memory: output path → bytes.
pub type Files = BTreeMap<String, Vec<u8>>;

/// How long each step took, in pipeline order.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    /// Runs `step` and records how long it took under `name`.
    pub fn time<T>(&mut self, name: &'static str, step: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = step();
        self.0.push((name, started.elapsed()));
        out
    }
}

/// A loaded project, checked and with its Markdown rendered; diagnostics say whether it is usable.
pub struct Checked {
    pub project: Project,
    pub diagnostics: Diagnostics,
    pub timings: Timings,
}

/// Loads and validates the project at `root` without rendering pages.
pub fn check(root: &Path, options: &Options) -> Checked {
    let mut diagnostics = Diagnostics::default();
    let mut timings = Timings::default();
    let mut project = timings.time("load", || project::load(root, &mut diagnostics));
    if let Some(base_url) = &options.base_url {
        project.config.base_url = base_url.clone();
    }
    if options.drafts {
        project.config.build_drafts = true;
    }
    timings.time("validate", || validate::check(&project, &mut diagnostics));
    timings.time("metrics", || {
        let catalogue = Catalogue::new(&project.config.metrics);
        let settings = metrics::compute::Settings {
            catalogue: &catalogue,
            currency: &project.config.currency,
            at_risk_band: project.config.at_risk_band,
        };
        metrics::compute_all(&mut project.journeys, &settings, &mut diagnostics);
    });
    timings.time("markdown", || render_markdown(&mut project, &mut diagnostics));
    Checked { project, diagnostics, timings }
}

/// Loads, validates and renders the site into memory. `None` when there are errors.
pub fn build(root: &Path, options: &Options) -> (Option<Files>, Checked) {
    let (live, checked) = Live::build(root, options);
    (live.map(|l| l.files), checked)
}

/// The path prefix of `base_url`: `https://x.org/pb` → `/pb/`, `/` → `/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme =
        base_url.split_once("://").map_or(base_url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = if base_url.contains("://") { after_scheme } else { base_url };
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// Where every linkable file's page is, for Markdown links.
fn link_targets(project: &Project) -> LinkTargets {
    let mut targets = LinkTargets { base: base_path(&project.config.base_url), ..LinkTargets::default() };
    for j in &project.journeys {
        targets.pages.insert(j.file.clone(), format!("journeys/{}/", j.id));
    }
    for p in &project.personas {
        targets.pages.insert(p.file.clone(), format!("personas/{}/", p.id));
    }
    for n in &project.notes {
        if n.draft && !project.config.build_drafts {
            targets.unbuilt.insert(n.file.clone());
        } else {
            targets.pages.insert(n.file.clone(), format!("insights/{}/", n.id));
        }
    }
    targets
}

fn render_markdown(project: &mut Project, diagnostics: &mut Diagnostics) {
    let targets = link_targets(project);
    for j in &mut project.journeys {
        markdown::render(&mut j.summary, &j.file, &targets, diagnostics);
        for m in &mut j.metrics {
            markdown::render(&mut m.note, &m.file, &targets, diagnostics);
        }
        for s in &mut j.stages {
            markdown::render(&mut s.description, &j.file, &targets, diagnostics);
            for m in &mut s.metrics {
                markdown::render(&mut m.note, &m.file, &targets, diagnostics);
            }
        }
    }
    let drafts = project.config.build_drafts;
    for n in project.notes.iter_mut().filter(|n| drafts || !n.draft) {
        markdown::render(&mut n.body, &n.file, &targets, diagnostics);
    }
}

/// A built site kept in memory with what made it, so `serve` can remake parts of it.
pub struct Live {
    pub root: PathBuf,
    pub options: Options,
    pub project: Project,
    renderer: Renderer,
    pub files: Files,
    pub timings: Timings,
}

impl Live {
    /// A full build. `None` (with the diagnostics in `Checked`) when there are errors.
    pub fn build(root: &Path, options: &Options) -> (Option<Live>, Checked) {
        let mut checked = check(root, options);
        if checked.diagnostics.has_errors() {
            return (None, checked);
        }
        let project = std::mem::take(&mut checked.project);
        let mut timings = std::mem::take(&mut checked.timings);
        let Some(renderer) = timings.time("templates", || renderer(&project, &mut checked.diagnostics)) else {
            checked.project = project;
            return (None, checked);
        };
        let mut live = Live {
            root: root.to_path_buf(),
            options: options.clone(),
            project,
            renderer,
            files: Files::new(),
            timings: Timings::default(),
        };
        let content = live.content();
        let keys = pages::keys(&content);
        let rendered = timings.time("pages", || render_pages(&live.renderer, &content, &keys));
        let mut files = match rendered {
            Ok(files) => files,
            Err(d) => {
                checked.diagnostics.push(d);
                drop(content);
                checked.project = live.project;
                return (None, checked);
            }
        };
        let assets = theme::assets(&live.project, &mut checked.diagnostics);
        finish(&live.project, &content, &mut files, assets, &mut checked.diagnostics);
        drop(content);
        if checked.diagnostics.has_errors() {
            checked.project = live.project;
            return (None, checked);
        }
        live.files = files;
        live.timings = timings;
        (Some(live), checked)
    }

    /// The pages' view of the project.
    fn content(&self) -> Content<'_> {
        let drafts = self.project.config.build_drafts;
        let mut notes: Vec<_> = self.project.notes.iter().filter(|n| drafts || !n.draft).collect();
        notes.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        Content::new(&self.renderer.base, &self.project.journeys, &self.project.personas, notes)
    }

    /// Remakes the site after `changed` files (project-relative paths) changed: only the
    /// affected pages when only existing notes changed, else everything. Returns how many
    /// pages were rendered, or the diagnostics of a failed build.
    pub fn update(&mut self, changed: &[String]) -> Result<usize, Diagnostics> {
        if let Some(rendered) = incremental::notes(self, changed) {
            return Ok(rendered);
        }
        let (live, checked) = Live::build(&self.root, &self.options);
        match live {
            Some(live) => {
                let pages = live.files.keys().filter(|p| p.ends_with(".html")).count();
                *self = live;
                Ok(pages)
            }
            None => Err(checked.diagnostics),
        }
    }
}

fn renderer(project: &Project, diagnostics: &mut Diagnostics) -> Option<Renderer> {
    let config = &project.config;
    let site = SiteContext {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        base: &base_path(&config.base_url),
        generator: concat!("journeybook ", env!("CARGO_PKG_VERSION")),
    };
    Renderer::new(theme::templates(project, diagnostics), &site, diagnostics)
}

/// Renders the pages `keys` name, in parallel; the first template error stops the build.
fn render_pages(renderer: &Renderer, content: &Content, keys: &[pages::Key]) -> Result<Files, Diagnostic> {
    let rendered: Result<Vec<(String, Vec<u8>)>, Diagnostic> = keys
        .par_iter()
        .map(|key| {
            let page = pages::build(content, key);
            renderer.render(page.template, page.context).map(|html| (page.path, html.into_bytes()))
        })
        .collect();
    let mut files = Files::new();
    for (path, bytes) in rendered? {
        if files.insert(path.clone(), bytes).is_some() {
            return Err(Diagnostic::error("E080", &path, Pos::default(), "two pages would be written to this path")
                .with_help("a note's id may collide with a list page such as insights/page/2"));
        }
    }
    Ok(files)
}

/// Adds the assets, sitemap and `metrics.json`, and checks every path stays in the output.
fn finish(project: &Project, content: &Content, files: &mut Files, assets: Files, diagnostics: &mut Diagnostics) {
    let base = base_path(&project.config.base_url);
    let urls: Vec<String> = files
        .keys()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| p.strip_suffix("index.html").unwrap_or(p).to_string())
        .collect();
    for (path, bytes) in assets {
        files.entry(path).or_insert(bytes);
    }
    files.insert("sitemap.xml".into(), sitemap(&project.config.base_url, &base, &urls).into_bytes());
    files.insert("metrics.json".into(), metrics::json(content.journeys));
    for path in files.keys() {
        if path.split('/').any(|p| p == ".." || p.is_empty()) {
            diagnostics.push(Diagnostic::error("E080", path, Pos::default(), "output path leaves the output folder"));
        }
    }
}

fn sitemap(base_url: &str, base: &str, urls: &[String]) -> String {
    let origin = base_url.split_once("://").map(|(scheme, rest)| {
        let host = rest.split('/').next().unwrap_or_default();
        format!("{scheme}://{host}")
    });
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        let loc = format!("{}{base}{url}", origin.as_deref().unwrap_or(""));
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape_xml(&loc)));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path(""), "/");
        assert_eq!(base_path("/playbook"), "/playbook/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("https://example.org/cx/playbook/"), "/cx/playbook/");
    }

    #[test]
    fn sitemap_uses_absolute_urls_when_it_can() {
        let xml = sitemap("https://example.org/pb/", "/pb/", &["".into(), "journeys/a/".into()]);
        assert!(xml.contains("<loc>https://example.org/pb/journeys/a/</loc>"), "{xml}");
    }
}
