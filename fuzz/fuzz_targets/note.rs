//! A note with front matter, its Markdown rendered: a note or a diagnostic, never a panic, and
//! no live script in the HTML.
#![no_main]

use journeybook::diagnostic::Diagnostics;
use journeybook::markdown::{self, LinkTargets};
use journeybook::project::note;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;
use common::assert_inert;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut diagnostics = Diagnostics::default();
    let Some(mut n) = note::parse(text, "content/insights/f.md", "f".into(), &mut diagnostics) else { return };
    let targets = LinkTargets { base: "/".into(), ..LinkTargets::default() };
    markdown::render(&mut n.body, &n.file, &targets, &mut diagnostics);
    assert_inert(&n.body.html);
});
