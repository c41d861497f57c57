//! Snapshots of rendered fragments, so a change to what readers see shows up in review.

use crate::harness;

use harness::{fixture, Run};
use std::fs;

/// The text from the first `start` to the end of the element it opens, `</tag>`.
fn fragment(html: &str, start: &str, end: &str) -> String {
    let from = html.find(start).unwrap_or_else(|| panic!("{start} not found"));
    let to = html[from..].find(end).unwrap_or_else(|| panic!("{end} not found")) + from + end.len();
    html[from..to].to_string()
}

fn built(name: &str) -> tempfile::TempDir {
    let project = fixture(name);
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    project
}

#[test]
fn journey_map_grid() {
    let project = built("good/edge");
    let html = fs::read_to_string(project.path().join("public/journeys/thai-trip/index.html")).unwrap();
    insta::assert_snapshot!(fragment(&html, "<div class=\"jmap-box\"", "<p class=\"legend\">"));
}

#[test]
fn funnel_table() {
    let project = built("good/edge");
    let html = fs::read_to_string(project.path().join("public/journeys/thai-trip/index.html")).unwrap();
    insta::assert_snapshot!(fragment(&html, "<table class=\"data funnel\"", "</table>"));
}

#[test]
fn note_page_body() {
    let project = built("good/edge");
    let html = fs::read_to_string(project.path().join("public/insights/deep/er/raw-html/index.html")).unwrap();
    insta::assert_snapshot!(fragment(&html, "<article class=\"note\"", "</article>"));
}

#[test]
fn sitemap() {
    let project = built("good/edge");
    insta::assert_snapshot!(fs::read_to_string(project.path().join("public/sitemap.xml")).unwrap());
}
