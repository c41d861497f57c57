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
    out.extend(funnel::narrow(j));
    out.extend(channels::chart(j));
    out.extend(channels::narrow(j));
    out
}

#[test]
fn one_stage() {
    let j = journey_of(1, |_| "Only".into(), |_| 3.0, |_| 10);
    let charts = all_charts(&j);
    assert_eq!(charts.len(), 6);
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
    let cut =
        [emotion::chart(&j, None), funnel::chart(&j), funnel::narrow(&j), channels::chart(&j), channels::narrow(&j)];
    for c in cut.into_iter().flatten() {
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
    assert!(funnel::chart(&j).is_none() && funnel::narrow(&j).is_none());
    assert!(channels::chart(&j).is_none() && channels::narrow(&j).is_none());
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
    let settings = Settings { catalogue: &catalogue, currency: "USD", at_risk_band: 0.1, points_shown: true };
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

/// The journey-level metrics of `yaml`, computed with `currency`.
fn metrics_of(yaml: &str, currency: &str) -> Vec<journeybook::model::Metric> {
    let j = load(yaml);
    let catalogue = Catalogue::new(&[]);
    let settings = Settings { catalogue: &catalogue, currency, at_risk_band: 0.1, points_shown: true };
    let mut d = Diagnostics::default();
    j.metric_inputs.iter().filter_map(|m| compute::metric(m, &settings, &mut d)).collect()
}

/// `yaml` for a journey with one metric of nine monthly points and a target.
fn nine_months(metric: &str, target: &str, values: &[f64]) -> String {
    let mut yaml = format!("title: T\nmetrics:\n  {metric}:\n    target: {target}\n    series:\n");
    for (i, v) in values.iter().enumerate() {
        yaml.push_str(&format!("      - {{period: 2026-{:02}, value: {v}}}\n", i + 1));
    }
    yaml + "stages:\n  - name: A\n"
}

/// Numbers of `attr` on every element named `tag`.
fn numbers(svg: &str, tag: &str, attr: &str) -> Vec<f64> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants().filter(|n| n.has_tag_name(tag)).filter_map(|n| n.attribute(attr)?.parse().ok()).collect()
}

fn texts(svg: &str, class: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("class") == Some(class))
        .map(|n| n.children().filter(|c| c.is_text()).map(|c| c.text().unwrap_or_default()).collect())
        .collect()
}

#[test]
fn trend_charts_show_every_point_inside_the_drawing_with_round_ticks_in_the_unit() {
    let cases = [
        (
            "nps",
            "40",
            vec![-6.8, 2.5, 8.1, 12.4, 19.9, 24.2, 28.7, 31.0, 34.8],
            "THB",
            vec!["−10", "0", "10", "20", "30", "40"],
        ),
        (
            "aov",
            "160",
            vec![148.2, 151.9, 150.4, 153.7, 152.1, 154.5, 156.0, 155.2, 158.9],
            "THB",
            vec!["฿145", "฿150", "฿155", "฿160"],
        ),
        (
            "session_duration",
            "120",
            vec![74.0, 82.0, 95.0, 101.0, 118.0, 126.0, 133.0, 149.0, 185.0],
            "USD",
            vec!["1m", "1m 30s", "2m", "2m 30s", "3m", "3m 30s"],
        ),
        (
            "churn_rate",
            "0.08",
            vec![0.124, 0.118, 0.121, 0.109, 0.102, 0.097, 0.091, 0.088, 0.0884],
            "USD",
            vec!["8%", "9%", "10%", "11%", "12%", "13%"],
        ),
    ];
    for (id, target, values, currency, ticks) in cases {
        let metrics = metrics_of(&nine_months(id, target, &values), currency);
        let svg = trend::chart(&metrics[0], "t").unwrap();
        assert_sound(&svg);
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let view: Vec<f64> =
            doc.root_element().attribute("viewBox").unwrap().split(' ').map(|v| v.parse().unwrap()).collect();
        let (cx, cy) = (numbers(&svg, "circle", "cx"), numbers(&svg, "circle", "cy"));
        assert_eq!(cx.len(), 9, "{id}: a dot for every point");
        for (x, y) in cx.iter().zip(&cy) {
            assert!(
                *x - 4.0 >= 0.0 && *x + 4.0 <= view[2] && *y - 4.0 >= 0.0 && *y + 4.0 <= view[3],
                "{id}: point {x},{y} inside {view:?}"
            );
        }
        let axis = texts(&svg, "axis");
        assert_eq!(axis[..ticks.len()], ticks[..], "{id}: round ticks in the unit");
        let periods: Vec<&str> = axis[ticks.len()..].iter().map(String::as_str).collect();
        assert_eq!(periods.first(), Some(&"Jan"), "{id}");
        assert_eq!(periods.last(), Some(&"Sep"), "{id}: the newest period is labelled");
        assert!(periods.contains(&"2026"), "{id}: the year under the first month");
        let target = texts(&svg, "target");
        assert_eq!(target.len(), 1, "{id}: the target line is labelled");
        assert!(target[0].starts_with("Target "), "{}", target[0]);
        // Every label's anchor lies inside the drawing, so nothing hangs off its edges.
        for x in numbers(&svg, "text", "x") {
            assert!(x >= 0.0 && x <= view[2], "{id}: label at {x}");
        }
    }
}

#[test]
fn a_change_that_rounds_to_zero_is_neither_better_nor_worse() {
    let metrics = metrics_of(&nine_months("churn_rate", "0.08", &[0.09, 0.0884, 0.088]), "USD");
    let m = &metrics[0];
    assert_eq!(m.delta_display.as_deref(), Some("no change"));
    assert_eq!(m.delta_better, None, "not coloured as a change");
    let metrics = metrics_of(&nine_months("churn_rate", "0.08", &[0.09, 0.089, 0.088]), "USD");
    assert_eq!(metrics[0].delta_display.as_deref(), Some("−0.1 pts"));
    assert_eq!(metrics[0].delta_better, Some(true), "lower churn is better");
}

#[test]
fn snapshot_trend() {
    let metrics =
        metrics_of(&nine_months("aov", "160", &[148.2, 151.9, 150.4, 153.7, 152.1, 154.5, 156.0, 155.2, 158.9]), "THB");
    insta::assert_snapshot!(trend::chart(&metrics[0], "trend-t-aov").unwrap());
}
