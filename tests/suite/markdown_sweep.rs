//! A fixed-seed sweep of hostile fragments, joined at random, through the Markdown renderer,
//! judged by the fuzz targets' checker (`fuzz/fuzz_targets/common.rs`): no script element,
//! event handler or script URL in any output. Runs on stable Rust in every test run, where
//! the fuzz targets need cargo-fuzz.

#[path = "../../fuzz/fuzz_targets/common.rs"]
mod common;

use journeybook::diagnostic::{Diagnostics, Pos};
use journeybook::markdown::{self, LinkTargets};
use journeybook::model::Markdown;

const FRAGMENTS: &[&str] = &[
    "<script>",
    "</script>",
    "<a href=\"",
    "javascript:alert(1)",
    "\">",
    "<img src=x onerror=alert(1)>",
    "\n\n",
    "\n",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "`",
    "```\n",
    "<style>",
    "</style>",
    "[x](",
    ")",
    "<",
    ">",
    "\"",
    "'",
    " onclick=alert(1) ",
    "<svg onload=alert(1)>",
    "<iframe src=x>",
    "&#x6a;avascript:",
    "<a href=javascript:x>",
    "<details>",
    "</details>",
    "<span title='",
    "<textarea>",
    "<xmp>",
    "<noscript>",
    "<plaintext>",
    "    ",
    "> ",
    "- ",
    "<scr",
    "ipt>",
    "data:text/html,x",
    "<object data=x>",
    "<embed src=x>",
    "<math><mi xlink:href=\"javascript:x\">",
    "<?",
    "?>",
    "<!DOCTYPE x>",
    "<title>",
    "</title>",
    "<a/href=javascript:x>",
    "<img/src=x/onerror=alert(1)>",
    "*",
    "_",
    "|a|b|\n|-|-|\n",
    "[x](y \"",
    "![",
    "](z.png)",
    "](u '",
    "javascript:alert(1)\")",
    "<kbd>",
    "</kbd>",
    "[^1]",
    "[^1]: ",
    "<a href=\"https://x.org\">",
    "</a>",
    "<span/>",
    "# ",
    "<p>",
    "</p>",
    "<li>",
    "<td>",
    "<table>",
    "&quot;",
    "&#0;",
];

/// Names and attributes that whole generated tags are made of.
const TAGS: &[&str] =
    &["a", "img", "div", "span", "details", "svg", "script", "iframe", "kbd", "source", "td", "A", "IMG"];
const ATTRIBUTES: &[&str] = &[
    " onclick=alert(1)",
    " onerror=\"alert(1)\"",
    " href=\"javascript:alert(1)\"",
    " src='vbscript:x'",
    " title=ok",
    " href=https://x.org",
    " srcset=\"a.png 1x, javascript:x 2x\"",
    " style=\"x:expression(1)\"",
    " id=main",
    " href=\"&#x6a;avascript:x\"",
    " cite=data:text/html,x",
    " lang=\" JavaScript:x\"",
    "/",
];

#[test]
fn hostile_fragments_never_render_live_script() {
    let mut targets = LinkTargets { base: "/pb/".into(), ..LinkTargets::default() };
    targets.pages.insert("content/insights/a/b.md".into(), "insights/a/b/".into());
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..5_000 {
        let count = (next() % 16 + 1) as usize;
        let mut text = String::new();
        for _ in 0..count {
            if next() % 3 == 0 {
                text.push('<');
                text.push_str(TAGS[(next() % TAGS.len() as u64) as usize]);
                for _ in 0..next() % 3 {
                    text.push_str(ATTRIBUTES[(next() % ATTRIBUTES.len() as u64) as usize]);
                }
                text.push('>');
            } else {
                text.push_str(FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize]);
            }
        }
        let mut md = Markdown::new(text.clone(), Pos::new(1, 1));
        markdown::render(&mut md, "content/insights/a/c.md", &targets, &mut Diagnostics::default());
        let html = md.html;
        if std::panic::catch_unwind(|| common::assert_inert(&html)).is_err() {
            panic!("live script from {text:?}:\n{html}");
        }
    }
}
