//! Orchestration: load → validate → Markdown → render → write. Each step lives in its own module.

pub mod output;

use std::collections::BTreeMap;
use std::path::Path;

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

/// A loaded project, checked and with its Markdown rendered; diagnostics say whether it is usable.
pub struct Checked {
    pub project: Project,
    pub diagnostics: Diagnostics,
}

/// Loads and validates the project at `root` without rendering pages.
pub fn check(root: &Path, options: &Options) -> Checked {
    let mut diagnostics = Diagnostics::default();
    let mut project = project::load(root, &mut diagnostics);
    if let Some(base_url) = &options.base_url {
        project.config.base_url = base_url.clone();
    }
    if options.drafts {
        project.config.build_drafts = true;
    }
    validate::check(&project, &mut diagnostics);
    let catalogue = Catalogue::new(&project.config.metrics);
    let settings = metrics::compute::Settings {
        catalogue: &catalogue,
        currency: &project.config.currency,
        at_risk_band: project.config.at_risk_band,
    };
    metrics::compute_all(&mut project.journeys, &settings, &mut diagnostics);
    render_markdown(&mut project, &mut diagnostics);
    Checked { project, diagnostics }
}

/// Loads, validates and renders the site into memory. `None` when there are errors.
pub fn build(root: &Path, options: &Options) -> (Option<Files>, Checked) {
    let mut checked = check(root, options);
    if checked.diagnostics.has_errors() {
        return (None, checked);
    }
    let files = render(&checked.project, &mut checked.diagnostics);
    (files.filter(|_| !checked.diagnostics.has_errors()), checked)
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

fn render_markdown(project: &mut Project, diagnostics: &mut Diagnostics) {
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

fn render(project: &Project, diagnostics: &mut Diagnostics) -> Option<Files> {
    let config = &project.config;
    let base = base_path(&config.base_url);
    let site = SiteContext {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        base: &base,
        generator: concat!("journeybook ", env!("CARGO_PKG_VERSION")),
    };
    let renderer = Renderer::new(theme::templates(project, diagnostics), &site, diagnostics)?;
    let mut notes: Vec<_> = project.notes.iter().filter(|n| config.build_drafts || !n.draft).collect();
    notes.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let content = Content { base: &base, journeys: &project.journeys, personas: &project.personas, notes };
    let mut files = theme::assets(project, diagnostics);
    let pages = pages::all(&content);
    let mut urls = Vec::with_capacity(pages.len());
    for page in pages {
        match renderer.render(page.template, page.context) {
            Ok(html) => {
                if page.path != "404.html" {
                    urls.push(page.path.strip_suffix("index.html").unwrap_or(&page.path).to_string());
                }
                files.insert(page.path, html.into_bytes());
            }
            Err(d) => {
                diagnostics.push(d);
                return None;
            }
        }
    }
    files.insert("sitemap.xml".into(), sitemap(&config.base_url, &base, &urls).into_bytes());
    files.insert("metrics.json".into(), metrics::json(content.journeys));
    for path in files.keys() {
        if path.split('/').any(|p| p == ".." || p.is_empty()) {
            diagnostics.push(Diagnostic::error("E080", path, Pos::default(), "output path leaves the output folder"));
        }
    }
    Some(files)
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
