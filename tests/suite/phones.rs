//! The `thai` fixture, a six-stage playbook with Thai stage names and nine monthly points per
//! series, built by the real binary: what its pages say and how they are marked up to fit a
//! phone. The browser gates (tests/browser/fit.mjs) measure the same pages on screen.

use crate::harness;

use harness::{fixture, Run};
use scraper::{Html, Selector};
use std::fs;

fn build() -> (tempfile::TempDir, impl Fn(&str) -> String) {
    let project = fixture("good/thai");
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let root = project.path().join("public");
    (project, move |page: &str| fs::read_to_string(root.join(page)).unwrap_or_else(|e| panic!("{page}: {e}")))
}

fn select(html: &Html, css: &str) -> Vec<String> {
    html.select(&Selector::parse(css).unwrap()).map(|e| e.text().collect::<String>().trim().to_string()).collect()
}

#[test]
fn trend_charts_read_in_the_metrics_unit_and_the_journeys_language() {
    let (_project, page) = build();
    let html = Html::parse_document(&page("journeys/subscription/index.html"));
    let axis = select(&html, "svg#trend-subscription-aov text.axis");
    assert_eq!(axis[..4], ["฿145", "฿150", "฿155", "฿160"], "currency ticks in 1-2-5 steps: {axis:?}");
    // The journey is Thai and the calendar Buddhist: Thai month names, wider than English ones,
    // so every third month is labelled, the newest always, and the year in the Buddhist era.
    assert_eq!(axis[4..], ["ม.ค.", "พ.ศ. 2569", "เม.ย.", "ก.ค.", "ก.ย."]);
    assert_eq!(select(&html, "svg#trend-subscription-aov text.target"), ["เป้าหมาย ฿160"]);
    let duration = select(&html, "svg#trend-subscription-session_duration text.axis");
    // Durations are worded in the journey's language too, in the steps of a clock.
    assert_eq!(duration[..4], ["1\u{a0}นาที", "1\u{a0}นาที 30\u{a0}วินาที", "2\u{a0}นาที", "2\u{a0}นาที 30\u{a0}วินาที"]);
    assert_eq!(select(&html, "svg#trend-subscription-nps circle").len(), 9, "a dot for every month");
    assert!(page("journeys/subscription/การสมัคร/index.html").contains("<h1>การสมัคร</h1>"));
}

#[test]
fn a_change_that_rounds_to_zero_reads_no_change_and_is_not_coloured() {
    let (_project, page) = build();
    let html = Html::parse_document(&page("metrics/index.html"));
    // Churn went from 8.8% to 8.84% and conversion from 32.9% to 32.92%: both show as no change.
    assert_eq!(select(&html, "#metrics-table .delta:not(.better):not(.worse)"), ["no change", "no change"]);
    assert_eq!(select(&html, "#metrics-table .delta.better"), ["+3.8", "+฿3.70", "+36s"]);
    assert!(!page("metrics/index.html").contains("+0"), "never +0");
}

#[test]
fn every_cell_of_a_stacked_table_names_its_column() {
    let (_project, page) = build();
    for file in ["metrics/index.html", "pain-points/index.html", "opportunities/index.html"] {
        let html = Html::parse_document(&page(file));
        let tables = html.select(&Selector::parse("table.stack").unwrap()).count();
        assert!(tables > 0, "{file} stacks its tables on phones");
        let unlabelled: Vec<String> = html
            .select(&Selector::parse("table.stack tbody td:not([data-label]):not(.stack-title)").unwrap())
            .map(|td| td.html())
            .collect();
        assert!(unlabelled.is_empty(), "{file}: cells with no label would read as bare values: {unlabelled:?}");
        let titles = html.select(&Selector::parse("table.stack tbody tr > .stack-title").unwrap()).count();
        let rows = html.select(&Selector::parse("table.stack tbody tr").unwrap()).count();
        assert_eq!(titles, rows, "{file}: each card has a heading");
    }
}

#[test]
fn funnel_and_channels_have_a_phone_layout() {
    let (_project, page) = build();
    let html = Html::parse_document(&page("journeys/subscription/index.html"));
    for id in ["funnel-subscription", "channels-subscription"] {
        let wide = format!(".wide-only > svg#{id}");
        assert_eq!(html.select(&Selector::parse(&wide).unwrap()).count(), 1, "{id}");
        let narrow = format!(".narrow-only > svg#{id}-narrow");
        let narrow_svg = html.select(&Selector::parse(&narrow).unwrap()).next();
        let view = narrow_svg.and_then(|s| s.value().attr("viewBox")).unwrap_or_else(|| panic!("no {narrow}"));
        assert!(view.starts_with("0 0 360 "), "{id}: the phone layout is 360 wide, found {view}");
    }
    let stages = select(&html, "svg#funnel-subscription-narrow text.stage");
    assert_eq!(stages, ["การรับรู้", "การพิจารณา", "การสมัคร", "การรับสินค้า", "การใช้งานประจำวัน", "การต่ออายุ"]);
}
