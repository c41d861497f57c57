//! Raw HTML and link destinations: what stays, what goes, and that the result is balanced.

use std::collections::BTreeSet;

use super::*;

fn html_with(source: &str, schemes: &[&str]) -> String {
    let mut targets = LinkTargets { base: "/".into(), ..LinkTargets::default() };
    targets.schemes = schemes.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    let mut md = Markdown::new(source.into(), Pos::new(1, 1));
    render(&mut md, "content/insights/a.md", &targets, &mut Diagnostics::default());
    md.html
}

fn html(source: &str) -> String {
    html_with(source, &[])
}

/// Every start tag of a non-void element has its end tag, in order.
fn assert_balanced(out: &str) {
    let mut stack = Vec::new();
    for tag in out.split('<').skip(1).map(|t| t.split(['>', ' ']).next().unwrap_or_default()) {
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "unbalanced `</{name}>` in {out}");
        } else if !["br", "hr", "img", "source", "wbr", "input"].contains(&tag) {
            stack.push(tag);
        }
    }
    assert!(stack.is_empty(), "{stack:?} left open in {out}");
}

#[test]
fn github_elements_stay_and_others_go() {
    let out = html(
        "<kbd>Ctrl</kbd> <sup>1</sup> <sub>2</sub> <ins>a</ins> <del>b</del> <mark>c</mark>\n\n\
         <picture><source media=\"(prefers-color-scheme: dark)\" srcset=\"d.png 2x\"><img src=\"l.png\" alt=\"l\"></picture>\n\n\
         <form action=x><input name=q><button>go</button></form><iframe src=x></iframe><svg><circle/></svg>\n",
    );
    for kept in ["<kbd>Ctrl</kbd>", "<sup>1</sup>", "<sub>2</sub>", "<ins>a</ins>", "<del>b</del>", "<mark>c</mark>"] {
        assert!(out.contains(kept), "{kept}: {out}");
    }
    assert!(out.contains(r#"<source media="(prefers-color-scheme: dark)" srcset="d.png 2x">"#), "{out}");
    for gone in ["<form", "<input", "<button", "<iframe", "<svg", "<circle"] {
        assert!(!out.contains(gone), "{gone}: {out}");
    }
    assert!(out.contains("go"), "the text of a dropped element stays: {out}");
    assert_balanced(&out);
}

#[test]
fn attributes_follow_the_allowlist() {
    let out = html(
        "<div id=\"main\" class=\"x\" style=\"position:fixed\" onclick=\"alert(1)\" title='a\"b<c' align=center>x</div>\n",
    );
    assert_eq!(out, "<div id=\"user-content-main\" title=\"a&quot;b&lt;c\" align=\"center\">x</div>\n");
}

#[test]
fn script_urls_never_reach_the_page() {
    let out = html(
        "<a href=\" JaVa&#x09;Script:alert(1)\">a</a> <img src=\"vbscript:x\" alt=i> <img srcset=\"ok.png 1x, data:text/html,x 2x\" alt=j>\n\n\
         [b](javascript:alert(1)) [c](jav&#x61;script:alert(1)) <javascript:alert(1)> ![d](data:text/html;base64,PHNjcmlwdD4=)\n",
    );
    for value in out.split("=\"").skip(1).map(|v| v.split('"').next().unwrap_or_default().to_ascii_lowercase()) {
        assert!(!value.contains("script:") && !value.contains("data:"), "{value} in {out}");
    }
    assert!(out.contains("<p>b c javascript:alert(1) d</p>"), "an autolink to script is text: {out}");
    assert!(out.contains("<a>a</a>") && out.contains("<img alt=\"i\">") && out.contains("<img alt=\"j\">"), "{out}");
    assert!(out.contains("<p>b c"), "a forbidden link keeps its text: {out}");
}

#[test]
fn configured_schemes_are_allowed_and_no_others() {
    let source = "[s](slack://open?team=T1) [z](zoommtg://zoom.us/join) <a href=\"slack://x\">raw</a>";
    let out = html(source);
    assert!(!out.contains("slack:") && !out.contains("zoommtg:"), "{out}");
    let out = html_with(source, &["slack", "zoommtg"]);
    assert!(out.contains(r#"<a href="slack://open?team=T1">s</a>"#), "{out}");
    assert!(out.contains(r#"<a href="zoommtg://zoom.us/join">z</a>"#), "{out}");
    assert!(out.contains(r#"<a href="slack://x">raw</a>"#), "{out}");
}

#[test]
fn a_block_split_over_lines_is_sanitised_as_one() {
    let out = html("<div>\n<img\nsrc=x\nonerror=alert(1)><a\nhref=\"javascript:alert(1)\"\n>x</a>\n<!-- <script>alert(1)</script> -->\n</div>\n");
    assert_eq!(out, "<div>\n<img src=\"x\"><a>x</a>\n\n</div>\n");
    let out = html("<div title=\"\n\n<script>alert(1)</script>\">\n");
    assert!(!out.contains("<script"), "{out}");
    assert_balanced(&out);
}

#[test]
fn details_hold_markdown_across_blocks() {
    let out = html("<details>\n<summary>More</summary>\n\nInside **bold**\n\n</details>\n\nAfter.\n");
    assert_eq!(
        out,
        "<details>\n<summary>More</summary>\n<p>Inside <strong>bold</strong></p>\n</details>\n<p>After.</p>\n"
    );
}

#[test]
fn unbalanced_tags_cannot_break_the_layout() {
    for source in [
        "</div></div></main></body>\n\ntext",
        "<div><div>\n\ntext",
        "a <span><b>b\n\n</span> c",
        "- <div>item\n- </div></li></ul>two\n\n> <blockquote>\n\nout",
        "<table><tr><td>a<td>b<tr><td>c\n\nafter",
        "<ul><li>a<li>b</ul>",
    ] {
        assert_balanced(&html(source));
    }
    assert_eq!(html("text </div> more"), "<p>text  more</p>\n");
}

#[test]
fn an_open_link_neither_stays_empty_nor_swallows_the_page() {
    let out = html("<a href=\"https://x.org\">\n\nRest of the note.\n");
    assert_eq!(out, "<p>Rest of the note.</p>\n");
    let out = html("See <a href=\"https://x.org\">this and\n\nthe next paragraph.\n");
    assert_eq!(out, "<p>See <a href=\"https://x.org\">this and</a></p>\n<p>the next paragraph.</p>\n");
}

#[test]
fn script_and_style_content_goes_with_them() {
    assert_eq!(html("a <script>alert(1)</script> b <style>p{}</style> c"), "<p>a  b  c</p>\n");
    assert_eq!(html("<script>\nif (a<b) alert(1)\n</script>\n\nafter"), "\n<p>after</p>\n");
}

#[test]
fn headings_avoid_theme_and_footnote_ids() {
    let mut md = Markdown::new("# Search\n\n## Fn note\n\nText[^note]\n\n[^note]: A note.\n".into(), Pos::new(1, 1));
    render(&mut md, "content/insights/a.md", &LinkTargets::default(), &mut Diagnostics::default());
    let ids: Vec<&str> = md.toc.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["search-2", "fn-note-2"]);
    assert!(md.html.contains(r##"<a href="#fn-note">1</a>"##), "{}", md.html);
    assert!(md.html.contains(r#"id="fn-note""#), "{}", md.html);
}

#[test]
fn no_attribute_reads_like_a_script_url() {
    let out = html(
        "[a](https://x.org \"javascript:alert(1)\") ![java script:x](i.png) ![![data:x](j.png)](k.png)\n\n\
         <span title=\" JavaScript:alert(1)\" lang=\"vbscript:x\">s</span> <abbr title=\"metadata: fine\">m</abbr>\n",
    );
    assert!(out.contains(r#"<a href="https://x.org">a</a>"#), "{out}");
    assert!(out.contains(r#"<img src="i.png" alt="" />"#), "{out}");
    assert!(out.contains("<span>s</span>") && out.contains(r#"<abbr title="metadata: fine">"#), "{out}");
    for value in out.split("=\"").skip(1).map(|v| v.split('"').next().unwrap_or_default()) {
        assert!(!links::looks_like_script(value), "{value} in {out}");
    }
}

#[test]
fn open_elements_are_capped() {
    let out = html(&format!("{}x{}", "<span/>".repeat(2000), "</i>".repeat(2000)));
    assert_balanced(&out);
    assert!(out.matches("<span>").count() <= 256, "{} spans", out.matches("<span>").count());
}
