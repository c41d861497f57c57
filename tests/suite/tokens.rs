//! The built-in stylesheet's design tokens: every colour is a custom property defined in one
//! block for light and one for dark at the top, and the rules below use only those. Charts
//! name their colours by class, so no selector matches a colour value.

use std::collections::BTreeSet;
use std::path::Path;

use crate::harness::{example, read_tree, Run};

fn stylesheet() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/assets/style.css");
    std::fs::read_to_string(path).expect("the stylesheet is readable")
}

/// The text of the `{ … }` block that starts at the first `{` after `from`, and where it ends.
fn block(css: &str, from: usize) -> (&str, usize) {
    let open = from + css[from..].find('{').expect("a block opens");
    let mut depth = 0;
    for (i, c) in css[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 1 => return (&css[open + 1..open + i], open + i + 1),
            '}' => depth -= 1,
            _ => {}
        }
    }
    panic!("a block closes");
}

/// The stylesheet split into its light tokens, its dark tokens and the rules after them.
fn parts(css: &str) -> (&str, &str, &str) {
    let light_at = css.find(":root").expect("a :root block");
    let (light, end) = block(css, light_at);
    let dark_at = css[end..].find("@media (prefers-color-scheme: dark)").expect("a dark block") + end;
    assert!(css[end..dark_at].trim().is_empty(), "the dark tokens follow the light ones directly");
    let (media, end) = block(css, dark_at);
    let (dark, _) = block(media, media.find(":root").expect("a :root in the dark block"));
    (light, dark, &css[end..])
}

/// The custom properties `text` defines (`--name:`).
fn defined(text: &str) -> BTreeSet<String> {
    text.split("--")
        .skip(1)
        .filter_map(|rest| {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            rest[name.len()..].trim_start().starts_with(':').then(|| format!("--{name}"))
        })
        .collect()
}

/// The custom properties `text` reads (`var(--name)`).
fn used(text: &str) -> BTreeSet<String> {
    text.split("var(")
        .skip(1)
        .map(|rest| rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect())
        .collect()
}

/// Literal colours in `text`: hex (`#abc`, `#aabbcc`), `rgb(`, `hsl(` and the common names.
fn literal_colours(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let hex = line.split('#').skip(1).any(|rest| {
            let digits = rest.chars().take_while(char::is_ascii_hexdigit).count();
            [3, 4, 6, 8].contains(&digits) && !rest[digits..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
        });
        let function = ["rgb(", "rgba(", "hsl(", "hsla("].iter().any(|f| line.contains(f));
        let named = [": white", ": black", " #fff", "#000"].iter().any(|w| line.contains(w));
        if hex || function || named {
            found.push(format!("{}: {}", n + 1, line.trim()));
        }
    }
    found
}

#[test]
fn every_custom_property_is_defined_in_the_two_token_blocks() {
    let css = stylesheet();
    let (light, dark, rules) = parts(&css);
    assert_eq!(css.matches(":root").count(), 2, "one :root block for light and one for dark");
    let tokens = defined(light);
    assert!(tokens.len() > 40, "the light block holds the tokens: {tokens:?}");
    assert!(tokens.iter().all(|t| t.starts_with("--jb-")), "tokens are named --jb-…: {tokens:?}");
    let dark_only: Vec<_> = defined(dark).difference(&tokens).cloned().collect();
    assert!(dark_only.is_empty(), "dark tokens without a light value: {dark_only:?}");
    // Below the blocks a rule may only override a token for part of the page (Thai pages'
    // fonts) or set a layout variable of its own, never invent a colour.
    let layout = ["--stages", "--column", "--stack-label"];
    let stray: Vec<_> =
        defined(rules).into_iter().filter(|d| !tokens.contains(d) && !layout.contains(&d.as_str())).collect();
    assert!(stray.is_empty(), "custom properties defined outside the token blocks: {stray:?}");
    let undefined: Vec<_> =
        used(&css).into_iter().filter(|u| !tokens.contains(u) && !layout.contains(&u.as_str())).collect();
    assert!(undefined.is_empty(), "tokens used but never defined: {undefined:?}");
}

#[test]
fn no_rule_below_the_tokens_writes_a_literal_colour() {
    let css = stylesheet();
    let (_, _, rules) = parts(&css);
    let found = literal_colours(rules);
    assert!(found.is_empty(), "literal colours outside the token blocks:\n{}", found.join("\n"));
}

#[test]
fn the_checks_catch_a_stray_colour_and_a_stray_property() {
    assert_eq!(literal_colours("a { color: #fff; }\nb { fill: rgb(0 0 0 / 5%); }").len(), 2);
    assert!(literal_colours(".tags a::before { content: \"#\"; }\n#main { color: var(--jb-text); }").is_empty());
    assert_eq!(defined(".x { --brand: red; color: var(--jb-text); }"), BTreeSet::from(["--brand".to_string()]));
    assert_eq!(used("a { color: var(--jb-text); background: var(--jb-bg); }").len(), 2);
}

/// The `fill-…` and `stroke-…` classes of `html`'s elements.
fn paint_classes(html: &str) -> BTreeSet<String> {
    html.split(" class=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .flat_map(str::split_whitespace)
        .filter(|c| c.starts_with("fill-") || c.starts_with("stroke-"))
        .map(str::to_string)
        .collect()
}

#[test]
fn no_selector_matches_a_colour_value() {
    let css = stylesheet();
    let found: Vec<&str> = css.lines().filter(|l| l.contains("[fill") || l.contains("[stroke")).collect();
    assert!(found.is_empty(), "selectors on fill or stroke attributes:\n{}", found.join("\n"));
}

#[test]
fn charts_name_their_colours_by_classes_the_stylesheet_paints() {
    let project = example();
    let out = tempfile::tempdir().unwrap();
    let run = Run::new(&["build", "--output", out.path().to_str().unwrap()]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let css = stylesheet();
    let mut used = BTreeSet::new();
    let mut painted = Vec::new();
    for (path, bytes) in read_tree(out.path()).into_iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes).unwrap();
        for svg in html.split("<svg class=\"chart\"").skip(1) {
            let svg = &svg[..svg.find("</svg>").expect("a chart closes")];
            if svg.contains("fill=\"#") || svg.contains("stroke=\"#") {
                painted.push(path.clone());
            }
            used.extend(paint_classes(svg));
        }
    }
    assert!(painted.is_empty(), "charts that still write colour values: {painted:?}");
    for expected in
        ["fill-accent", "stroke-grid", "fill-emotion-4", "stroke-compare", "fill-series-1", "stroke-on-track"]
    {
        assert!(used.contains(expected), "the example's charts use `{expected}`: {used:?}");
    }
    let painted_by = |c: &str| [' ', ','].iter().any(|end| css.contains(&format!("svg.chart .{c}{end}")));
    let unpainted: Vec<_> = used.iter().filter(|c| !painted_by(c)).collect();
    assert!(unpainted.is_empty(), "chart classes the stylesheet does not paint: {unpainted:?}");
}
