//! Charts at every size of real input: valid SVG, no NaN or infinite coordinates, accessible,
//! deterministic; snapshots of representative cases.

use journeybook::charts::{channels, emotion, funnel, trend, wheel};
use journeybook::diagnostic::Diagnostics;
use journeybook::metrics::catalogue::Catalogue;
use journeybook::metrics::compute::{self, Settings};
use journeybook::model::Journey;
use journeybook::project::journey;

fn load(yaml: &str) -> Journey {
    let mut d = Diagnostics::default();
    let j = journey::parse(yaml, "content/journeys/t.yaml", "t", &mut d).expect("journey parses");
    assert!(!d.has_errors(), "{:?}", d.sorted());
    j
}

/// A journey of `n` stages named by `name(i)`, emotions by `emotion(i)`, counts by `entered(i)`.
fn journey_of(
    n: usize,
    name: impl Fn(usize) -> String,
    emotion: impl Fn(usize) -> f64,
    entered: impl Fn(usize) -> u64,
) -> Journey {
    let mut yaml = String::from("title: \"Test <journey> & co\"\nstages:\n");
    for i in 0..n {
        yaml.push_str(&format!(
            "  - name: '{}'\n    emotion: {}\n    entered: {}\n    pain_points: [Slow]\n    touchpoints:\n      - {{name: A, channel: web, emotion: {}}}\n      - {{name: B, channel: \"e-mail 📧\", emotion: 1}}\n",
            name(i).replace('\'', "''"),
            emotion(i),
            entered(i),
            emotion(i)
        ));
    }
    load(&yaml)
}

fn assert_sound(svg: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("invalid SVG: {e}\n{svg}"));
    let root = doc.root_element();
    assert!(
        matches!(root.attribute("role"), Some("img" | "group")),
        "charts are images, or groups when their parts are links"
    );
    assert!(root.children().any(|c| c.has_tag_name("title")), "has <title>");
    assert!(root.children().any(|c| c.has_tag_name("desc")), "has <desc>");
    for bad in ["NaN", "inf", "<script", "<journey>"] {
        assert!(!svg.contains(bad), "{bad} in {svg}");
    }
}

fn all_charts(j: &Journey) -> Vec<String> {
    let mut out = vec![wheel::chart(j, "/")];
    out.extend(emotion::chart(j, None));
    out.extend(funnel::chart(j));
    out.extend(channels::chart(j));
    out
}

#[test]
fn one_stage() {
    let j = journey_of(1, |_| "Only".into(), |_| 3.0, |_| 10);
    let charts = all_charts(&j);
    assert_eq!(charts.len(), 4);
    charts.iter().for_each(|c| assert_sound(c));
}

#[test]
fn forty_stages_with_long_labels() {
    let j = journey_of(
        40,
        |i| format!("Stage {i} with a label that runs to sixty characters, really"),
        |i| 1.0 + (i % 5) as f64,
        |i| 100_000 - i as u64 * 2000,
    );
    for c in all_charts(&j) {
        assert_sound(&c);
        assert!(
            c.contains("Stage 3 with a label that runs to sixty characters, really"),
            "the full label is kept, as a tooltip where it is cut"
        );
    }
    for c in [emotion::chart(&j, None), funnel::chart(&j), channels::chart(&j)].into_iter().flatten() {
        assert!(c.contains("…"), "long labels are cut");
    }
}

#[test]
fn thai_and_emoji_labels() {
    let j = journey_of(3, |i| ["การรับรู้", "✈️ 🚀 travel", "ลูกค้า 😀"][i].into(), |_| 4.0, |_| 5);
    for c in all_charts(&j) {
        assert_sound(&c);
    }
    let e = emotion::chart(&j, None).unwrap();
    assert!(e.contains("การรับรู้"));
}

#[test]
fn equal_values_and_zeros() {
    let j = journey_of(4, |i| format!("S{i}"), |_| 3.0, |_| 0);
    for c in all_charts(&j) {
        assert_sound(&c);
    }
    let e = emotion::chart(&j, None).unwrap();
    assert!(!e.contains(">High<") && !e.contains(">Low<"), "no high or low when all are equal");
}

#[test]
fn charts_need_data() {
    let j = load("title: T\nstages:\n  - name: A\n  - name: B\n");
    assert!(emotion::chart(&j, None).is_none());
    assert!(funnel::chart(&j).is_none());
    assert!(channels::chart(&j).is_none());
    assert_sound(&wheel::chart(&j, "/"));
}

#[test]
fn wheel_sectors_link_to_stage_pages_under_the_base() {
    let j = journey_of(3, |i| format!("S{i}"), |_| 3.0, |_| 1);
    let svg = wheel::chart(&j, "/pb/");
    assert_eq!(svg.matches("<a href=\"/pb/journeys/t/s").count(), 3);
}

#[test]
fn sparklines_and_trends_stay_finite() {
    let yaml = "title: T\nmetrics:\n  csat:\n    target: 0.8\n    series:\n      - {period: 2026-01, value: 0.8}\n      - {period: 2026-02, value: 0.8}\n  nps:\n    series:\n      - {period: 2026, value: 0}\n      - {period: 2027, value: 0}\nstages:\n  - name: A\n";
    let mut j = load(yaml);
    let catalogue = Catalogue::new(&[]);
    let settings = Settings { catalogue: &catalogue, currency: "USD", at_risk_band: 0.1 };
    let mut d = Diagnostics::default();
    let metrics: Vec<_> = j.metric_inputs.iter().filter_map(|m| compute::metric(m, &settings, &mut d)).collect();
    j.metrics = metrics;
    for m in &j.metrics {
        assert_sound(&trend::sparkline(m, "s").unwrap());
        assert_sound(&trend::chart(m, "t").unwrap());
    }
}

#[test]
fn charts_are_deterministic() {
    let make = || journey_of(7, |i| format!("Stage {i}"), |i| 1.0 + (i as f64 * 0.7) % 4.0, |i| 1000 / (i as u64 + 1));
    assert_eq!(all_charts(&make()), all_charts(&make()));
}

#[test]
fn snapshot_emotion_curve_with_comparison() {
    let current = journey_of(
        4,
        |i| ["Awareness", "Trial", "Onboarding", "Renewal"][i].into(),
        |i| [3.0, 2.0, 2.5, 4.0][i],
        |i| [1000, 400, 300, 250][i],
    );
    let mut future = journey_of(
        4,
        |i| ["Awareness", "Trial", "Onboarding", "Renewal"][i].into(),
        |i| [3.5, 4.0, 4.0, 4.5][i],
        |_| 1,
    );
    future.title = "Target".into();
    insta::assert_snapshot!(emotion::chart(&current, Some(&future)).unwrap());
}

#[test]
fn snapshot_funnel() {
    let j = journey_of(
        4,
        |i| ["Visit", "Sign up", "Order", "Reorder"][i].into(),
        |_| 3.0,
        |i| [48000, 21000, 15500, 8900][i],
    );
    insta::assert_snapshot!(funnel::chart(&j).unwrap());
}

#[test]
fn snapshot_wheel() {
    let j = journey_of(5, |i| format!("Stage {}", i + 1), |i| 1.0 + i as f64, |_| 1);
    insta::assert_snapshot!(wheel::chart(&j, "/"));
}
