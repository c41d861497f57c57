//! The readable text form of a diff report.

use std::fmt::Write;

use super::report::{JourneyChange, MetricChange, RegressionKind, Report};
use crate::model::action::Word;

/// The report as plain text, one change a line.
pub fn render(report: &Report) -> String {
    let mut out = format!("Changes from {} to {}\n", report.base, report.head);
    if !report.changed {
        out.push_str("No changes for the customer.\n");
        return out;
    }
    for journey in &report.journeys {
        journey_lines(&mut out, journey);
    }
    for n in &report.notes.added {
        let _ = writeln!(out, "  note added: {} ({})", n.title, n.id);
    }
    for n in &report.notes.removed {
        let _ = writeln!(out, "  note removed: {} ({})", n.title, n.id);
    }
    if !report.regressions.is_empty() {
        let n = report.regressions.len();
        let _ = writeln!(out, "\n{n} regression{}:", if n == 1 { "" } else { "s" });
    }
    for r in &report.regressions {
        let place = [Some(&r.journey), r.stage.as_ref(), r.metric.as_ref()]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("/");
        let what = if r.kind == RegressionKind::Emotion { "emotion" } else { "status" };
        let _ = writeln!(out, "  {place}: {what} {} → {}", plain(&r.from), plain(&r.to));
    }
    out
}

fn journey_lines(out: &mut String, j: &JourneyChange) {
    let _ = writeln!(out, "\nJourney {} ({}): {}", j.title, j.id, j.change.as_str());
    let mut line = |text: String| {
        out.push_str("  ");
        out.push_str(&text);
        out.push('\n');
    };
    if let Some(before) = &j.renamed_from {
        line(format!("title: {before} → {}", j.title));
    }
    j.stages.added.iter().for_each(|s| line(format!("stage added: {} ({})", s.name, s.id)));
    j.stages.removed.iter().for_each(|s| line(format!("stage removed: {} ({})", s.name, s.id)));
    j.stages.renamed.iter().for_each(|s| line(format!("stage renamed: {} → {} ({})", s.from, s.to, s.id)));
    j.touchpoints.added.iter().for_each(|t| line(format!("touchpoint added: {}: {}", t.stage, t.name)));
    j.touchpoints.removed.iter().for_each(|t| line(format!("touchpoint removed: {}: {}", t.stage, t.name)));
    for e in &j.emotions {
        let change = e.change.map(|c| format!(" ({})", super::markdown::signed(c))).unwrap_or_default();
        line(format!("emotion: {}: {} → {}{change}", e.stage, score(e.from), score(e.to)));
    }
    let p = &j.pain_points;
    p.added.iter().for_each(|x| line(format!("pain point added: {}: {} ({})", x.stage, x.text, x.severity)));
    p.resolved.iter().for_each(|x| line(format!("pain point resolved: {}: {}", x.stage, x.text)));
    p.changed
        .iter()
        .for_each(|x| line(format!("pain point {}: {}: {} → {}: {}", x.field, x.stage, x.from, x.to, x.text)));
    let o = &j.opportunities;
    o.added.iter().for_each(|x| line(format!("opportunity added: {}: {}", x.stage, x.text)));
    o.removed.iter().for_each(|x| line(format!("opportunity removed: {}: {}", x.stage, x.text)));
    o.changed
        .iter()
        .for_each(|x| line(format!("opportunity {}: {}: {} → {}: {}", x.field, x.stage, x.from, x.to, x.text)));
    j.metrics.iter().for_each(|m| line(metric(m)));
    j.notes.added.iter().for_each(|n| line(format!("note added: {} ({})", n.title, n.id)));
    j.notes.removed.iter().for_each(|n| line(format!("note removed: {} ({})", n.title, n.id)));
}

fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "none".to_string(), |v| format!("{v:.1}"))
}

fn metric(m: &MetricChange) -> String {
    let place = m.stage.as_ref().map(|s| format!("{s}/")).unwrap_or_default();
    let side = |s: &Option<super::report::MetricState>| match s {
        Some(s) => {
            format!(
                "{}{}",
                s.display,
                s.status.map(|st| format!(" ({})", st.as_str().replace('_', " "))).unwrap_or_default()
            )
        }
        None => "none".to_string(),
    };
    let worse = if m.worse { " — worse" } else { "" };
    format!("metric {place}{}: {} → {}{worse}", m.id, side(&m.from), side(&m.to))
}

/// A JSON value as text: a status without its underscore, an emotion with one decimal.
fn plain(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.replace('_', " "),
        serde_json::Value::Number(n) => n.as_f64().map_or_else(|| n.to_string(), |v| format!("{v:.1}")),
        other => other.to_string(),
    }
}
