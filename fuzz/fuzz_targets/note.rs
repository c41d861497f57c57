//! A note with front matter, its Markdown rendered: a note or a diagnostic, never a panic, and
//! no live script in the HTML.
#![no_main]

use journeybook::diagnostic::Diagnostics;
use journeybook::markdown::{self, LinkTargets};
use journeybook::project::note;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut diagnostics = Diagnostics::default();
    let Some(mut n) = note::parse(text, "content/insights/f.md", "f".into(), &mut diagnostics) else { return };
    let targets = LinkTargets { base: "/".into(), ..LinkTargets::default() };
    markdown::render(&mut n.body, &n.file, &targets, &mut diagnostics);
    assert_inert(&n.body.html);
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
