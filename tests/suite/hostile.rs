//! Hostile content and hostile files: payloads in every field end as text, never as live
//! script; limits end in errors, never in a crash, hang or memory blow-up; links out of the
//! project are skipped.

use crate::harness;

use harness::{fixture, read_tree, Run};
use std::fs;

/// A URL attribute's value as a browser reads it: entities decoded by the parser already,
/// whitespace and control characters ignored, case folded.
fn scheme_of(value: &str) -> String {
    value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase()
}

/// Fails on any live script in `html`: script elements other than the theme's own files,
/// event handlers, script URLs, and elements that run or embed documents.
fn assert_inert(path: &str, html: &str) {
    let doc = scraper::Html::parse_document(html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else { continue };
        let name = el.name();
        assert!(
            !["iframe", "object", "embed", "frame", "frameset", "base", "applet"].contains(&name),
            "{path}: <{name}>"
        );
        if name == "script" {
            let src = el.attr("src").unwrap_or_default();
            let inline: String = node.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
            assert!(
                src.starts_with("/assets/") && inline.trim().is_empty(),
                "{path}: a script that is not the theme's: src={src:?} {inline:?}"
            );
        }
        if name == "meta" {
            assert!(el.attr("http-equiv").is_none_or(|v| !v.eq_ignore_ascii_case("refresh")), "{path}: meta refresh");
        }
        for (attr, value) in el.attrs() {
            assert!(!attr.to_ascii_lowercase().starts_with("on"), "{path}: <{name} {attr}=…>");
            let v = scheme_of(value);
            for bad in ["javascript:", "vbscript:", "data:text/html"] {
                assert!(!v.contains(bad), "{path}: <{name} {attr}={value:?}>");
            }
        }
    }
}

#[test]
fn payloads_in_every_field_stay_text() {
    let project = fixture("hostile/xss");
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = read_tree(&project.path().join("public"));
    let mut pages = 0;
    for (path, bytes) in &out {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            assert_inert(path, &text);
            pages += 1;
        } else if path.ends_with(".json") {
            serde_json::from_slice::<serde_json::Value>(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        } else if path.ends_with(".xml") || path.ends_with(".svg") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
    }
    assert!(pages >= 15, "{pages} pages checked");
    let journey = String::from_utf8_lossy(&out["journeys/j/index.html"]).into_owned();
    assert!(journey.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "titles are shown, escaped");
    assert!(journey.contains("{{ site.title }}{% raw %}"), "template syntax in content is text");
    assert!(journey.contains("&lt;b&gt;actor&lt;/b&gt;#44; with#58; colon"), "the Mermaid source is escaped too");
    let metrics: serde_json::Value = serde_json::from_slice(&out["metrics.json"]).unwrap();
    assert_eq!(
        metrics["journeys"][0]["title"].as_str().unwrap(),
        "<script>alert(1)</script><img src=x onerror=alert(2)>\"><svg onload=alert(3)>{{ site.title }}{% raw %}",
        "metrics.json keeps the text, JSON-escaped"
    );
}

#[test]
fn the_checker_catches_live_script() {
    for live in [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href=\" JaVa&#x09;Script:alert(1)\">x</a>",
        "<iframe src=x></iframe>",
        "<svg><a href=\"javascript:alert(1)\">x</a></svg>",
        "<a href=\"data:text/html,x\">x</a>",
    ] {
        let caught = std::panic::catch_unwind(|| assert_inert("test", live));
        assert!(caught.is_err(), "missed {live}");
    }
    assert_inert(
        "test",
        "<p>javascript: is only text here &lt;script&gt;</p><script src=\"/assets/copy.js\"></script>",
    );
}

#[test]
fn a_30_mb_note_is_an_error_not_a_crash() {
    let project = fixture("good/edge");
    let note = project.path().join("content/insights/huge.md");
    let mut text = String::from("---\ntitle: Huge\ndate: 2026-01-01\n---\n");
    text.push_str(&"All work and no play makes a very long note. ".repeat(700_000));
    fs::write(&note, &text).unwrap();
    assert!(text.len() > 30_000_000);
    let run = Run::new(&["check", "--format", "json"]).source(project.path()).go();
    assert_eq!(run.status, 1);
    assert!(
        harness::json_diagnostics(&run.stdout).contains(
            "E003 content/insights/huge.md:0:0 file is 30 MiB; the limit is 16 MiB (help: raise `max_file_size`"
        ),
        "{}",
        run.stdout
    );
    // A project that means it raises the cap, and the note builds.
    let config = project.path().join("journeybook.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{text}max_file_size: 64\n")).unwrap();
    let run = Run::new(&["check"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
}

#[test]
fn deep_yaml_and_deep_markdown_end_in_an_error_or_a_build() {
    let project = fixture("good/edge");
    let block: String = (0..100_000).map(|i| format!("{}- \n", "  ".repeat(i % 50))).collect();
    fs::write(
        project.path().join("content/journeys/deep-block.yaml"),
        format!("title: Deep\nstages:\n{}", "- ".repeat(100_000) + "x\n" + &block),
    )
    .unwrap();
    fs::write(
        project.path().join("content/journeys/deep-map.yaml"),
        format!("title: Deep\nstages:\n{}", (0..2_000).map(|i| format!("{}a:\n", " ".repeat(i))).collect::<String>()),
    )
    .unwrap();
    for (name, body) in [
        ("quotes", "> ".repeat(100_000)),
        ("html", format!("{}{}", "<div>".repeat(100_000), "</div>".repeat(100_000))),
        ("lists", (0..3_000).map(|i| format!("{}- x\n", "  ".repeat(i))).collect()),
    ] {
        fs::write(
            project.path().join(format!("content/insights/deep-{name}.md")),
            format!("---\ntitle: Deep\ndate: 2026-01-01\n---\nIntro.\n\n{body}\n"),
        )
        .unwrap();
    }
    // Long runs of unmatched brackets and emphasis are linear to parse: they build.
    fs::write(
        project.path().join("content/insights/flat.md"),
        format!("---\ntitle: Flat\ndate: 2026-01-01\n---\n{}\n\n{}\n", "[".repeat(200_000), "*a ".repeat(200_000)),
    )
    .unwrap();

    let run = Run::new(&["check", "--format", "json"]).source(project.path()).go();
    let found = harness::json_diagnostics(&run.stdout);
    assert_eq!(run.status, 1, "{found}");
    assert!(found.contains("E012 content/journeys/deep-block.yaml"), "{found}");
    assert!(
        found.contains("E012 content/journeys/deep-map.yaml") || found.contains("E010 content/journeys/deep-map.yaml"),
        "{found}"
    );
    assert!(
        found.contains("E052 content/insights/deep-quotes.md:7:1 blockquotes nest 100000 deep; the limit is 100"),
        "{found}"
    );
    assert!(found.contains("E052 content/insights/deep-html.md:7:"), "{found}");
    assert!(found.contains("E052 content/insights/deep-lists.md:"), "{found}");
    assert!(!found.contains("flat.md"), "{found}");
}

#[test]
fn links_out_of_the_project_are_skipped_everywhere() {
    let project = fixture("good/edge");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "top secret").unwrap();
    fs::create_dir_all(outside.path().join("dir")).unwrap();
    fs::write(outside.path().join("dir/page.html"), "{{ site.title }}").unwrap();
    for (link, target) in [
        ("static/leak.txt", outside.path().join("secret.txt")),
        ("templates/journey.html", outside.path().join("dir/page.html")),
        ("content/journeys/leak.yaml", outside.path().join("secret.txt")),
        ("static/dir", outside.path().join("dir")),
    ] {
        let path = project.path().join(link);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(target, path).unwrap();
    }
    // A link that stays inside the project is followed.
    fs::write(project.path().join("notes.txt"), "inside").unwrap();
    std::os::unix::fs::symlink(project.path().join("notes.txt"), project.path().join("static/inside.txt")).unwrap();
    let run = Run::new(&["build", "--format", "json"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let warnings = harness::json_diagnostics(&run.stdout);
    for skipped in ["static/leak.txt", "templates/journey.html", "content/journeys/leak.yaml", "static/dir"] {
        assert!(warnings.contains(&format!("W001 warning {skipped}:0:0")), "{skipped}: {warnings}");
    }
    let out = project.path().join("public");
    assert!(!out.join("leak.txt").exists());
    assert_eq!(fs::read_to_string(out.join("inside.txt")).unwrap(), "inside");
    let built = read_tree(&out);
    assert!(!built.values().any(|b| String::from_utf8_lossy(b).contains("top secret")));
}

/// `check` walks the project's files when it loads them and `build` renders them after; a
/// skipped link is reported by the walk alone, once, whichever command finds it.
#[test]
fn a_skipped_link_in_static_is_reported_once() {
    let project = fixture("good/edge");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "top secret").unwrap();
    fs::create_dir_all(project.path().join("static/inner")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), project.path().join("static/leak.txt")).unwrap();
    std::os::unix::fs::symlink(project.path().join("static/inner"), project.path().join("static/dir")).unwrap();
    let expected = "W001 warning static/dir:0:0 skipped a link to a folder; links to folders are not followed\n\
                    W001 warning static/leak.txt:0:0 skipped a link that leads outside the project\n";
    for command in ["check", "build"] {
        let run = Run::new(&[command, "--format", "json"]).source(project.path()).go();
        assert_eq!(run.status, 0, "{command}: {}", run.stderr);
        assert_eq!(harness::json_diagnostics(&run.stdout), expected, "{command}");
    }
}

/// The walk of `static/` starts at the folder itself; when that is a link out of the project,
/// nothing below it is copied and the link is reported once.
#[test]
fn a_static_folder_that_is_a_link_out_of_the_project_is_skipped() {
    let project = fixture("good/edge");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "top secret").unwrap();
    let _ = fs::remove_dir_all(project.path().join("static"));
    std::os::unix::fs::symlink(outside.path(), project.path().join("static")).unwrap();
    let run = Run::new(&["build", "--format", "json"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert_eq!(
        harness::json_diagnostics(&run.stdout),
        "W001 warning static:0:0 skipped a link that leads outside the project\n"
    );
    assert!(!project.path().join("public/secret.txt").exists());
}

/// The output's marker lists one path a line, so a file name with a line break would make the
/// next build refuse the output as holding a file it did not write: it is an error instead.
#[test]
fn a_static_file_name_with_a_line_break_is_an_error() {
    let project = fixture("good/edge");
    fs::create_dir_all(project.path().join("static")).unwrap();
    fs::write(project.path().join("static/two\nlines.txt"), "x").unwrap();
    let run = Run::new(&["build", "--format", "json"]).source(project.path()).go();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(
        harness::json_diagnostics(&run.stdout),
        "E080 two\nlines.txt:0:0 output path holds a line break or another control character; rename the file\n"
    );
    assert!(!project.path().join("public").exists());
}

/// Raw HTML left unbalanced in a note cannot break the theme's structure, and link schemes
/// beyond the defaults work only when the config lists them.
#[test]
fn unbalanced_raw_html_keeps_the_page_layout_and_extra_schemes_are_opt_in() {
    let project = fixture("good/edge");
    let config = project.path().join("journeybook.yaml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{text}link_schemes: [Slack]\n")).unwrap();
    let body = "# Main\n\n</div></div></main></article>\n\n<div><div><details>\n\nOpen <a href=\"https://x.org\">link \
                and <span>[chat](slack://open) [call](zoommtg://zoom.us/join)\n\n<a href=\"https://y.org\">\n\nLast.\n";
    fs::write(
        project.path().join("content/insights/broken.md"),
        format!("---\ntitle: Broken\ndate: 2026-01-01\n---\n{body}"),
    )
    .unwrap();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = fs::read_to_string(project.path().join("public/insights/broken/index.html")).unwrap();
    let doc = scraper::Html::parse_document(&page);
    let one = |css: &str| doc.select(&scraper::Selector::parse(css).unwrap()).count();
    // The theme's structure is whole: the note sits in its article, in main, before the footer.
    assert_eq!(one("body > main#main > article.note > div.prose"), 1, "{page}");
    assert_eq!(one("body > footer.site-footer"), 1, "{page}");
    assert_eq!(one("div.prose > h1#main-2"), 1, "a heading does not take the theme's `main`: {page}");
    // The open link ends with its paragraph; the empty one is gone.
    assert_eq!(one("div.prose a[href=\"https://x.org\"]"), 1, "{page}");
    assert_eq!(one("div.prose a[href=\"https://y.org\"]"), 0, "{page}");
    assert!(page.contains("<p>Last.</p>\n</details></div></div></div>"), "{page}");
    assert_eq!(one("a[href=\"slack://open\"]"), 1, "a configured scheme is allowed");
    assert_eq!(one("a[href^=\"zoommtg:\"]"), 0, "a scheme not configured is not");
}
