//! Markdown to safe HTML: CommonMark with tables, footnotes, strikethrough and task lists;
//! relative links to notes, journeys and personas rewritten to their pages and checked; raw
//! HTML sanitised so no script, event handler or `javascript:` URL reaches a page.
//!
//! Only the raw HTML in a text is sanitised ([`raw`]); the HTML pulldown-cmark writes for
//! Markdown syntax escapes every text and attribute, and its link and image destinations are
//! checked here, so it is safe as written and is not parsed a second time.

mod allowlist;
mod headings;
pub(crate) mod links;
mod raw;
#[cfg(test)]
mod raw_tests;

use std::collections::{BTreeMap, BTreeSet};

use pulldown_cmark::{CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::model::Markdown;

pub use headings::THEME_IDS;
pub use raw::ID_PREFIX;

/// Where each linkable file's page is, by project-relative path, and which link schemes the
/// project allows beyond the defaults.
#[derive(Debug, Default)]
pub struct LinkTargets {
    /// The site's path prefix, e.g. `/` or `/playbook/`.
    pub base: String,
    /// File path → page path under the base (`insights/2026/x/`).
    pub pages: BTreeMap<String, String>,
    /// Files that exist but are not built (drafts).
    pub unbuilt: BTreeSet<String>,
    /// Extra link schemes from the configuration's `link_schemes`, lowercase.
    pub schemes: BTreeSet<String>,
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// How deep blockquotes and raw HTML elements may nest, and how far a line may be indented.
/// Parsing (pulldown-cmark) and sanitising (html5ever) slow down with the square of nesting:
/// 32,000 nested quotes take seconds. No real note comes close to these limits.
pub const MAX_NESTING: usize = 100;
pub const MAX_INDENT: usize = 400;

/// Renders `md`, written in `file`, into `md.html` and a plain-text `md.excerpt`.
pub fn render(md: &mut Markdown, file: &str, targets: &LinkTargets, diagnostics: &mut Diagnostics) {
    let Markdown { source, pos, html, excerpt, toc } = md;
    let Some((mut events, footnotes)) = checked_events(source, *pos, file, targets, diagnostics) else { return };
    *excerpt = self::excerpt(&events);
    *toc = headings::anchor_headings(&mut events, &footnotes);
    let mut out = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    // The HTML is kept until the pages are written; room reserved and not used would be too.
    out.shrink_to_fit();
    *html = out;
    // Pages use the HTML; the source is not needed again and may be large.
    *source = String::new();
}

/// Reports what [`render`] would report of `md`, without making its HTML: for `check`, which
/// writes no page. Only nesting too deep and links and images are ever reported, so this
/// reads the events for those alone, leaving raw HTML, footnotes and task lists as they are.
pub fn lint(md: &mut Markdown, file: &str, targets: &LinkTargets, diagnostics: &mut Diagnostics) {
    let Some(lines) = readable(&md.source, md.pos, file, diagnostics) else { return };
    for (event, range) in Parser::new_ext(&md.source, options()).into_offset_iter() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            links::rewrite(&dest_url, file, lines.pos(range.start), targets, diagnostics);
        }
    }
}

/// Where each line of `source` (which starts at `start` of `file`) begins; `None` when it is
/// empty, and, with an error, when it nests too deep to render.
fn readable<'s>(source: &'s str, start: Pos, file: &str, diagnostics: &mut Diagnostics) -> Option<LineIndex<'s>> {
    if source.trim().is_empty() {
        return None;
    }
    if let Some((offset, what)) = too_deep(source) {
        let pos = LineIndex::new(source, start).pos(offset);
        diagnostics.push(
            Diagnostic::error("E052", file, pos, what).with_help("flatten the structure; it is too deep to render"),
        );
        return None;
    }
    Some(LineIndex::new(source, start))
}

/// The safe events of `source` (see [`safe_events`]), which starts at `start` of `file`, with
/// its footnote ids; `None`, with an error, when it nests too deep to render.
fn checked_events<'a>(
    source: &'a str,
    start: Pos,
    file: &str,
    targets: &LinkTargets,
    diagnostics: &mut Diagnostics,
) -> Option<(Vec<Event<'a>>, BTreeSet<String>)> {
    let lines = readable(source, start, file, diagnostics)?;
    Some(safe_events(
        source,
        |url, offset| links::rewrite(url, file, lines.pos(offset), targets, diagnostics),
        &targets.schemes,
    ))
}

/// The events of `source` made safe to write as they are: link destinations passed through
/// `rewrite` (given the URL and its byte offset) and dropped, keeping their text, when their
/// scheme is not allowed; raw HTML sanitised and balanced; footnote labels prefixed with
/// `fn-` so their ids cannot clash with the page's. Also returns the footnote ids.
fn safe_events<'a>(
    source: &'a str,
    mut rewrite: impl FnMut(&str, usize) -> Option<String>,
    schemes: &BTreeSet<String>,
) -> (Vec<Event<'a>>, BTreeSet<String>) {
    let mut raw = raw::RawHtml::new(schemes);
    let mut events = Vec::new();
    let mut block: Option<String> = None;
    // For each open link and image: whether it was dropped.
    let (mut links_open, mut images_open) = (Vec::new(), Vec::new());
    let mut footnotes = BTreeSet::new();
    let flush = |raw: &mut raw::RawHtml, events: &mut Vec<Event<'a>>| {
        if let Some(html) = raw.take() {
            events.push(Event::InlineHtml(html.into()));
        }
    };
    for (event, range) in Parser::new_ext(source, options()).into_offset_iter() {
        let event = match event {
            Event::Start(Tag::HtmlBlock) => {
                block = Some(String::new());
                continue;
            }
            Event::Html(html) if block.is_some() => {
                block.get_or_insert_default().push_str(&html);
                continue;
            }
            Event::End(TagEnd::HtmlBlock) => {
                raw.piece(&block.take().unwrap_or_default(), true);
                raw.end_block();
                continue;
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                raw.piece(&html, false);
                continue;
            }
            Event::Text(_) | Event::Code(_) | Event::SoftBreak | Event::HardBreak if raw.dropping() => continue,
            Event::Start(Tag::Link { link_type, dest_url, mut title, id }) => {
                if links::looks_like_script(&title) {
                    title = CowStr::from("");
                }
                let dest_url = rewrite(&dest_url, range.start).map_or(dest_url, CowStr::from);
                let keep = link_type == LinkType::Email || links::allowed(&dest_url, schemes);
                links_open.push(keep);
                if !keep {
                    continue;
                }
                Event::Start(Tag::Link { link_type, dest_url, title, id })
            }
            Event::Start(Tag::Image { link_type, dest_url, mut title, id }) => {
                if links::looks_like_script(&title) {
                    title = CowStr::from("");
                }
                let dest_url = rewrite(&dest_url, range.start).map_or(dest_url, CowStr::from);
                let keep = links::allowed(&dest_url, schemes);
                images_open.push(keep);
                if !keep {
                    continue;
                }
                Event::Start(Tag::Image { link_type, dest_url, title, id })
            }
            Event::End(TagEnd::Link) if !links_open.pop().unwrap_or(true) => continue,
            Event::End(TagEnd::Image) if !images_open.pop().unwrap_or(true) => continue,
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let label = format!("fn-{label}");
                footnotes.insert(label.clone());
                Event::Start(Tag::FootnoteDefinition(label.into()))
            }
            Event::FootnoteReference(label) => {
                let label = format!("fn-{label}");
                footnotes.insert(label.clone());
                Event::FootnoteReference(label.into())
            }
            // A disabled checkbox has no label for assistive technology; a symbol with words does.
            Event::TaskListMarker(done) => Event::InlineHtml(CowStr::from(if done {
                "<span class=\"task done\" aria-hidden=\"true\">☑</span><span class=\"sr\">Done: </span>"
            } else {
                "<span class=\"task\" aria-hidden=\"true\">☐</span><span class=\"sr\">To do: </span>"
            })),
            other => other,
        };
        match &event {
            Event::Start(tag) => raw.enter(!is_inline(tag)),
            Event::End(_) => raw.leave(),
            _ => {}
        }
        flush(&mut raw, &mut events);
        events.push(event);
    }
    raw.finish();
    flush(&mut raw, &mut events);
    clear_script_like_alt_text(&mut events);
    (events, footnotes)
}

/// Empties the alt text of an image that reads like a script URL (it is written as an
/// attribute, where nothing may look like one).
fn clear_script_like_alt_text(events: &mut Vec<Event>) {
    let mut i = 0;
    while i < events.len() {
        if matches!(events[i], Event::Start(Tag::Image { .. })) {
            let mut depth = 0;
            let end = (i..events.len())
                .find(|&j| {
                    match events[j] {
                        Event::Start(Tag::Image { .. }) => depth += 1,
                        Event::End(TagEnd::Image) => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .unwrap_or(i);
            let alt: String = events[i + 1..end]
                .iter()
                .filter_map(|e| match e {
                    Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                    _ => None,
                })
                .collect();
            if links::looks_like_script(&alt) {
                events.drain(i + 1..end);
            }
        }
        i += 1;
    }
}

/// Markdown elements that sit inside a line of text.
fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Superscript
            | Tag::Subscript
    )
}

/// The first place where blockquotes or raw HTML nest deeper than [`MAX_NESTING`], or a line
/// is indented beyond [`MAX_INDENT`] columns (lists nest by indent), with what was found. One
/// pass, no parsing; fenced code is skipped.
fn too_deep(source: &str) -> Option<(usize, String)> {
    let mut html_depth: usize = 0;
    let mut offset = 0;
    // The fence that opened the code being skipped, which also closes it.
    let mut fence: Option<&str> = None;
    let mut rest = source;
    while !rest.is_empty() {
        let (line, after) = rest.split_at(memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |end| end + 1));
        rest = after;
        let trimmed = line.trim_start();
        if let Some(f) = fence {
            if trimmed.starts_with(f) {
                fence = None;
            }
            offset += line.len();
            continue;
        }
        if let Some(f) = ["```", "~~~"].into_iter().find(|f| trimmed.starts_with(f)) {
            fence = Some(f);
            offset += line.len();
            continue;
        }
        let indent =
            line.chars().take_while(|c| *c == ' ' || *c == '\t').map(|c| if c == '\t' { 4 } else { 1 }).sum::<usize>();
        if indent > MAX_INDENT {
            return Some((offset, format!("a line is indented {indent} columns; the limit is {MAX_INDENT}")));
        }
        let quotes = line.chars().take_while(|c| matches!(c, '>' | ' ' | '\t')).filter(|c| *c == '>').count();
        if quotes > MAX_NESTING {
            return Some((offset, format!("blockquotes nest {quotes} deep; the limit is {MAX_NESTING}")));
        }
        let bytes = line.as_bytes();
        for i in memchr::memchr_iter(b'<', bytes) {
            match bytes.get(i + 1) {
                Some(b'/') => html_depth = html_depth.saturating_sub(1),
                Some(c) if c.is_ascii_alphabetic() => {
                    let tag_end = line[i..].find('>').map(|e| i + e);
                    let self_closing = tag_end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
                    let name = &bytes[i + 1..];
                    let name = &name[..name.iter().position(|c| !c.is_ascii_alphanumeric()).unwrap_or(name.len())];
                    if !self_closing && !VOID.iter().any(|v| v.as_bytes().eq_ignore_ascii_case(name)) {
                        html_depth += 1;
                        if html_depth > MAX_NESTING {
                            return Some((offset + i, format!("HTML elements nest more than {MAX_NESTING} deep")));
                        }
                    }
                }
                _ => {}
            }
        }
        offset += line.len();
    }
    None
}

/// HTML elements that have no closing tag.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

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

/// Byte offsets of the Markdown source to places in the file, found by binary search.
/// Exact for note bodies and YAML block scalars (whose lines share one indentation).
struct LineIndex<'s> {
    source: &'s str,
    starts: Vec<usize>,
    start: Pos,
}

impl<'s> LineIndex<'s> {
    fn new(source: &'s str, start: Pos) -> Self {
        let starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1)).collect();
        LineIndex { source, starts, start }
    }

    fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.source.len());
        let line = self.starts.partition_point(|s| *s <= offset) - 1;
        let column = self.source.get(self.starts[line]..offset).map_or(0, |t| t.chars().count()) as u32;
        Pos::new(self.start.line + line as u32, self.start.column + column)
    }
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
        let (out, _) = html(
            "- [x] done\n- [ ] open\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^1]\n\n[^1]: Note.\n",
            "content/insights/b.md",
        );
        assert!(out.contains("☑</span><span class=\"sr\">Done: </span>"), "{out}");
        assert!(out.contains("☐</span><span class=\"sr\">To do: </span>"), "{out}");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("footnote-definition"), "{out}");
    }

    #[test]
    fn lint_reports_what_render_reports() {
        let sources = [
            "intro\n\nsee [x](missing.md) and ![i](gone.png \"t\")\n",
            "[a](../2026/a.md#x) <a href=\"missing.md\">raw</a> [j](../../journeys/none.yaml)",
            "<div>\n\n[in html](nope.md)\n\n</div>\n\n<script>[x](also-missing.md)</script>",
            "[^1] text [x](missing.md)\n\n[^1]: [y](missing-too.md)\n- [ ] [t](gone.md)",
            "[mail](mailto:a@b.c) [js](javascript:alert(1)) [up](../../../../../etc/passwd.md)",
            "   \n",
        ];
        let deep = format!("intro\n\n{}x [l](missing.md)\n", "> ".repeat(150));
        for source in sources.iter().copied().chain([deep.as_str()]) {
            let (mut a, mut b) =
                (Markdown::new(source.into(), Pos::new(5, 3)), Markdown::new(source.into(), Pos::new(5, 3)));
            let (mut rendered, mut linted) = (Diagnostics::default(), Diagnostics::default());
            render(&mut a, "content/insights/2025/b.md", &targets(), &mut rendered);
            lint(&mut b, "content/insights/2025/b.md", &targets(), &mut linted);
            let shown = |d: &Diagnostics| format!("{:?}", d.sorted());
            assert_eq!(shown(&linted), shown(&rendered), "{source}");
        }
        let mut broken = Markdown::new("see [x](missing.md)".into(), Pos::new(1, 1));
        let mut found = Diagnostics::default();
        lint(&mut broken, "content/insights/b.md", &targets(), &mut found);
        assert_eq!(found.sorted()[0].code, "E051");
    }

    fn ok_too() -> Diagnostics {
        Diagnostics::default()
    }

    #[test]
    fn deep_nesting_is_an_error_at_its_line() {
        let mut d = Diagnostics::default();
        let mut md = Markdown::new(format!("intro\n\n{}x\n", "> ".repeat(150)), Pos::new(5, 1));
        render(&mut md, "content/insights/a.md", &targets(), &mut d);
        let all = d.sorted();
        assert_eq!((all[0].code, all[0].line), ("E052", 7));
        let mut md = Markdown::new(format!("{}{}", "<div>".repeat(150), "</div>".repeat(150)), Pos::new(1, 1));
        render(&mut md, "content/insights/a.md", &targets(), &mut d);
        assert_eq!(d.error_count(), 2);
        // Ordinary nesting, void elements, many siblings and starry code blocks are fine.
        let mut md =
            Markdown::new(format!("```\n{}\n```\n\n{}", "*".repeat(10_000), "*a* ".repeat(1000)), Pos::new(1, 1));
        render(&mut md, "content/insights/a.md", &targets(), &mut ok_too());
        assert!(!md.html.is_empty());
        let mut ok = Diagnostics::default();
        let mut md = Markdown::new(
            format!(
                "{}\n\n> > > quote\n\n{}",
                "<p>a<br>b<img src=x></p>".repeat(500),
                "<div><span>x</span></div>".repeat(500)
            ),
            Pos::new(1, 1),
        );
        render(&mut md, "content/insights/a.md", &targets(), &mut ok);
        assert!(ok.is_empty(), "{ok:?}");
    }

    #[test]
    fn headings_get_unique_ids_and_a_table_of_contents() {
        let mut md = Markdown::new("# Findings\n\n## Main\n\n## Findings\n\n### ✈️\n".into(), Pos::new(1, 1));
        render(&mut md, "content/insights/x.md", &targets(), &mut Diagnostics::default());
        let ids: Vec<&str> = md.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["findings", "main-2", "findings-2", "section"]);
        assert!(md.html.contains(r#"<h2 id="main-2">Main</h2>"#), "{}", md.html);
    }

    #[test]
    fn excerpt_is_the_first_paragraph() {
        let mut md = Markdown::new("# Head\n\nFirst *para*\ngraph.\n\nSecond.".into(), Pos::new(1, 1));
        render(&mut md, "content/insights/x.md", &targets(), &mut Diagnostics::default());
        assert_eq!(md.excerpt, "First para graph.");
    }
}
