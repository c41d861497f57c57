//! Runs the real `journeybook` binary on fixture playbooks copied into temporary folders and
//! asserts exit status, the exact diagnostics, and the pages written.

use crate::harness;

use harness::{example, fixture, read_tree, Output, Run};
use std::fs;
use std::path::Path;

#[test]
fn every_invalid_fixture_reports_exactly_its_diagnostics() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut failures = Vec::new();
    let mut names: Vec<_> = fs::read_dir(&root).unwrap().flatten().map(|e| e.file_name()).collect();
    names.sort();
    assert!(names.len() >= 15, "expected one fixture per rule");
    for name in names {
        let name = name.to_string_lossy().into_owned();
        let project = fixture(&format!("invalid/{name}"));
        let run = Run::new(&["check", "--format", "json"]).source(project.path()).go();
        if run.status != 1 {
            failures.push(format!("--- {name}: exit {}, not 1", run.status));
        }
        let actual = harness::json_diagnostics(&run.stdout);
        if let Err(e) = harness::expect_file(&root.join(&name).join("expected.txt"), &actual) {
            failures.push(format!("--- {name}\n{e}"));
        }
        // Where a fixture is about how a diagnostic reads, the whole human output is asserted:
        // place, message, the line shown and the carets under the value.
        let human_file = root.join(&name).join("expected-human.txt");
        if human_file.exists() {
            let human = Run::new(&["check"]).source(project.path()).go();
            if let Err(e) = harness::expect_file(&human_file, &human.stderr) {
                failures.push(format!("--- {name} (human)\n{e}"));
            }
        }
        let out = project.path().join("public");
        let build = Run::new(&["build"]).source(project.path()).go();
        assert_eq!(build.status, 1, "{name}: build must fail");
        // A build keeps only the texts of files it found something in, and reads a file again
        // for what the Markdown finds; it shows every diagnostic exactly as `check` does.
        // Only the closing summary differs ("nothing was written").
        let check = Run::new(&["check"]).source(project.path()).go();
        let shown = |stderr: &str| stderr.lines().filter(|l| !l.starts_with("error: ")).collect::<Vec<_>>().join("\n");
        assert!(shown(&check.stderr).contains("error["), "{name}: check shows its diagnostics");
        if shown(&build.stderr) != shown(&check.stderr) {
            failures.push(format!("--- {name}: build shows\n{}\ncheck shows\n{}", build.stderr, check.stderr));
        }
        assert!(!out.exists(), "{name}: a failed build must write nothing");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn human_diagnostics_show_the_place_the_line_and_a_suggestion() {
    let project = fixture("invalid/unknown-references");
    let run = Run::new(&["check"]).source(project.path()).go();
    assert_eq!(run.status, 1);
    let err = &run.stderr;
    assert!(err.contains("error[E040]: unknown persona `office-manger`"), "{err}");
    assert!(err.contains("content/journeys/snack-box.yaml:2:10"), "{err}");
    assert!(err.contains("persona: office-manger"), "{err}");
    assert!(err.contains("help: did you mean `office-manager`?"), "{err}");
    assert!(err.trim_end().ends_with("error: 5 errors"), "{err}");
    let build = Run::new(&["build"]).source(project.path()).go();
    assert!(build.stderr.trim_end().ends_with("error: 5 errors; nothing was written"), "{}", build.stderr);
}

#[test]
fn github_format_prints_workflow_annotations() {
    let project = fixture("invalid/two-primary");
    let run = Run::new(&["check", "--format", "github"]).source(project.path()).go();
    assert_eq!(run.status, 1);
    assert_eq!(
        run.stdout.trim_end(),
        "::error file=content/personas/b.yaml,line=2,col=10,title=E045::only one persona may be `primary: true` [E045] (content/personas/a.yaml is already the primary persona)"
    );
}

#[test]
fn a_note_may_name_its_stage_by_name() {
    let project = example();
    let note = "---\ntitle: Named by its stage name\ndate: 2026-11-01\njourney: snack-box\nstage: First paid month\n---\nBody\n";
    fs::write(project.path().join("content/insights/named-stage.md"), note).unwrap();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = fs::read_to_string(project.path().join("public/journeys/snack-box/onboarding/index.html")).unwrap();
    assert!(page.contains("Named by its stage name"), "the stage page lists the note");
    let other = fs::read_to_string(project.path().join("public/journeys/snack-box/trial/index.html")).unwrap();
    assert!(!other.contains("Named by its stage name"));
}

#[test]
fn a_tag_page_lists_each_journey_once_in_list_order() {
    let project = example();
    let future = project.path().join("content/journeys/snack-box-future.yaml");
    let text = fs::read_to_string(&future).unwrap();
    // The same tag twice, in two spellings that give one tag page.
    fs::write(&future, text.replace("tags: [subscription, b2b, roadmap]", "tags: [subscription, B2B, b2b]")).unwrap();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = fs::read_to_string(project.path().join("public/tags/b2b/index.html")).unwrap();
    let first = page.matches("href=\"/journeys/snack-box-future/\"").count();
    assert_eq!(first, 1, "the journey that names the tag twice is listed once:\n{page}");
    let current = page.find("href=\"/journeys/snack-box/\"").expect("snack-box is listed");
    let future = page.find("href=\"/journeys/snack-box-future/\"").unwrap();
    assert!(current < future, "journeys follow the list order (by title)");
}

#[test]
fn the_example_builds_every_page_of_the_contract() {
    let project = example();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stderr.contains("Built "), "{}", run.stderr);
    let out = project.path().join("public");
    for page in [
        "index.html",
        "journeys/index.html",
        "journeys/snack-box/index.html",
        "journeys/snack-box/awareness/index.html",
        "journeys/snack-box/onboarding/index.html",
        "journeys/snack-box-future/feedback-loop/index.html",
        "personas/index.html",
        "personas/office-manager/index.html",
        "insights/index.html",
        "insights/2026/churn-survey-q3/index.html",
        "insights/ideas/team-favourites-report/index.html",
        "tags/index.html",
        "tags/subscription/index.html",
        "metrics/index.html",
        "pain-points/index.html",
        "opportunities/index.html",
        "metrics.json",
        "sitemap.xml",
        "404.html",
        "assets/style.css",
    ] {
        assert!(out.join(page).is_file(), "missing {page}");
    }
    assert!(!out.join("insights/ideas/browser-ordering").exists(), "drafts are not built by default");

    let journey = fs::read_to_string(out.join("journeys/snack-box/index.html")).unwrap();
    assert_eq!(
        journey.matches("<h3 class=\"jmap-head\"><a href=\"/journeys/snack-box/").count(),
        7,
        "a column per stage"
    );
    for lane in [
        "emotion",
        "goal",
        "doing",
        "thinking",
        "feeling",
        "touchpoints",
        "pain_points",
        "opportunities",
        "metrics",
        "evidence",
        "influencers",
        "people",
        "process",
        "tech",
    ] {
        assert!(journey.contains(&format!("<div class=\"jmap-label lane-{lane}")), "lane {lane}");
    }
    assert!(journey.contains("Moment of truth"));
    assert!(journey.contains("largest drop-off"));

    let stage = fs::read_to_string(out.join("journeys/snack-box/trial/index.html")).unwrap();
    assert!(stage.contains(r#"<nav class="breadcrumbs""#));
    assert!(stage.contains(r#"rel="prev" href="/journeys/snack-box/consideration/""#));
    assert!(stage.contains(r#"rel="next" href="/journeys/snack-box/onboarding/""#));
    assert!(stage.contains("Interview — office manager after her trial box"), "notes naming the stage are listed");

    let note = fs::read_to_string(out.join("insights/2026/churn-survey-q3/index.html")).unwrap();
    assert!(note.contains(r#"href="/insights/2026/trial-box-interview/""#), "relative note links are rewritten");
    assert!(note.contains("☑</span><span class=\"sr\">Done: </span>"), "task lists survive, readable");
}

#[test]
fn two_builds_are_byte_identical() {
    let project = example();
    let a = project.path().join("a");
    let b = project.path().join("b");
    for out in [&a, &b] {
        let run = Run::new(&["build", "--output", out.to_str().unwrap()]).source(project.path()).go();
        assert_eq!(run.status, 0, "{}", run.stderr);
    }
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert!(ta.len() > 50);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between builds");
    }
}

/// Builds the example, lets `break_it` change the project, builds again and checks that the
/// second build failed (status 1) leaving the first site byte for byte and no half-written
/// folder beside it. Returns the second build, for its messages.
fn failed_rebuild(break_it: impl FnOnce(&Path)) -> Output {
    let project = example();
    assert_eq!(Run::new(&["build"]).source(project.path()).go().status, 0);
    let out = project.path().join("public");
    let before = read_tree(&out);
    break_it(project.path());
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert_eq!(read_tree(&out), before, "the previous site must stay byte for byte");
    let siblings: Vec<String> =
        fs::read_dir(project.path()).unwrap().flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(!siblings.iter().any(|s| s.contains("journeybook-new")), "no half-written folder left: {siblings:?}");
    run
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let run = failed_rebuild(|root| {
        let journey = root.join("content/journeys/snack-box.yaml");
        let text = fs::read_to_string(&journey).unwrap().replace("persona: office-manager", "persona: nobody");
        fs::write(&journey, text).unwrap();
    });
    assert!(run.stderr.contains("unknown persona `nobody`"), "{}", run.stderr);
}

#[test]
fn a_page_that_fails_halfway_leaves_the_previous_site_untouched() {
    // Pages go to their files as they are rendered: one that fails after more than a write
    // buffer's worth of output must leave no trace in the site.
    let run = failed_rebuild(|root| {
        let templates = root.join("templates");
        fs::create_dir_all(&templates).unwrap();
        let note = "{% extends \"base.html\" %}{% block content %}{% for i in range(end=30000) %}<p>{{ i }}</p>\
                    {% endfor %}{{ nowhere.title }}{% endblock content %}\n";
        fs::write(templates.join("note.html"), note).unwrap();
    });
    assert!(run.stderr.contains("E070") && run.stderr.contains("nowhere.title"), "{}", run.stderr);
}

#[test]
fn a_build_shows_the_line_of_a_note_that_checks_found_wrong_after_reading() {
    // A build lets a note's text go once it is parsed without fault; a problem found later,
    // across files, still shows the line it is on.
    let project = example();
    let note = project.path().join("content/insights/2026/empty-shelf-tuesday.md");
    let text = fs::read_to_string(&note).unwrap().replace("stage: regular-use", "stage: nowhere-stage");
    fs::write(&note, text).unwrap();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/insights/2026/empty-shelf-tuesday.md:5:"), "{}", run.stderr);
    assert!(run.stderr.contains("5 │ stage: nowhere-stage"), "the line is shown: {}", run.stderr);
}

#[test]
fn a_rebuild_replaces_only_what_journeybook_wrote() {
    let project = example();
    assert_eq!(Run::new(&["build"]).source(project.path()).go().status, 0);
    let out = project.path().join("public");
    fs::remove_file(project.path().join("content/insights/2026/empty-shelf-tuesday.md")).unwrap();
    assert_eq!(Run::new(&["build"]).source(project.path()).go().status, 0);
    assert!(!out.join("insights/2026/empty-shelf-tuesday").exists(), "stale pages are removed");

    fs::write(out.join("robots.txt"), "mine").unwrap();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("robots.txt"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(out.join("robots.txt")).unwrap(), "mine");
}

/// Each file of `dir` (relative path) but the marker of what journeybook wrote, with its
/// inode and modification time.
#[cfg(unix)]
fn identities(dir: &Path) -> std::collections::BTreeMap<String, (u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    read_tree(dir)
        .into_keys()
        .filter(|rel| rel != ".journeybook-output")
        .map(|rel| {
            let meta = fs::metadata(dir.join(&rel)).unwrap();
            (rel, (meta.ino(), meta.mtime(), meta.mtime_nsec()))
        })
        .collect()
}

/// The files of `now` that are not the very files of `before`.
#[cfg(unix)]
fn rewritten<'a>(
    before: &std::collections::BTreeMap<String, (u64, i64, i64)>,
    now: &'a std::collections::BTreeMap<String, (u64, i64, i64)>,
) -> Vec<&'a str> {
    now.iter().filter(|(rel, id)| before.get(*rel) != Some(id)).map(|(rel, _)| rel.as_str()).collect()
}

#[cfg(unix)]
#[test]
fn a_rebuild_rewrites_only_the_files_that_changed() {
    let project = example();
    assert_eq!(Run::new(&["build"]).source(project.path()).go().status, 0);
    let out = project.path().join("public");
    let first = identities(&out);
    assert!(first.len() > 50);
    assert_eq!(Run::new(&["build"]).source(project.path()).go().status, 0);
    let again = identities(&out);
    assert_eq!(again.len(), first.len());
    assert_eq!(
        rewritten(&first, &again),
        Vec::<&str>::new(),
        "nothing changed, so every file is the one written first"
    );

    let note = project.path().join("content/insights/2026/empty-shelf-tuesday.md");
    let text = fs::read_to_string(&note).unwrap();
    fs::write(&note, format!("{text}\nA sentence added since the last build.\n")).unwrap();
    assert_eq!(Run::new(&["build"]).source(project.path()).go().status, 0);
    let second = identities(&out);
    let changed = rewritten(&first, &second);
    assert!(changed.contains(&"insights/2026/empty-shelf-tuesday/index.html"), "{changed:?}");
    assert!(changed.contains(&"search-index.json"), "{changed:?}");
    assert!(changed.len() < first.len() / 4, "only what shows the note is rewritten: {changed:?}");
    // The files kept and those written make exactly the site a build into a new folder makes.
    let fresh = project.path().join("fresh");
    let run = Run::new(&["build", "--output", fresh.to_str().unwrap()]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(read_tree(&out) == read_tree(&fresh), "a rebuild makes the site a fresh build makes");
}

#[test]
fn build_refuses_a_folder_it_did_not_write() {
    let project = example();
    let out = project.path().join("elsewhere");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("thesis.docx"), "precious").unwrap();
    let run = Run::new(&["build", "--output", out.to_str().unwrap()]).source(project.path()).go();
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("refusing to replace"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(out.join("thesis.docx")).unwrap(), "precious");
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
}

#[test]
fn base_url_with_a_path_prefix_reaches_every_link() {
    let project = fixture("good/edge");
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = project.path().join("public");
    let tree = read_tree(&out);
    let mut checked = 0;
    for (path, bytes) in tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for attr in ["href=\"/", "src=\"/"] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len() - 1..];
                assert!(
                    rest.starts_with("/cx/playbook/"),
                    "{path}: link without the prefix: {}",
                    &rest[..rest.len().min(60)]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 30);
    let sitemap = String::from_utf8(tree["sitemap.xml"].clone()).unwrap();
    assert!(sitemap.contains("<loc>https://example.org/cx/playbook/journeys/thai-trip/</loc>"), "{sitemap}");
}

#[test]
fn edge_cases_build_and_raw_html_is_sanitised() {
    let project = fixture("good/edge");
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let out = project.path().join("public");
    assert!(out.join("journeys/thai-trip/การรับรู้/index.html").is_file(), "a Thai stage name is its own id");
    assert!(out.join("journeys/thai-trip/stage-3/index.html").is_file(), "an emoji-only name gets stage-N");
    assert!(out
        .join("journeys/thai-trip/booking-the-long-part-of-the-journey-where-most-people-give-up/index.html")
        .is_file());
    assert!(out.join("tags/ท่องเที่ยว-trip/index.html").is_file(), "a mixed-script tag keeps both scripts");
    let page = fs::read_to_string(out.join("insights/deep/er/raw-html/index.html")).unwrap();
    // The note itself; the page around it loads the theme's own scripts.
    let note = &page[page.find("<article class=\"note\"").unwrap()..page.find("</article>").unwrap()];
    assert!(!note.contains("<script"), "no script element");
    assert!(!note.contains("onerror"), "no event handler");
    assert!(!note.contains("javascript:"), "no javascript: URL");
    assert!(note.contains("<b>bold</b>"), "plain inline tags survive");
    assert!(note.contains("{{ site.title }}"), "template syntax in content is text");
    assert!(note.contains("Raw HTML &lt;script&gt;"), "titles are escaped");
    assert!(note.contains(r#"href="/cx/playbook/journeys/thai-trip/#map-heading""#), "fragment kept");
    assert!(!out.join("insights/draft").exists());

    let with_drafts = fixture("good/edge");
    let run = Run::new(&["build", "--drafts"]).source(with_drafts.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(with_drafts.path().join("public/insights/draft/index.html").is_file());
}

#[test]
fn strict_turns_warnings_into_errors() {
    let project = fixture("good/edge");
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), "---\ntitle: s\ndate: 2026-01-01\n---\n").unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), project.path().join("content/insights/secret.md"))
        .unwrap();
    let run = Run::new(&["check", "--format", "json"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stdout);
    assert_eq!(
        harness::json_diagnostics(&run.stdout).trim(),
        "W001 warning content/insights/secret.md:0:0 skipped a link that leads outside the project"
    );
    let strict = Run::new(&["check", "--strict"]).source(project.path()).go();
    assert_eq!(strict.status, 1, "{}", strict.stderr);
}

#[test]
fn check_writes_nothing() {
    let project = example();
    let before = read_tree(project.path());
    let run = Run::new(&["check"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(run.stderr.contains("Checked 5 journeys, 3 personas and 15 notes: no errors"), "{}", run.stderr);
    assert_eq!(read_tree(project.path()), before);
}

#[test]
fn init_writes_a_playbook_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("playbook");
    let run = Run::new(&["init", target.to_str().unwrap()]).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let build = Run::new(&["build"]).source(&target).go();
    assert_eq!(build.status, 0, "{}", build.stderr);
    assert!(target.join("public/journeys/first-purchase/index.html").is_file());
    let again = Run::new(&["init", target.to_str().unwrap()]).go();
    assert_eq!(again.status, 2, "init refuses a non-empty folder");
}

#[test]
fn schema_prints_json_for_every_kind() {
    for kind in ["journey", "persona", "config", "note"] {
        let run = Run::new(&["schema", kind]).go();
        assert_eq!(run.status, 0);
        let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
        assert_eq!(schema["type"], "object", "{kind}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(Run::new(&["build", "--source", "/nonexistent/playbook"]).go().status, 2);
    assert_eq!(Run::new(&["bild"]).go().status, 2);
}

/// Values worked out by hand from the fixture's inputs, compared to the last digit.
#[test]
fn metrics_json_holds_the_values_an_analyst_computes() {
    let project = fixture("good/metrics");
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let json: serde_json::Value =
        serde_json::from_slice(&fs::read(project.path().join("public/metrics.json")).unwrap()).unwrap();
    let shop = &json["journeys"][0];
    let metric = |metrics: &serde_json::Value, id: &str| -> serde_json::Value {
        metrics.as_array().unwrap().iter().find(|m| m["id"] == id).unwrap_or_else(|| panic!("{id}")).clone()
    };
    let check = |m: serde_json::Value, value: f64, status: Option<&str>| {
        assert_eq!(m["value"].as_f64().unwrap(), value, "{m}");
        assert_eq!(m["status"].as_str(), status, "{m}");
    };
    let j = &shop["metrics"];
    check(metric(j, "nps"), 100.0 * (523.0 - 97.0) / (523.0 + 211.0 + 97.0), Some("on_track"));
    check(metric(j, "cac"), 12500.0 / 87.0, Some("on_track"));
    check(metric(j, "cltv"), 42.5 * 3.2 * 2.5, None);
    check(metric(j, "ces"), 2.9, Some("on_track"));
    check(metric(j, "tickets_per_order"), 0.042, Some("at_risk"));
    check(metric(j, "churn_rate"), 0.061, Some("off_track"));
    check(metric(j, "ltv_cac_ratio"), (42.5 * 3.2 * 2.5) / (12500.0 / 87.0), Some("off_track"));
    assert_eq!(metric(j, "churn_rate")["target"].as_f64(), Some(0.05), "\"5%\" is 0.05");

    let stages = shop["stages"].as_array().unwrap();
    assert_eq!(stages[0]["drop_off"].as_f64().unwrap(), 1.0 - 2893.0 / 48210.0);
    assert_eq!(stages[1]["drop_off"].as_f64().unwrap(), 1.0 - 1736.0 / 2893.0);
    assert!(stages[2]["drop_off"].is_null());
    check(metric(&stages[0]["metrics"], "bounce_rate"), 19767.0 / 48210.0, Some("at_risk"));
    check(metric(&stages[0]["metrics"], "session_duration"), 150.0, None);
    check(metric(&stages[1]["metrics"], "conversion_rate"), 1736.0 / 2893.0, Some("at_risk"));
    check(metric(&stages[1]["metrics"], "aov"), 42.5, None);
    check(metric(&stages[1]["metrics"], "csat"), 0.84, None);
    check(metric(&stages[2]["metrics"], "repeat_purchase_rate"), 612.0 / 1736.0, Some("on_track"));
    check(metric(&stages[2]["metrics"], "cltv"), 96.0 * 0.38 / 0.061, None);

    let page = fs::read_to_string(project.path().join("public/journeys/shop/index.html")).unwrap();
    for shown in ["51.3", "£143.68", "£340", "6.1%", "2.4 : 1", "−0.3 pts", "vs 2026-02", "Off track", "On track"] {
        assert!(page.contains(shown), "journey page shows {shown}");
    }
    let stage = fs::read_to_string(project.path().join("public/journeys/shop/browse/index.html")).unwrap();
    assert!(stage.contains("2m 30s"), "durations read as minutes and seconds");
    assert!(stage.contains("41%") && stage.contains("At risk"));
}

/// The metrics fixture with a written `aov` (£45) that its inputs (£42.50) disagree with.
fn disagreeing_value() -> tempfile::TempDir {
    let project = fixture("good/metrics");
    let journey = project.path().join("content/journeys/shop.yaml");
    let text =
        fs::read_to_string(&journey).unwrap().replace("orders: 1736}, value: 42.5}", "orders: 1736}, value: 45}");
    fs::write(&journey, text).unwrap();
    project
}

#[test]
fn value_and_inputs_that_disagree_warn() {
    let project = disagreeing_value();
    let run = Run::new(&["check", "--format", "json"]).source(project.path()).go();
    assert_eq!(run.status, 0);
    assert_eq!(
        harness::json_diagnostics(&run.stdout).trim(),
        "W010 warning content/journeys/shop.yaml:24:60 `aov` is written as £45 but its inputs give £42.50 (help: the written value is used; fix whichever is out of date)"
    );
    assert_eq!(Run::new(&["check", "--strict"]).source(project.path()).go().status, 1);
}

#[test]
fn a_build_shows_its_warnings_first_and_strict_stops_it_before_writing() {
    let project = disagreeing_value();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    // The warning with the line it points at, whole, and then the build's last word.
    let warned = run.stderr.find("warning[W010]").expect("the warning is shown");
    let built = run.stderr.find("Built ").expect("the build says what it made");
    assert!(warned < built, "{}", run.stderr);
    assert!(run.stderr[warned..built].contains("value: 45}"), "{}", run.stderr);
    assert!(project.path().join("public/journeys/shop/index.html").is_file());

    // An output that would hold the project stops the build, after the warnings.
    let parent = project.path().parent().unwrap().to_str().unwrap().to_string();
    let unsafe_output = Run::new(&["build", "--output", &parent]).source(project.path()).go();
    assert_ne!(unsafe_output.status, 0);
    let warned = unsafe_output.stderr.find("warning[W010]").expect("the warning is still shown");
    assert!(warned < unsafe_output.stderr.find("holds the project itself").unwrap(), "{}", unsafe_output.stderr);

    let fresh = disagreeing_value();
    let strict = Run::new(&["build", "--strict"]).source(fresh.path()).go();
    assert_eq!(strict.status, 1, "{}", strict.stderr);
    assert!(strict.stderr.contains("error[W010]") && !strict.stderr.contains("Built "), "{}", strict.stderr);
    assert!(!fresh.path().join("public").exists(), "nothing is written");
}

#[test]
fn a_built_trend_table_shows_every_point_check_leaves_out() {
    // `check` writes no point of a series out for showing; a build's trend tables show each.
    let project = fixture("good/metrics");
    assert_eq!(Run::new(&["build"]).source(project.path()).go().status, 0);
    let page = fs::read_to_string(project.path().join("public/journeys/shop/index.html")).unwrap();
    for (period, shown) in [("2026-01", "5.8%"), ("2026-02", "6.4%"), ("2026-03", "6.1%")] {
        let row = format!(r#"<th scope="row">{period}</th><td class="num">{shown}</td>"#);
        assert!(page.contains(&row), "no row {row}");
    }
}

#[test]
fn fail_on_lists_the_metrics_that_left_their_target() {
    let project = fixture("good/metrics");
    let run = Run::new(&["check", "--fail-on", "off-track", "--format", "json"]).source(project.path()).go();
    assert_eq!(run.status, 1);
    let lines = harness::json_diagnostics(&run.stdout);
    assert_eq!(lines.lines().count(), 2, "{lines}");
    assert!(lines.contains("E090 content/journeys/shop.yaml:8:3 `churn_rate` of journey `shop` is off track: 6.1% against a target of 5%"), "{lines}");
    // Read as text, each such metric shows its line, though nothing else in its file was
    // wrong and `check` let the file's text go after reading it.
    let human = Run::new(&["check", "--fail-on", "off-track"]).source(project.path()).go();
    assert!(human.stderr.contains("content/journeys/shop.yaml:8:3"), "{}", human.stderr);
    assert!(human.stderr.contains("8 │   churn_rate:"), "{}", human.stderr);
    let at_risk = Run::new(&["check", "--fail-on", "at-risk", "--format", "json"]).source(project.path()).go();
    assert_eq!(harness::json_diagnostics(&at_risk.stdout).lines().count(), 5);
    assert_eq!(
        Run::new(&["check"]).source(project.path()).go().status,
        0,
        "without --fail-on a missed target is no error"
    );
}
