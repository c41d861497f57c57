//! Evidence and action (SPEC §10): review warnings, the roadmap and pain-points pages, stage
//! anchors and cross-links, nested journeys, personas, and `playbook.json`, all from the real
//! binary run on `tests/fixtures/good/action`.

use crate::harness;

use std::fs;
use std::path::Path;
use std::process::Command;

use scraper::{ElementRef, Html, Selector};

/// 2026-03-01 00:00 UTC: `shop` (updated 2026-01-01) is 59 days old, past `stale_after: 30`.
const TODAY: &str = "1772323200";

/// Runs the binary on `project` with `SOURCE_DATE_EPOCH` fixed; status and stdout.
fn run(project: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_journeybook"))
        .args(args)
        .arg("--source")
        .arg(project)
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", TODAY)
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
}

fn built() -> tempfile::TempDir {
    let project = harness::fixture("good/action");
    let (status, _, stderr) = run(project.path(), &["build"]);
    assert_eq!(status, 0, "{stderr}");
    project
}

fn page(project: &Path, path: &str) -> Html {
    let text = fs::read_to_string(project.join("public").join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    Html::parse_document(&text)
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn texts(html: &Html, css: &str) -> Vec<String> {
    select(html, css)
        .iter()
        .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn hrefs(html: &Html, css: &str) -> Vec<String> {
    select(html, css).iter().filter_map(|e| e.value().attr("href").map(str::to_string)).collect()
}

#[test]
fn review_warnings_name_their_place_and_strict_makes_them_errors() {
    let project = harness::fixture("good/action");
    let (status, stdout, _) = run(project.path(), &["check", "--format", "json"]);
    assert_eq!(status, 0);
    let expected = "\
W020 warning content/journeys/shop.yaml:4:10 journey `shop` was last updated 59 days ago (2026-01-01); it needs review (help: review it and set `updated`, or raise `stale_after` (now 30 days))
W022 warning content/journeys/shop.yaml:47:40 opportunity `loyalty-points` is planned but has no `owner` (help: name who delivers it with `owner:`)
W021 warning content/journeys/shop.yaml:52:9 high-severity pain point `card-declined-without-a-reason` has no evidence (help: list the notes behind it under `evidence`, or name it in a note's `supports`)
";
    assert_eq!(harness::json_diagnostics(&stdout), expected);
    let (strict, _, stderr) = run(project.path(), &["check", "--strict"]);
    assert_eq!(strict, 1, "{stderr}");
    // A later `stale_after` leaves the journey fresh: only W020 goes.
    fs::write(project.path().join("journeybook.yaml"), "title: Action fixture\nstale_after: 60\n").unwrap();
    let (_, stdout, _) = run(project.path(), &["check", "--format", "json"]);
    assert!(!stdout.contains("W020") && stdout.contains("W021") && stdout.contains("W022"), "{stdout}");
}

#[test]
fn roadmap_shows_opportunities_by_status_and_due_period() {
    let project = built();
    let html = page(project.path(), "roadmap/index.html");
    assert_eq!(texts(&html, ".roadmap-col > h2"), ["Idea 1", "Planned 2", "In progress 1", "Done 1"]);
    let planned = &select(&html, ".status-col-planned")[0];
    let planned = Html::parse_fragment(&planned.html());
    assert_eq!(texts(&planned, "h3.due"), ["Due 2027-Q1"]);
    // RICE-scored first within the period, then the others.
    assert_eq!(texts(&planned, ".roadmap-card .item-title"), ["Guest checkout", "Loyalty points"]);
    let card = texts(&planned, ".roadmap-card")[0].clone();
    assert!(card.contains("App product team") && card.contains("RICE 21,333.3"), "{card}");
    assert!(card.contains("Fixes: Must create an account before seeing prices"), "{card}");
    assert!(card.contains("Targets: Conversion rate · Bounce rate (Browse)"), "{card}");
    assert!(hrefs(&planned, ".roadmap-card a").contains(&"/journeys/shop/browse/#pain-signup-wall".to_string()));
    assert_eq!(texts(&planned, ".roadmap-card .badge.warn"), ["no owner"]);
    let progress = Html::parse_fragment(&select(&html, ".status-col-in_progress")[0].html());
    assert_eq!(texts(&progress, "h3.due"), ["Due 2026-11"]);
    let idea = Html::parse_fragment(&select(&html, ".status-col-idea")[0].html());
    assert_eq!(texts(&idea, "h3.due"), ["No due date"]);
    assert!(texts(&html, ".lede")[0].contains("1 dropped, not shown."));
    assert!(hrefs(&html, "header nav a").contains(&"/roadmap/".to_string()));
}

#[test]
fn pain_points_page_shows_records_and_filters() {
    let project = built();
    let html = page(project.path(), "pain-points/index.html");
    let rows = select(&html, "tr[data-journey]");
    let ids: Vec<&str> = rows.iter().map(|r| r.value().attr("id").unwrap()).collect();
    assert_eq!(
        ids,
        [
            "pain-shop-signup-wall",
            "pain-shop-card-declined-without-a-reason",
            "pain-shop-slow-search",
            "pain-shop-slow-search-2"
        ]
    );
    let wall = &rows[0];
    assert_eq!(
        (wall.value().attr("data-severity"), wall.value().attr("data-status")),
        (Some("high"), Some("mitigated"))
    );
    let cell = |label: &str| {
        let sel = Selector::parse(&format!("td[data-label=\"{label}\"]")).unwrap();
        wall.select(&sel).next().unwrap().text().collect::<String>().trim().to_string()
    };
    assert_eq!(cell("Status"), "Mitigated");
    assert_eq!(cell("Owner"), "App product team");
    assert_eq!(cell("Frequency"), "42%");
    assert_eq!(cell("Customers affected"), "12,000");
    // Its own `evidence` and a note's `supports`; the draft note that supports it is not built.
    assert_eq!(cell("Evidence"), "2");
    let fixed: Vec<String> = wall
        .select(&Selector::parse(".fixed-by a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(fixed, ["/journeys/shop/browse/#opp-guest-checkout"]);
    // The filters: hidden until the script shows them, one option per journey with pain points.
    let form = &select(&html, "form#pain-filters")[0];
    assert!(form.value().attr("hidden").is_some());
    assert_eq!(texts(&html, "select[name=journey] option"), ["All journeys", "Shop online"]);
    assert_eq!(texts(&html, "select[name=status] option"), ["Any status", "Open", "Mitigated", "Resolved"]);
    assert!(
        hrefs(&html, "script").is_empty() && fs::read_to_string(project.path().join("public/assets/filter.js")).is_ok()
    );
}

#[test]
fn stage_pages_anchor_every_item_and_link_both_ways() {
    let project = built();
    let html = page(project.path(), "journeys/shop/browse/index.html");
    let ids: Vec<&str> = select(&html, "li.item").iter().map(|e| e.value().attr("id").unwrap()).collect();
    assert_eq!(
        ids,
        [
            "pain-signup-wall",
            "pain-slow-search-2",
            "pain-slow-search",
            "opp-guest-checkout",
            "opp-faster-search",
            "opp-dark-mode",
            "opp-loyalty-points",
            "opp-fax-ordering",
            "opp-search-suggestions"
        ]
    );
    // Evidence newest first, as notes are listed.
    let wall = texts(&html, "#pain-signup-wall")[0].clone();
    assert!(wall.contains("Evidence: Search logs · Interviews about the sign-up wall"), "{wall}");
    assert!(wall.contains("Fixed by: Guest checkout"), "{wall}");
    let faster = hrefs(&html, "#opp-faster-search a");
    assert_eq!(faster, ["/journeys/shop/browse/#pain-slow-search", "/journeys/shop/browse/#pain-slow-search-2"]);
    assert_eq!(texts(&html, "#opp-dark-mode dd")[1], "1");
    // The map links each item to its anchor and counts the notes behind each stage.
    let map = page(project.path(), "journeys/shop/index.html");
    assert!(hrefs(&map, ".lane-pain_points a").contains(&"/journeys/shop/browse/#pain-signup-wall".to_string()));
    assert_eq!(texts(&map, ".jmap-cell.lane-evidence .evidence-count"), ["2 notes"]);
    assert_eq!(texts(&map, ".jmap-zoom"), ["⤷ Zoom in: Gift wrapping"]);
    assert_eq!(texts(&map, ".badge.review"), ["Needs review"]);
}

#[test]
fn nested_journeys_say_where_they_sit_and_the_home_page_leads_with_top_level_ones() {
    let project = built();
    let gift = page(project.path(), "journeys/gift/index.html");
    assert_eq!(texts(&gift, ".breadcrumbs li"), ["Home", "Journeys", "Shop online", "Pay", "Gift wrapping"]);
    assert!(hrefs(&gift, ".page-head .compare a").contains(&"/journeys/shop/pay/".to_string()));
    assert!(texts(&gift, ".badge.review").is_empty());
    let pay = page(project.path(), "journeys/shop/pay/index.html");
    assert_eq!(hrefs(&pay, "section[aria-labelledby=zoom-heading] a"), ["/journeys/gift/"]);
    let home = page(project.path(), "index.html");
    // By title Gift wrapping would come first; the top-level journey leads.
    assert_eq!(texts(&home, ".journey-card h3 a"), ["Shop online", "Gift wrapping"]);
}

#[test]
fn persona_pages_show_photo_or_initials_demographics_and_segment() {
    let project = built();
    let maya = page(project.path(), "personas/buyer/index.html");
    assert_eq!(texts(&maya, ".persona-head .avatar.initials"), ["ML"]);
    assert_eq!(texts(&maya, ".demographics th"), ["Age", "Location"]);
    assert_eq!(texts(&maya, ".demographics td"), ["34", "Bangkok"]);
    assert_eq!(texts(&maya, ".persona-head .segment"), ["Segment: 18% of customers"]);
    // Both journeys name Maya: one with `personas`, one with `persona`.
    assert_eq!(select(&maya, ".journey-card").len(), 2);
    let list = page(project.path(), "personas/index.html");
    let img = &select(&list, "img.avatar")[0];
    assert_eq!(
        (img.value().attr("src"), img.value().attr("alt")),
        (Some("/images/sam.svg"), Some("Photo of Sam, browser"))
    );
    assert!(texts(&list, ".segment").contains(&"12,000 customers".to_string()));
}

#[test]
fn playbook_json_holds_the_model_with_computed_values() {
    let project = built();
    let read = |p: &str| -> serde_json::Value {
        serde_json::from_str(&fs::read_to_string(project.path().join("public").join(p)).unwrap()).unwrap()
    };
    let book = read("playbook.json");
    let ids: Vec<&str> = book["journeys"].as_array().unwrap().iter().map(|j| j["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["gift", "shop"]);
    let shop = &book["journeys"][1];
    assert_eq!((shop["stale"].as_bool(), book["journeys"][0]["stale"].as_bool()), (Some(true), Some(false)));
    assert_eq!(shop["personas"], serde_json::json!(["buyer", "browser"]));
    assert_eq!(
        (book["journeys"][0]["parent"].as_str(), book["journeys"][0]["parent_stage"].as_str()),
        (Some("shop"), Some("pay"))
    );
    let browse = &shop["stages"][0];
    assert_eq!(browse["evidence_count"], 2);
    let opp = |id: &str| browse["opportunities"].as_array().unwrap().iter().find(|o| o["id"] == id).unwrap().clone();
    // 40000 × 2 × 0.8 / 3, and impact / effort with low 1, medium 2, high 3.
    let guest = opp("guest-checkout");
    assert_eq!(guest["priority"]["method"], "rice");
    assert!((guest["priority"]["score"].as_f64().unwrap() - 64000.0 / 3.0).abs() < 1e-9);
    assert_eq!(opp("faster-search")["priority"], serde_json::json!({"method": "levels", "score": 3.0}));
    assert_eq!(opp("dark-mode")["priority"], serde_json::json!({"method": "levels", "score": 1.0}));
    assert_eq!(guest["fixes"], serde_json::json!(["shop/signup-wall"]));
    assert_eq!(guest["targets"], serde_json::json!(["conversion_rate", "browse/bounce_rate"]));
    assert_eq!(guest["status"], "planned");
    let wall = &browse["pain_points"][0];
    assert_eq!((wall["id"].as_str(), wall["frequency"].as_f64()), (Some("signup-wall"), Some(0.42)));
    assert_eq!(wall["evidence"], serde_json::json!(["search-logs", "signup-wall"]));
    assert_eq!(wall["fixed_by"], serde_json::json!(["shop/guest-checkout"]));
    // Metric objects have exactly the shape and values of metrics.json's.
    let metrics = read("metrics.json");
    let same = |j: &serde_json::Value| j["metrics"].clone();
    let shop_metrics = metrics["journeys"].as_array().unwrap().iter().find(|j| j["id"] == "shop").unwrap();
    assert_eq!(same(shop), same(shop_metrics));
    assert_eq!(browse["metrics"], shop_metrics["stages"][0]["metrics"]);
    let notes: Vec<&str> = book["notes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(notes, ["search-logs", "signup-wall"]);
    let buyer = &book["personas"][1];
    assert_eq!(
        (buyer["id"].as_str(), &buyer["segment_size"]),
        (Some("buyer"), &serde_json::json!({"kind": "share", "value": 0.18}))
    );
    // Built twice, byte for byte the same.
    let first = fs::read(project.path().join("public/playbook.json")).unwrap();
    let (status, _, _) = run(project.path(), &["build"]);
    assert_eq!(status, 0);
    assert_eq!(first, fs::read(project.path().join("public/playbook.json")).unwrap());
}
