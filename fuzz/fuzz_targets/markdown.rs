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
/// serialised with every `<` escaped, so each literal `<` starts a tag and only tags are read.
fn assert_inert(html: &str) {
    let lower = html.to_ascii_lowercase();
    for tag in lower.split('<').skip(1).map(|t| t.split('>').next().unwrap_or_default()) {
        assert!(!tag.starts_with("script") && !tag.starts_with("iframe") && !tag.starts_with("object") && !tag.starts_with("embed"), "<{tag}> in {html}");
        let compact: String = tag.chars().filter(|c| !c.is_whitespace()).collect();
        for bad in ["=\"javascript:", "=\"vbscript:", "=\"data:text/html"] {
            assert!(!compact.contains(bad), "<{tag}> in {html}");
        }
        for word in tag.split_whitespace().skip(1) {
            assert!(!(word.starts_with("on") && word.contains('=')), "<{tag}> in {html}");
        }
    }
}
