//! Markdown to safe HTML: CommonMark with tables, footnotes, strikethrough and task lists;
//! relative links to notes, journeys and personas rewritten to their pages and checked; raw
//! HTML sanitised so no script, event handler or `javascript:` URL reaches a page.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::model::Markdown;

/// Where each linkable file's page is, by project-relative path.
#[derive(Debug, Default)]
pub struct LinkTargets {
    /// The site's path prefix, e.g. `/` or `/playbook/`.
    pub base: String,
    /// File path → page path under the base (`insights/2026/x/`).
    pub pages: BTreeMap<String, String>,
    /// Files that exist but are not built (drafts).
    pub unbuilt: BTreeSet<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags(["input"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .add_generic_attributes(["id", "class", "align"])
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            ("input", "type") if value != "checkbox" => None,
            _ => Some(value.into()),
        });
    b
});

/// Renders `md`, written in `file`, into `md.html` and a plain-text `md.excerpt`.
pub fn render(md: &mut Markdown, file: &str, targets: &LinkTargets, diagnostics: &mut Diagnostics) {
    if md.is_empty() {
        return;
    }
    let source = md.source.as_str();
    let mut events = Vec::new();
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        let pos = offset_pos(source, range.start, md.pos);
        let event = match event {
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let dest_url = rewrite(&dest_url, file, pos, targets, diagnostics).map_or(dest_url, CowStr::from);
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let dest_url = rewrite(&dest_url, file, pos, targets, diagnostics).map_or(dest_url, CowStr::from);
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            other => other,
        };
        events.push(event);
    }
    md.excerpt = excerpt(&events);
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    md.html = SANITISER.clean(&html).to_string();
}

/// The text of the first paragraph, cut at about 240 characters.
fn excerpt(events: &[Event]) -> String {
    let mut text = String::new();
    let mut depth = 0;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => depth += 1,
            Event::End(TagEnd::Paragraph) if depth > 0 && !text.is_empty() => break,
            Event::End(TagEnd::Paragraph) => depth = 0,
            Event::Text(t) | Event::Code(t) if depth > 0 => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if depth > 0 => text.push(' '),
            _ => {}
        }
    }
    if text.chars().count() > 240 {
        let cut: String = text.chars().take(240).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head).to_string();
        return format!("{cut}…");
    }
    text
}

/// The place in the file of byte `offset` of the Markdown source that starts at `start`.
/// Exact for note bodies and YAML block scalars (whose lines share one indentation).
fn offset_pos(source: &str, offset: usize, start: Pos) -> Pos {
    let before = &source[..offset.min(source.len())];
    let line = before.matches('\n').count() as u32;
    let column = before.rsplit('\n').next().unwrap_or_default().chars().count() as u32;
    Pos::new(start.line + line, start.column + column)
}

/// The page address for a relative link to a project file; `None` leaves the link as written.
fn rewrite(url: &str, file: &str, pos: Pos, targets: &LinkTargets, diagnostics: &mut Diagnostics) -> Option<String> {
    if url.is_empty() || url.starts_with('#') || url.starts_with('/') || url.contains(':') {
        return None;
    }
    let (path, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    let is_content = [".md", ".yaml", ".yml"].iter().any(|ext| path.ends_with(ext));
    if !is_content {
        return None;
    }
    let Some(resolved) = resolve(file, path) else {
        diagnostics.push(Diagnostic::error("E051", file, pos, format!("link `{url}` leads outside the project")));
        return Some("#".into());
    };
    if let Some(page) = targets.pages.get(&resolved) {
        let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
        return Some(format!("{}{page}{fragment}", targets.base));
    }
    let d = if targets.unbuilt.contains(&resolved) {
        Diagnostic::error(
            "E051",
            file,
            pos,
            format!("link `{url}` leads to a draft note, which is not built without --drafts"),
        )
    } else {
        let message =
            format!("link `{url}` leads to `{resolved}`, which is not a note, journey or persona of this project");
        Diagnostic::error("E051", file, pos, message).suggest(&resolved, targets.pages.keys().map(String::as_str))
    };
    diagnostics.push(d);
    Some("#".into())
}

/// Joins `link` to the folder of `file` and normalises it; `None` if it climbs above the project.
fn resolve(file: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = file.split('/').collect();
    parts.pop();
    for part in link.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> LinkTargets {
        let mut t = LinkTargets { base: "/pb/".into(), ..LinkTargets::default() };
        t.pages.insert("content/insights/2026/a.md".into(), "insights/2026/a/".into());
        t.pages.insert("content/journeys/snack.yaml".into(), "journeys/snack-box/".into());
        t
    }

    fn html(source: &str, file: &str) -> (String, Diagnostics) {
        let mut md = Markdown::new(source.into(), Pos::new(5, 1));
        let mut d = Diagnostics::default();
        render(&mut md, file, &targets(), &mut d);
        (md.html, d)
    }

    #[test]
    fn rewrites_links_to_notes_and_journeys() {
        let (out, d) = html("[a](../2026/a.md#x) and [j](../../journeys/snack.yaml)", "content/insights/2025/b.md");
        assert!(d.is_empty(), "{d:?}");
        assert!(out.contains(r#"href="/pb/insights/2026/a/#x""#), "{out}");
        assert!(out.contains(r#"href="/pb/journeys/snack-box/""#), "{out}");
    }

    #[test]
    fn broken_links_are_errors_at_their_line() {
        let (_, d) = html("intro\n\nsee [x](missing.md)\n", "content/insights/2026/b.md");
        let all = d.sorted();
        assert_eq!((all[0].code, all[0].line, all[0].column), ("E051", 7, 5));
    }

    #[test]
    fn links_above_the_project_are_errors() {
        let (out, d) = html("[x](../../../../../etc/passwd.md)", "content/insights/b.md");
        assert_eq!(d.sorted()[0].code, "E051");
        assert!(!out.contains("passwd"));
    }

    #[test]
    fn scripts_and_handlers_are_removed() {
        let (out, _) = html(
            "<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a> <b>bold</b>",
            "content/insights/b.md",
        );
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("onerror"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(out.contains("<b>bold</b>"), "{out}");
    }

    #[test]
    fn task_lists_tables_and_footnotes_survive() {
        let (out, _) =
            html("- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note.\n", "content/insights/b.md");
        assert!(out.contains(r#"type="checkbox""#), "{out}");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("footnote-definition"), "{out}");
    }

    #[test]
    fn excerpt_is_the_first_paragraph() {
        let mut md = Markdown::new("# Head\n\nFirst *para*\ngraph.\n\nSecond.".into(), Pos::new(1, 1));
        render(&mut md, "content/insights/x.md", &targets(), &mut Diagnostics::default());
        assert_eq!(md.excerpt, "First para graph.");
    }
}
