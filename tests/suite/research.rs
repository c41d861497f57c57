//! Survey responses and event logs (SPEC §11): the real binary on fixture files, every figure
//! checked against a value worked out by hand from the rows, to a relative 1e-9.

use crate::harness;

use harness::{fixture, Run};
use journeybook::metrics::stats::{self, Estimate, Kind};
use proptest::prelude::*;
use serde_json::Value;

/// `metrics.json` of the `good/research` fixture, built by the binary.
fn metrics() -> Value {
    let project = fixture("good/research");
    let out = project.path().join("site");
    let run = Run::new(&["build", "--output", out.to_str().unwrap()]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    serde_json::from_str(&std::fs::read_to_string(out.join("metrics.json")).unwrap()).unwrap()
}

fn metric<'a>(list: &'a Value, id: &str) -> &'a Value {
    list.as_array().unwrap().iter().find(|m| m["id"] == id).unwrap_or_else(|| panic!("no metric {id}"))
}

#[track_caller]
fn close(actual: &Value, expected: f64) {
    let a = actual.as_f64().unwrap_or_else(|| panic!("{actual} is not a number"));
    assert!((a - expected).abs() <= 1e-9 * expected.abs(), "{a} vs {expected}");
}

/// R's qt(0.975, 3).
const T_975_3: f64 = 3.182446305284263;

#[test]
fn survey_values_intervals_and_tests_match_the_formulas() {
    let m = metrics();
    let shop = &m["journeys"][0];
    // NPS, February: 16 promoters and 4 passives of 20, so p = 0.8, d = 0.
    let nps = metric(&shop["metrics"], "nps");
    let se_feb = 100.0 * ((0.8f64 - 0.64) / 20.0).sqrt();
    close(&nps["value"], 80.0);
    assert_eq!(nps["n"], 20);
    close(&nps["ci_low"], 80.0 - 1.96 * se_feb);
    close(&nps["ci_high"], 80.0 + 1.96 * se_feb);
    // January: 5 promoters, 2 passives, 3 detractors (one dated 01:00 +02:00 on 1 February,
    // which is still January in UTC). |80 − 20| = 60 against 1.96 × √(SE₁² + SE₂²) ≈ 56.8.
    let se_jan = 100.0 * ((0.8f64 - 0.04) / 10.0).sqrt();
    assert!(60.0 > 1.96 * (se_jan * se_jan + se_feb * se_feb).sqrt());
    assert_eq!(nps["change_significant"], true);
    assert_eq!(nps["status"], "on_track");
    assert_eq!(nps["status_certain"], true, "the whole interval is above the target 50");

    // CSAT, 2026-Q2: 20 of 40 satisfied; Wilson interval with z = 1.96.
    let csat = metric(&shop["metrics"], "csat");
    let (n, p, z) = (40.0f64, 0.5f64, 1.96f64);
    let centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
    let half = z / (1.0 + z * z / n) * (p * (1.0 - p) / n + z * z / (4.0 * n * n)).sqrt();
    close(&csat["value"], 0.5);
    close(&csat["ci_low"], centre - half);
    close(&csat["ci_high"], centre + half);
    // Q1 had 15 of 20: pooled 35/60, z = −0.25 / √(p(1−p)(1/20 + 1/40)) ≈ −1.85, not significant.
    let pooled = 35.0f64 / 60.0;
    let zq = -0.25 / (pooled * (1.0 - pooled) * (1.0 / 20.0 + 1.0 / 40.0)).sqrt();
    assert!(zq.abs() < 1.96);
    assert_eq!(csat["change_significant"], false);
    assert_eq!(csat["status"], "off_track");
    assert_eq!(csat["status_certain"], false, "the interval reaches over the target 0.6");

    // CES, April: 1, 1, 2, 2: mean 1.5, s = √(1/3), t interval with t(0.975, 3).
    let ces = metric(&shop["metrics"], "ces");
    let margin = T_975_3 * (1.0f64 / 3.0).sqrt() / 2.0;
    close(&ces["value"], 1.5);
    close(&ces["ci_low"], 1.5 - margin);
    close(&ces["ci_high"], 1.5 + margin);
    assert_eq!(ces["n"], 4);
    // March: 3, 4, 5, 4, 4 (mean 4, s² = 0.5). Welch: t ≈ −5.84 on ≈ 6.98 df, significant.
    let (a, b) = (0.5 / 5.0, (1.0 / 3.0) / 4.0);
    let t = (1.5 - 4.0) / f64::sqrt(a + b);
    let df = (a + b) * (a + b) / (a * a / 4.0 + b * b / 3.0);
    assert!(t.abs() > stats::t_quantile(df).unwrap());
    assert_eq!(ces["change_significant"], true);
    assert_eq!(ces["status_certain"], false, "met, but the interval reaches above the target 2");

    // A metric written by hand keeps its fields, with nulls for the new ones.
    let cr = metric(&shop["metrics"], "conversion_rate");
    assert!(cr["n"].is_null() && cr["ci_low"].is_null() && cr["status_certain"].is_null());
    let order: Vec<&str> = shop["metrics"].as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
    assert_eq!(order, ["nps", "csat", "ces", "conversion_rate"], "metrics keep the order they are written in");
}

#[test]
fn stage_values_count_the_responses_that_name_the_stage() {
    let m = metrics();
    let stages = m["journeys"][0]["stages"].as_array().unwrap();
    // Browse in January: scores 10, 9, 8 and 3, named by id, by id and by name.
    let browse = metric(&stages[0]["metrics"], "nps");
    assert_eq!(browse["n"], 4);
    close(&browse["value"], 100.0 * (2.0 - 1.0) / 4.0);
    let pay = metric(&stages[2]["metrics"], "nps");
    assert_eq!(pay["n"], 6, "the six February responses naming Pay");
    assert!(pay["ci_low"].is_null(), "all promoters: a standard error of 0 gives no interval");
}

#[test]
fn the_event_log_gives_the_funnel_times_and_retention() {
    let m = metrics();
    let shop = &m["journeys"][0];
    let entered: Vec<&Value> = shop["stages"].as_array().unwrap().iter().map(|s| &s["entered"]).collect();
    // u1 pays exactly at the window's end (counted); u2 a second after it (not); u3 skips the
    // checkout; u4's rows come out of order with repeats; u5 never browses.
    assert_eq!(entered, [&Value::from(4), &Value::from(3), &Value::from(2), &Value::Null]);
    let steps = &shop["events"]["steps"];
    // Browse → checkout: 1 h (u1), 0 (u2, equal times), 2 d 9 h (u4): median 1 h, p90 2 d 9 h.
    assert_eq!(steps[1]["median_seconds"], 3_600);
    assert_eq!(steps[1]["p90_seconds"], 2 * 86_400 + 9 * 3_600);
    // Checkout → pay: 7 d − 1 h (u1) and 1 h (u4).
    assert_eq!(steps[2]["median_seconds"], 3_600);
    assert_eq!(steps[2]["p90_seconds"], 7 * 86_400 - 3_600);
    let cohorts = &shop["events"]["cohorts"];
    assert_eq!(cohorts[0]["month"], "2026-01");
    assert_eq!(cohorts[0]["size"], 3);
    close(&cohorts[0]["retained"][0], 1.0 / 3.0);
    close(&cohorts[0]["retained"][1], 1.0 / 3.0);
    assert_eq!(cohorts[1]["size"], 1);
    assert_eq!(cohorts[1]["retained"], serde_json::json!([0.0, null]), "March is the log's last month");
}

#[test]
fn fail_on_certain_fails_only_on_certain_misses() {
    let project = fixture("good/research");
    let all = Run::new(&["check", "--fail-on", "off-track", "--format", "json"]).source(project.path()).go();
    assert_eq!(all.status, 1);
    let lines = harness::json_diagnostics(&all.stdout);
    assert!(lines.contains("E090 content/journeys/shop.yaml:5:3 `csat` of journey `shop` is off track"), "{lines}");
    let certain =
        Run::new(&["check", "--fail-on", "off-track", "--certain", "--format", "json"]).source(project.path()).go();
    assert_eq!(certain.status, 0, "csat's interval reaches over its target: not a certain miss");
    assert!(!harness::json_diagnostics(&certain.stdout).contains("E090"));
}

#[test]
fn few_responses_warn_once_per_metric() {
    let project = fixture("good/research");
    let run = Run::new(&["check", "--format", "json"]).source(project.path()).go();
    let lines = harness::json_diagnostics(&run.stdout);
    assert!(
        lines.contains(
            "W030 warning content/journeys/shop.yaml:4:3 `nps` of journey `shop` rests on 20 responses in 2026-02"
        ),
        "{lines}"
    );
    assert_eq!(lines.matches("`nps` of journey").count(), 1);
    assert!(!lines.contains("`csat` of journey"), "40 responses are enough: {lines}");
}

fn histogram(counts: &[(usize, u64)]) -> [u64; 11] {
    let mut h = [0; 11];
    for (score, n) in counts {
        h[*score] += n;
    }
    h
}

fn kinds() -> impl Strategy<Value = Kind> {
    prop_oneof![Just(Kind::Nps), Just(Kind::Csat), Just(Kind::Ces)]
}

/// A histogram on the kind's scale with at least two responses.
fn responses(kind: Kind) -> impl Strategy<Value = [u64; 11]> {
    let (low, high) = kind.scale();
    prop::collection::vec((low as usize..=high as usize, 1u64..50), 2..8).prop_map(|c| histogram(&c))
}

proptest! {
    #[test]
    fn the_interval_holds_the_value((kind, h) in kinds().prop_flat_map(|k| (Just(k), responses(k)))) {
        let e = stats::estimate(kind, &h).unwrap();
        if let Some((lo, hi)) = e.interval {
            prop_assert!(lo <= e.value + 1e-12 && e.value <= hi + 1e-12, "{lo} {} {hi}", e.value);
        }
    }

    #[test]
    fn fewer_responses_widen_the_interval((kind, h) in kinds().prop_flat_map(|k| (Just(k), responses(k))), k in 2u64..6) {
        // The same shares from k times as many responses: a narrower interval.
        let more: [u64; 11] = h.map(|c| c * k);
        let (few, many) = (stats::estimate(kind, &h).unwrap(), stats::estimate(kind, &more).unwrap());
        if let (Some((a, b)), Some((c, d))) = (few.interval, many.interval) {
            prop_assert!(d - c <= b - a, "{} responses: {}; {}: {}", few.n, b - a, many.n, d - c);
        }
    }

    #[test]
    fn significance_is_symmetric((kind, h1, h2) in kinds().prop_flat_map(|k| (Just(k), responses(k), responses(k)))) {
        let (a, b): (Estimate, Estimate) = (stats::estimate(kind, &h1).unwrap(), stats::estimate(kind, &h2).unwrap());
        prop_assert_eq!(stats::significant(kind, &a, &b), stats::significant(kind, &b, &a));
    }
}

#[test]
fn the_journey_page_shows_margins_bands_touchpoints_personas_and_retention() {
    let project = fixture("good/research");
    let out = project.path().join("site");
    let run = Run::new(&["build", "--output", out.to_str().unwrap()]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = std::fs::read_to_string(out.join("journeys/shop/index.html")).unwrap();
    let html = scraper::Html::parse_document(&page);
    let text = |selector: &str| -> Vec<String> {
        let s = scraper::Selector::parse(selector).unwrap();
        html.select(&s)
            .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    // NPS 80 ± 1.96 × 8.94 = ± 17.5, from 20 responses.
    assert!(text(".kpi-ci").contains(&"± 17.5 · n = 20".to_string()), "{:?}", text(".kpi-ci"));
    let count = |selector: &str| html.select(&scraper::Selector::parse(selector).unwrap()).count();
    assert!(count("svg.chart path.band") > 0, "the trend shows the interval as a band");
    assert!(count("svg.chart circle.significant") > 0, "and rings the significant change");
    // Busy buyer in January: 10, 9, 9, 8 and 5, so NPS (3 − 1) / 5 = 40 from 5 responses.
    let rows = text("section:has(#surveyed-heading) tbody tr");
    assert!(
        rows.iter()
            .any(|r| r.starts_with("Busy buyer · persona Net Promoter Score 40 ± ") && r.ends_with(" 5 2026-01")),
        "{rows:?}"
    );
    assert!(rows.iter().any(|r| r == "Home page · touchpoint Net Promoter Score 100 1 2026-01"), "{rows:?}");
    assert!(page.contains("id=\"retention-shop\""), "the retention chart");
    let convert = text("section:has(#convert-heading) tbody tr");
    assert_eq!(convert[1], "Checkout 3 1 h 2 d 9 h");
}
