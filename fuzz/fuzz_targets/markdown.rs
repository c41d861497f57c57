//! Markdown with relative links rewritten: HTML or a diagnostic, never a panic, never a link
//! out of the site, never live script.
#![no_main]

use journeybook::diagnostic::{Diagnostics, Pos};
use journeybook::markdown::{self, LinkTargets};
use journeybook::model::Markdown;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut targets = LinkTargets { base: "/pb/".into(), ..LinkTargets::default() };
    targets.pages.insert("content/insights/a/b.md".into(), "insights/a/b/".into());
    targets.pages.insert("content/journeys/j.yaml".into(), "journeys/j/".into());
    targets.unbuilt.insert("content/insights/a/draft.md".into());
    let mut md = Markdown::new(text.to_string(), Pos::new(3, 1));
    let mut diagnostics = Diagnostics::default();
    markdown::render(&mut md, "content/insights/a/c.md", &targets, &mut diagnostics);
    assert_inert(&md.html);
});

/// No script element, no event handler attribute, no script URL in an attribute. Text is
/// serialised with every `<` escaped, so each literal `<` starts a tag; attributes are read as
/// a browser reads them, quoted values and all.
fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in lower.split('<').skip(1).map(|t| t.split('>').next().unwrap_or_default()) {
        let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(!["script", "iframe", "object", "embed"].contains(&name.as_str()), "<{tag}> in {html}");
        for (attr, value) in attributes(&tag[name.len()..]) {
            assert!(!attr.starts_with("on"), "<{tag}> in {html}");
            let compact: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
            assert!(!["javascript:", "vbscript:", "data:text/html"].iter().any(|b| compact.starts_with(b)), "<{tag}> in {html}");
        }
    }
}

/// The attributes of a tag's inside, as (name, value) pairs.
fn attributes(mut rest: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return out;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '=' || c == '/').unwrap_or(rest.len());
        let name = rest[..end].to_string();
        rest = rest[end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let close = after[1..].find(q).map_or(after.len(), |i| i + 1);
                value = after[1..close].to_string();
                rest = after.get(close + 1..).unwrap_or("");
            } else {
                let close = after.find(char::is_whitespace).unwrap_or(after.len());
                value = after[..close].to_string();
                rest = &after[close..];
            }
        }
        if name.is_empty() {
            return out;
        }
        out.push((name, value));
    }
}
