//! `journeybook diff` on a git repository built by the test, one commit per kind of change.

use crate::harness;

use std::fs;
use std::path::Path;
use std::process::Command;

use harness::{commit, git, Run};

const JOURNEY: &str = "content/journeys/shop.yaml";

/// The journey at the first commit; each later commit edits it with `replace`.
const SHOP: &str = "\
title: Online shop
metrics:
  nps: {value: 45, target: 40}
stages:
  - name: Discover
    id: discover
    emotion: 3.5
    touchpoints:
      - {name: Search ad, channel: search}
    pain_points:
      - {text: Prices hidden, severity: high}
      - Slow pages
    opportunities:
      - {text: Show prices up front, impact: high, effort: low}
    metrics:
      conversion_rate: {value: 0.05, target: 0.04}
  - name: Buy
    emotion: 3
    metrics:
      bounce_rate: 0.3
  - name: Return
    emotion: 2
";

fn note(title: &str, journey: Option<&str>) -> String {
    let journey = journey.map(|j| format!("journey: {j}\n")).unwrap_or_default();
    format!("---\ntitle: {title}\ndate: 2026-09-01\n{journey}---\nWhat we heard.\n")
}

/// Replaces each `(from, to)` in the journey's text, checking that `from` is there.
fn edit(text: &str, edits: &[(&str, &str)]) -> String {
    edits.iter().fold(text.to_string(), |t, (from, to)| {
        assert!(t.contains(from), "{from:?} is not in the journey");
        t.replacen(from, to, 1)
    })
}

/// A repository with tags v1 (the base) to v7, one kind of change each, and v8 that does not
/// validate; the working tree is left at v7.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    let interview = note("Interview with a buyer", Some("shop"));
    let general = note("Market overview", None);
    commit(
        d,
        "v1",
        &[
            ("journeybook.yaml", Some("title: Shop playbook\n")),
            (JOURNEY, Some(SHOP)),
            ("content/insights/2026/interview.md", Some(&interview)),
            ("content/insights/general.md", Some(&general)),
        ],
    );
    let v2 = edit(
        SHOP,
        &[
            ("  - name: Discover\n", "  - name: Find\n"),
            ("    emotion: 3\n", "    emotion: 3\n    touchpoints:\n      - {name: Newsletter, channel: email}\n"),
            ("  - name: Return\n    emotion: 2\n", "  - name: Review\n    emotion: 4\n"),
        ],
    );
    commit(d, "v2", &[(JOURNEY, Some(&v2))]);
    let v3 = edit(&v2, &[("emotion: 3.5", "emotion: 3.1"), ("    emotion: 3\n", "    emotion: 2.5\n")]);
    commit(d, "v3", &[(JOURNEY, Some(&v3))]);
    let v4 = edit(
        &v3,
        &[
            ("{text: Prices hidden, severity: high}", "{text: Prices hidden, severity: medium}"),
            ("Slow pages", "No reviews"),
        ],
    );
    commit(d, "v4", &[(JOURNEY, Some(&v4))]);
    let v5 = edit(
        &v4,
        &[
            ("impact: high, effort: low}", "impact: high, effort: medium}"),
            ("    emotion: 2.5\n", "    emotion: 2.5\n    opportunities: [One-click checkout]\n"),
        ],
    );
    commit(d, "v5", &[(JOURNEY, Some(&v5))]);
    let v6 = edit(
        &v5,
        &[
            ("{value: 45, target: 40}", "{value: 20, target: 40}"),
            ("{value: 0.05, target: 0.04}", "{value: 0.037, target: 0.04}"),
            ("bounce_rate: 0.3", "bounce_rate: {value: 0.3, target: 0.25}"),
        ],
    );
    commit(d, "v6", &[(JOURNEY, Some(&v6))]);
    let survey = note("Checkout survey", Some("shop"));
    commit(
        d,
        "v7",
        &[
            ("content/insights/2026/interview.md", None),
            ("content/insights/2026/survey.md", Some(&survey)),
            ("content/insights/general.md", None),
        ],
    );
    commit(d, "v8", &[(JOURNEY, Some(&edit(&v6, &[("emotion: 3.1", "emotion: 9")])))]);
    git(d, &["reset", "-q", "--hard", "v7"]);
    dir
}

fn diff(dir: &Path, args: &[&str]) -> harness::Output {
    let mut all = vec!["diff"];
    all.extend(args);
    Run::new(&all).source(dir).go()
}

#[test]
fn every_kind_of_change_is_reported_in_json() {
    let repo = repository();
    let out = diff(repo.path(), &["v1..v7", "--format", "json"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let expected = include_str!("../fixtures/diff/expected-v1-v7.json");
    assert_eq!(out.stdout, expected);
}

#[test]
fn the_markdown_summary_reads_as_a_pull_request_comment() {
    let repo = repository();
    let out = diff(repo.path(), &["v1..v7", "--format", "markdown", "--base-url", "https://example.org/pb/"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn no_change_says_so() {
    let repo = repository();
    let out = diff(repo.path(), &["--format", "markdown"]);
    assert_eq!(
        (out.status, out.stdout.as_str()),
        (0, "## Customer journey changes: `HEAD` → working tree\n\nNo changes for the customer.\n")
    );
    let out = diff(repo.path(), &[]);
    assert_eq!(out.stdout, "Changes from HEAD to working tree\nNo changes for the customer.\n");
}

#[test]
fn fail_on_regression_fails_on_worse_status_and_emotion_falls_of_half_a_point() {
    let repo = repository();
    let status = |range: &str| diff(repo.path(), &[range, "--fail-on", "regression"]).status;
    // v2→v3: Buy falls 3.0 → 2.5 (a regression); Discover 3.5 → 3.1 alone would not be one.
    assert_eq!(status("v2..v3"), 1);
    // v5→v6: conversion on track → at risk, NPS on track → off track; bounce rate gains a status.
    assert_eq!(status("v5..v6"), 1);
    // Stages, pain points, opportunities and notes are no regressions.
    for range in ["v1..v2", "v3..v4", "v4..v5", "v6..v7"] {
        assert_eq!(status(range), 0, "{range}");
    }
    // Without --fail-on, a regression is reported but does not fail.
    let out = diff(repo.path(), &["v2..v3"]);
    assert_eq!(out.status, 0);
    assert!(out.stdout.ends_with("\n1 regression:\n  shop/buy: emotion 3.0 → 2.5\n"), "{}", out.stdout);
    let out = diff(repo.path(), &["v5..v6"]);
    let expected = "\n2 regressions:\n  shop/nps: status on track → off track\n  shop/discover/conversion_rate: status on track → at risk\n";
    assert!(out.stdout.ends_with(expected), "{}", out.stdout);
}

#[test]
fn an_emotion_fall_under_half_a_point_is_no_regression() {
    let repo = repository();
    let text = fs::read_to_string(repo.path().join(JOURNEY)).unwrap();
    fs::write(repo.path().join(JOURNEY), edit(&text, &[("emotion: 3.1", "emotion: 2.64")])).unwrap();
    // 3.1 → 2.64 rounds to 2.6: a fall of 0.5.
    assert_eq!(diff(repo.path(), &["--fail-on", "regression"]).status, 1);
    fs::write(repo.path().join(JOURNEY), edit(&text, &[("emotion: 3.1", "emotion: 2.66")])).unwrap();
    // 3.1 → 2.66 rounds to 2.7: a fall of 0.4.
    let out = diff(repo.path(), &["--fail-on", "regression"]);
    assert_eq!(out.status, 0);
    assert!(out.stdout.contains("  emotion: discover: 3.1 → 2.7 (▼ −0.4)\n"), "{}", out.stdout);
}

#[test]
fn the_working_tree_is_compared_and_left_untouched() {
    let repo = repository();
    let d = repo.path();
    let text = fs::read_to_string(d.join(JOURNEY)).unwrap();
    fs::write(d.join(JOURNEY), edit(&text, &[("name: Buy", "name: Pay")])).unwrap();
    let before = harness::read_tree(d);
    let out = diff(d, &["HEAD", "--format", "markdown"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.contains("| Stage added | Pay | `pay` |\n"), "{}", out.stdout);
    assert!(out.stdout.contains("| Stage removed | Buy | `buy` |\n"), "{}", out.stdout);
    for range in ["v1..v7", "v7..v8"] {
        diff(d, &[range]);
    }
    // Not a byte changed, not even under .git/.
    assert_eq!(harness::read_tree(d), before);
    assert_eq!(git(d, &["status", "--porcelain", "--ignored"]), " M content/journeys/shop.yaml\n");
}

#[test]
fn a_revision_that_does_not_validate_shows_its_diagnostics() {
    let repo = repository();
    let out = diff(repo.path(), &["v7..v8"]);
    assert_eq!(out.status, 1);
    assert!(out.stderr.starts_with("error: the playbook in revision `v8` does not validate:\n"), "{}", out.stderr);
    assert!(out.stderr.contains("content/journeys/shop.yaml:7:14"), "{}", out.stderr);
    assert_eq!(out.stdout, "");
}

#[test]
fn a_missing_revision_is_a_usage_error() {
    let repo = repository();
    let out = diff(repo.path(), &["v9"]);
    assert_eq!((out.status, out.stderr.as_str()), (2, "error: revision `v9` does not exist in this repository\n"));
    let out = diff(repo.path(), &["v1..nope"]);
    assert_eq!((out.status, out.stderr.as_str()), (2, "error: revision `nope` does not exist in this repository\n"));
}

#[test]
fn without_git_on_the_path_the_error_says_so() {
    let repo = repository();
    let out = Command::new(env!("CARGO_BIN_EXE_journeybook"))
        .args(["diff", "--source"])
        .arg(repo.path())
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("error: cannot run git: "), "{stderr}");
}

#[test]
fn a_folder_outside_git_is_a_usage_error() {
    let dir = harness::fixture("good");
    let out = Command::new(env!("CARGO_BIN_EXE_journeybook"))
        .args(["diff", "--source"])
        .arg(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let expected = format!("error: {} is not in a git repository\n", dir.path().display());
    assert_eq!(String::from_utf8_lossy(&out.stderr), expected);
}

#[test]
fn a_playbook_in_a_subfolder_of_a_shallow_clone() {
    let outer = tempfile::tempdir().unwrap();
    let repo = repository();
    let upstream = format!("file://{}", repo.path().display());
    git(outer.path(), &["clone", "-q", "--depth", "2", "--branch", "v7", &upstream, "clone"]);
    let clone = outer.path().join("clone");
    assert_eq!(git(&clone, &["rev-parse", "--is-shallow-repository"]), "true\n");
    let out = diff(&clone.join("content/.."), &["HEAD~1", "--format", "json"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert!(out.stdout.contains("\"id\": \"2026/survey\""), "{}", out.stdout);
    // From a subfolder the prefix is kept: the playbook is read below it, not at the top.
    let sub = tempfile::tempdir().unwrap();
    git(sub.path(), &["init", "-q", "-b", "main"]);
    for path in ["journeybook.yaml", JOURNEY] {
        let text = fs::read_to_string(repo.path().join(path)).unwrap();
        fs::create_dir_all(sub.path().join("playbook").join(path).parent().unwrap()).unwrap();
        fs::write(sub.path().join("playbook").join(path), text).unwrap();
    }
    commit(sub.path(), "one", &[("README.md", Some("not a playbook file\n"))]);
    let out = diff(&sub.path().join("playbook"), &["one"]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "Changes from one to working tree\nNo changes for the customer.\n");
}

#[test]
fn pain_points_and_opportunities_are_matched_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q", "-b", "main"]);
    let before = "\
title: Shop
stages:
  - name: Browse
    touchpoints:
      - name: Search
        pain_points: [Slow search]
    pain_points:
      - {text: Prices hidden, id: prices, severity: high}
      - {text: No reviews, id: reviews}
    opportunities:
      - {text: Show prices, id: show-prices, status: planned, owner: Web}
      - {text: Faster search, id: faster, status: idea}
";
    commit(d, "base", &[(JOURNEY, Some(before))]);
    let after = edit(
        before,
        &[
            // A new wording under the same id is neither added nor removed.
            (
                "{text: Prices hidden, id: prices, severity: high}",
                "{text: Prices are hidden, id: prices, severity: high, status: mitigated}",
            ),
            ("{text: No reviews, id: reviews}", "{text: No reviews, id: reviews, status: resolved}"),
            ("pain_points: [Slow search]", "pain_points: []"),
            ("status: planned, owner: Web}", "status: in_progress, owner: Web}"),
        ],
    );
    fs::write(d.join(JOURNEY), after).unwrap();
    let out = diff(d, &[]);
    assert_eq!(out.status, 0, "{}", out.stderr);
    let expected = "\
Changes from HEAD to working tree

Journey Shop (shop): changed
  pain point resolved: browse: No reviews
  pain point resolved: browse: Slow search
  pain point status: browse: open → mitigated: Prices are hidden
  opportunity status: browse: planned → in_progress: Show prices
";
    assert_eq!(out.stdout, expected);
}
