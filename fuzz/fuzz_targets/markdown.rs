//! Markdown with relative links rewritten: HTML or a diagnostic, never a panic, never a link
//! out of the site, never live script.
#![no_main]

use journeybook::diagnostic::{Diagnostics, Pos};
use journeybook::markdown::{self, LinkTargets};
use journeybook::model::Markdown;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::assert_inert;

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
