//! The journey map: lanes in the order of SPEC §3.1, custom lanes, the emotion lane's points
//! on the stage columns' centres, one comparison page per pair, and journey cards by weight.

use crate::harness;

use harness::{fixture, Run};
use std::fs;
use std::path::Path;

fn built() -> tempfile::TempDir {
    let project = fixture("good/lanes");
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    project
}

fn page(project: &Path, path: &str) -> String {
    fs::read_to_string(project.join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The lane ids of the map's row labels, top to bottom.
fn lanes(html: &str) -> Vec<&str> {
    html.split("class=\"jmap-label lane-").skip(1).map(|rest| rest.split(['"', ' ']).next().unwrap()).collect()
}

/// The value of the first `attribute="…"` after `marker`.
fn attribute<'a>(html: &'a str, marker: &str, attribute: &str) -> &'a str {
    let from = html.find(marker).unwrap_or_else(|| panic!("{marker} not found"));
    let rest = &html[from..];
    let start = rest.find(&format!("{attribute}=\"")).unwrap() + attribute.len() + 2;
    &rest[start..start + rest[start..].find('"').unwrap()]
}

fn xs(points: &str) -> Vec<f64> {
    points.split(' ').map(|p| p.split(',').next().unwrap().parse().unwrap()).collect()
}

#[test]
fn lanes_follow_the_config_then_the_journey_and_skip_empty_ones() {
    let project = built();
    let a = page(project.path(), "journeys/a-trip/index.html");
    // The config's order; `tech` is listed but no stage fills it.
    assert_eq!(lanes(&a), ["goal", "emotion", "touchpoints", "quotes", "evidence"]);
    let b = page(project.path(), "journeys/b-trip/index.html");
    // The journey's own order, then the config's custom lane it fills but does not list.
    assert_eq!(lanes(&b), ["emotion", "doing", "moods", "quotes"]);
    assert!(a.contains(">Customer quotes<"), "custom lane title");
    assert!(a.contains("<em>Somewhere</em> warm, please"), "custom lane cells are Markdown");
    assert!(b.contains(">Moods<") && b.contains("Dreamy"));
}

#[test]
fn every_stage_is_a_column_and_each_cell_sits_in_its_lane_row() {
    let project = built();
    let a = page(project.path(), "journeys/a-trip/index.html");
    assert_eq!(a.matches("<h3 class=\"jmap-head\"><a href=\"/journeys/a-trip/").count(), 6);
    for column in 2..=7 {
        assert!(a.contains(&format!("class=\"jmap-stage\" style=\"--column: {column}\"")), "column {column}");
    }
    // Goal is the first lane (row 2), touchpoints the third (row 4).
    assert!(a.contains("<div class=\"jmap-cell lane-goal\" style=\"grid-row: 2\">"));
    assert!(a.contains("<div class=\"jmap-cell lane-touchpoints empty\" style=\"grid-row: 4\">"), "Compare has none");
    assert!(a.contains("<div class=\"jmap-curve\" style=\"grid-row: 3\">"));
    let evidence = attribute(&a, "class=\"jmap-cell lane-evidence\"", "href");
    assert_eq!(evidence, "/insights/price-alerts/", "the note naming Search");
    assert!(a.contains("<strong>1</strong> note</p>"));
}

#[test]
fn emotion_points_sit_on_the_stage_columns_centres() {
    let project = built();
    let a = page(project.path(), "journeys/a-trip/index.html");
    // Six columns of 100 units: point i at (i + 0.5) / 6 of the width.
    assert_eq!(attribute(&a, "<svg class=\"curve-svg\"", "viewBox"), "0 0 600 100");
    assert_eq!(attribute(&a, "<svg class=\"curve-svg\"", "preserveAspectRatio"), "none");
    let curve = xs(attribute(&a, "<polyline class=\"curve\"", "points"));
    assert_eq!(curve, [50.0, 150.0, 250.0, 350.0, 450.0, 550.0]);
    for (i, x) in curve.iter().enumerate() {
        assert_eq!(*x / 600.0, (i as f64 + 0.5) / 6.0);
        assert!(a.contains(&format!("d=\"M{x} ")), "point {i}");
    }
    // The compared journey's curve, dashed, where its stages match: Dream and Book.
    assert_eq!(xs(attribute(&a, "<polyline class=\"compare\"", "points")), [50.0, 350.0]);
    // Touchpoints are numbered on the lane and listed in the key.
    assert_eq!(a.matches("class=\"tp-mark").count(), 3);
    assert!(a.contains("class=\"tp-mark e3 mot\""), "the moment of truth takes its stage's emotion");
    assert_eq!(a.matches("<span class=\"sr\">Moment of truth: </span>").count(), 2, "chip and key");
    assert!(a.contains("<ol class=\"tp-key\""));
}

#[test]
fn one_comparison_page_per_pair_linked_from_both_journeys() {
    let project = built();
    let out = project.path().join("public");
    assert!(out.join("compare/a-trip/b-trip/index.html").is_file());
    assert!(!out.join("compare/b-trip/a-trip").exists(), "the smaller id comes first");
    for journey in ["a-trip", "b-trip"] {
        let html = page(project.path(), &format!("journeys/{journey}/index.html"));
        assert_eq!(html.matches("href=\"/compare/a-trip/b-trip/\"").count(), 1, "{journey}");
    }
    let compare = page(project.path(), "compare/a-trip/b-trip/index.html");
    assert!(compare.contains("<title>Booking a trip compared with Booking a trip, next year"), "current state first");
}

#[test]
fn journey_cards_are_ordered_by_weight_then_title_with_a_sparkline() {
    let project = built();
    for path in ["journeys/index.html", "index.html", "tags/travel/index.html"] {
        let html = page(project.path(), path);
        let at = |id: &str| html.find(&format!("<a href=\"/journeys/{id}/\">")).unwrap_or_else(|| panic!("{id}"));
        assert!(at("b-trip") < at("a-trip"), "{path}: weight 10 before 20");
        assert!(at("a-trip") < at("c-trip"), "{path}: unweighted last, though its title sorts first");
        assert_eq!(html.matches("<svg class=\"emotion-spark\"").count(), 3, "{path}");
    }
}

#[test]
fn the_mermaid_source_is_behind_an_export_disclosure_with_a_copy_button() {
    let project = built();
    let a = page(project.path(), "journeys/a-trip/index.html");
    let details = a.find("<details class=\"export\">").expect("export disclosure");
    let source = a.find("id=\"mermaid-source\"").unwrap();
    let button = a.find("data-copy=\"mermaid-source\"").unwrap();
    assert!(button < details && details < source, "the button copies without opening the disclosure");
    assert!(a.find("id=\"map-heading\"").unwrap() < details, "the map comes first");
}

/// A journey page has its trends section exactly when one of its metrics has a trend chart:
/// the example's snack box has two, the trial none.
#[test]
fn the_trends_section_shows_only_with_a_trend() {
    let project = harness::example();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let with = page(project.path(), "journeys/snack-box/index.html");
    assert_eq!(with.matches("id=\"trends-heading\"").count(), 1);
    assert_eq!(with.matches("<figure class=\"card trend\">").count(), 2);
    let without = page(project.path(), "journeys/snack-box-trial/index.html");
    assert!(!without.contains("trends-heading"), "the trial's metrics have no series");
}
