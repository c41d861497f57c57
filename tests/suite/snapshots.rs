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

/// The fragment from `start` to `end` of the page at `page` (below the output folder) of the
/// fixture project `name`, built.
fn page_fragment(name: &str, page: &str, start: &str, end: &str) -> String {
    let project = built(name);
    let html = fs::read_to_string(project.path().join("public").join(page)).unwrap();
    fragment(&html, start, end)
}

fn built(name: &str) -> tempfile::TempDir {
    let project = fixture(name);
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    project
}

#[test]
fn journey_map_grid() {
    insta::assert_snapshot!(page_fragment(
        "good/edge",
        "journeys/thai-trip/index.html",
        "<div class=\"jmap-box\"",
        "<p class=\"legend\">"
    ));
}

#[test]
fn funnel_table() {
    insta::assert_snapshot!(page_fragment(
        "good/edge",
        "journeys/thai-trip/index.html",
        "<table class=\"data funnel\"",
        "</table>"
    ));
}

/// Every metric with its journey or stage, value, target, status, change and sparkline.
#[test]
fn metrics_table() {
    insta::assert_snapshot!(page_fragment(
        "good/metrics",
        "metrics/index.html",
        "<table class=\"data sortable stack\"",
        "</table>"
    ));
}

/// The pain points of one severity and every opportunity, each row with its links, fixes,
/// status, owner, figures and place.
#[test]
fn pain_and_opportunity_tables() {
    let project = built("good/action");
    let page = |path: &str| fs::read_to_string(project.path().join("public").join(path)).unwrap();
    let pains = fragment(&page("pain-points/index.html"), "<table class=\"data stack pains\"", "</table>");
    let opportunities =
        fragment(&page("opportunities/index.html"), "<section aria-labelledby=\"list-heading\"", "</table>");
    insta::assert_snapshot!(format!("{pains}\n\n{opportunities}"));
}

/// A stage page's head and links to the stages either side, and its side column: how many
/// entered and dropped off, and its backstage lists; for the first stage of a journey and a
/// later one.
#[test]
fn stage_head_and_facts() {
    let project = harness::example();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let mut shown = Vec::new();
    for stage in ["awareness", "renewal"] {
        let page = project.path().join(format!("public/journeys/snack-box/{stage}/index.html"));
        let html = fs::read_to_string(page).unwrap();
        shown.push(fragment(&html, "<header class=\"page-head\">", "</nav>"));
        shown.push(fragment(&html, "<aside class=\"stage-side\"", "</aside>"));
    }
    insta::assert_snapshot!(shown.join("\n\n"));
}

#[test]
fn note_page_body() {
    insta::assert_snapshot!(page_fragment(
        "good/edge",
        "insights/deep/er/raw-html/index.html",
        "<article class=\"note\"",
        "</article>"
    ));
}

/// A stage's pain points (severity, facts, evidence, what fixes them) and opportunities
/// (impact, effort, RICE priority, what they fix and target), drawn by the item filters.
#[test]
fn stage_pains_and_opportunities() {
    insta::assert_snapshot!(page_fragment(
        "good/action",
        "journeys/shop/browse/index.html",
        "<div class=\"stage-main\">",
        "<aside"
    ));
}

/// Metric cards with sample sizes, margins, significance and targets.
#[test]
fn kpi_cards_with_margins() {
    insta::assert_snapshot!(page_fragment(
        "good/research",
        "journeys/shop/index.html",
        "<div class=\"kpis\">",
        "</section>"
    ));
}

/// A Thai stage page's metric card, pain point and note card: words and dates in Thai.
#[test]
fn stage_cards_in_thai() {
    insta::assert_snapshot!(page_fragment(
        "good/thai",
        "journeys/subscription/การสมัคร/index.html",
        "<div class=\"stage-main\">",
        "<aside"
    ));
}

/// A journey's trend figures: chart, margins legend, series table with sample sizes.
#[test]
fn trend_figures() {
    insta::assert_snapshot!(page_fragment(
        "good/research",
        "journeys/shop/index.html",
        "<div class=\"trends\">",
        "</section>"
    ));
}

/// Journey cards: state, review badge, persona, the journey a nested one sits inside,
/// figures with the mean emotion, and the emotion sparkline.
#[test]
fn journey_cards() {
    insta::assert_snapshot!(page_fragment(
        "good/action",
        "journeys/index.html",
        "<div class=\"grid\">\n<article class=\"card journey-card\">",
        "</article>\n</div>"
    ));
}

#[test]
fn sitemap() {
    let project = built("good/edge");
    insta::assert_snapshot!(fs::read_to_string(project.path().join("public/sitemap.xml")).unwrap());
}

/// A journey with something in every lane, built-in and custom, with text that needs escaping:
/// what each kind of map cell draws.
#[test]
fn journey_map_every_kind_of_cell() {
    let project = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let file = project.path().join(path);
        fs::create_dir_all(file.parent().unwrap()).unwrap();
        fs::write(file, text).unwrap();
    };
    write(
        "journeybook.yaml",
        "title: Every cell\nlanes: [goal, doing, thinking, feeling, emotion, touchpoints, channels, pain_points, \
         opportunities, metrics, evidence, influencers, people, process, tech, moods]\n\
         custom_lanes:\n  - {id: moods, title: Moods & more}\n",
    );
    write(
        "content/journeys/all.yaml",
        r#"title: All <lanes>
stages:
  - name: Look & see
    goal: Find "the" box <fast>
    doing: [Scrolls, Asks <peers>]
    thinking: ["Is it <good>?", Maybe]
    feeling: Curious & wary
    emotion: 3.4
    influencers: [Peers]
    people: [Marketer]
    process: [Calendar]
    tech: [CMS]
    custom:
      moods: ["**Bold** & <em>raw</em>", Calm]
    touchpoints:
      - {name: Ad <one>, channel: social & web, emotion: 4.6, moment_of_truth: true}
      - {name: Call, emotion: 1.2}
      - {name: Search, channel: web}
    pain_points:
      - {text: Price <hidden>, id: price-hidden, severity: high}
      - {text: Slow, severity: low}
    opportunities:
      - {text: Show <prices>, id: show-prices, impact: high, effort: medium}
    metrics:
      conversion_rate: {inputs: {visitors: 1000, conversions: 40}, target: 0.05}
  - name: Buy
    emotion: 2
    touchpoints:
      - {name: Checkout, channel: web, emotion: 2}
"#,
    );
    write(
        "content/insights/why.md",
        "---\ntitle: Why <people> leave & stay\ndate: 2026-10-02\njourney: all\nstage: look-see\nkind: interview\n\
         supports: [all/price-hidden]\n---\nThey said so.\n",
    );
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let html = fs::read_to_string(project.path().join("public/journeys/all/index.html")).unwrap();
    for kind in ["chips", "channels-list", "evidence-count", "stage-metrics", "class=\"prose\"", "<q>", "sev-high"] {
        assert!(html.contains(kind), "the map draws {kind}");
    }
    insta::assert_snapshot!(fragment(&html, "<div class=\"jmap-box\"", "<p class=\"legend\">"));
    // The cards drawn by filters, with the same text needing escaping: touchpoints by channel
    // on the journey's page; touchpoints, pain points, opportunities and the note on the stage's.
    insta::assert_snapshot!(
        "every_kind_channels",
        fragment(&html, "<div class=\"grid channels\">", "</div>\n</section>")
    );
    let stage = fs::read_to_string(project.path().join("public/journeys/all/look-see/index.html")).unwrap();
    insta::assert_snapshot!("every_kind_stage", fragment(&stage, "<div class=\"stage-main\">", "<aside"));
}
