//! The Markdown form of a diff report, for a pull-request comment or `$GITHUB_STEP_SUMMARY`.

use std::fmt::Write;

use super::report::{Change, JourneyChange, MetricState, Report};
use crate::model::action::Word;
use crate::route::Route;

/// The report as Markdown; stage and journey names link to their pages under `base_url`.
pub fn render(report: &Report, base_url: Option<&str>) -> String {
    let mut out = format!("## Customer journey changes: `{}` → {}\n\n", report.base, head_name(&report.head));
    if !report.changed {
        out.push_str("No changes for the customer.\n");
        return out;
    }
    if !report.regressions.is_empty() {
        let n = report.regressions.len();
        let _ = writeln!(out, "**{n} regression{}** for the customer.\n", if n == 1 { "" } else { "s" });
    }
    let links = Links { base: base_url.map(|b| format!("{}/", b.trim_end_matches('/'))) };
    for journey in &report.journeys {
        journey_section(&mut out, journey, &links);
    }
    let notes = &report.notes;
    if !notes.added.is_empty() || !notes.removed.is_empty() {
        out.push_str("### Notes about no journey\n\n| Change | Note |\n|---|---|\n");
        notes.added.iter().for_each(|n| row(&mut out, &["Added", &note(&n.title, &n.id, &links)]));
        notes.removed.iter().for_each(|n| row(&mut out, &["Removed", &cell(&n.title)]));
        out.push('\n');
    }
    out
}

fn head_name(head: &str) -> String {
    if head == "working tree" {
        head.to_string()
    } else {
        format!("`{head}`")
    }
}

/// Where the built pages are, when known.
struct Links {
    base: Option<String>,
}

impl Links {
    fn to(&self, text: &str, path: &str) -> String {
        match &self.base {
            Some(base) => format!("[{}]({base}{path})", cell(text)),
            None => cell(text),
        }
    }
}

/// A signed change with an arrow: `▲ +0.5`, `▼ −1.0`.
pub fn signed(change: f64) -> String {
    if change > 0.0 {
        format!("▲ +{change:.1}")
    } else if change < 0.0 {
        format!("▼ −{:.1}", -change)
    } else {
        "0.0".to_string()
    }
}

fn journey_section(out: &mut String, j: &JourneyChange, links: &Links) {
    let title =
        if j.change == Change::Removed { cell(&j.title) } else { links.to(&j.title, &Route::Journey(&j.id).dir()) };
    let _ = writeln!(out, "### {title}\n\n{}\n", headline(j));
    let stage = |id: &str| links.to(j.stage_name(id), &Route::Stage(&j.id, id).dir());
    let code = |id: &str| format!("`{}`", id.replace('`', ""));
    let mut rows: Vec<[String; 3]> = Vec::new();
    let mut add = |what: &str, at: String, text: String| rows.push([what.to_string(), at, text]);
    if let Some(before) = &j.renamed_from {
        add("Journey renamed", String::new(), format!("{} → {}", cell(before), cell(&j.title)));
    }
    j.stages.added.iter().for_each(|s| add("Stage added", stage(&s.id), code(&s.id)));
    j.stages.removed.iter().for_each(|s| add("Stage removed", cell(&s.name), code(&s.id)));
    j.stages
        .renamed
        .iter()
        .for_each(|s| add("Stage renamed", stage(&s.id), format!("{} → {}", cell(&s.from), cell(&s.to))));
    j.touchpoints.added.iter().for_each(|t| add("Touchpoint added", stage(&t.stage), cell(&t.name)));
    j.touchpoints.removed.iter().for_each(|t| add("Touchpoint removed", stage(&t.stage), cell(&t.name)));
    let p = &j.pain_points;
    p.added
        .iter()
        .for_each(|x| add("Pain point added", stage(&x.stage), format!("{} ({})", cell(&x.text), x.severity)));
    p.resolved.iter().for_each(|x| add("Pain point resolved", stage(&x.stage), cell(&x.text)));
    p.changed.iter().for_each(|x| add("Pain point changed", stage(&x.stage), level(&x.text, x.field, x.from, x.to)));
    let o = &j.opportunities;
    o.added.iter().for_each(|x| add("Opportunity added", stage(&x.stage), cell(&x.text)));
    o.removed.iter().for_each(|x| add("Opportunity removed", stage(&x.stage), cell(&x.text)));
    o.changed.iter().for_each(|x| add("Opportunity changed", stage(&x.stage), level(&x.text, x.field, x.from, x.to)));
    j.notes.added.iter().for_each(|n| add("Note added", String::new(), note(&n.title, &n.id, links)));
    j.notes.removed.iter().for_each(|n| add("Note removed", String::new(), cell(&n.title)));
    if !rows.is_empty() {
        out.push_str("| Change | Stage | What |\n|---|---|---|\n");
        rows.iter().for_each(|r| row(out, &[&r[0], &r[1], &r[2]]));
        out.push('\n');
    }
    emotions(out, j, &stage);
    metrics(out, j, &stage);
}

fn level(text: &str, field: &str, from: &str, to: &str) -> String {
    format!("{}: {field} {from} → {to}", cell(text))
}

fn note(title: &str, id: &str, links: &Links) -> String {
    links.to(title, &Route::Note(id).dir())
}

/// One line that says how big the change is.
fn headline(j: &JourneyChange) -> String {
    match j.change {
        Change::Added => return "New journey.".to_string(),
        Change::Removed => return "Journey removed.".to_string(),
        Change::Changed => {}
    }
    let mut parts = Vec::new();
    let mut count = |n: usize, what: &str| {
        if n > 0 {
            parts.push(format!("{n} {what}{}", if n == 1 { "" } else { "s" }));
        }
    };
    count(j.stages.added.len() + j.stages.removed.len() + j.stages.renamed.len(), "stage change");
    count(j.touchpoints.added.len() + j.touchpoints.removed.len(), "touchpoint change");
    count(j.emotions.len(), "emotion change");
    let p = &j.pain_points;
    count(p.added.len() + p.resolved.len() + p.changed.len(), "pain point change");
    let o = &j.opportunities;
    count(o.added.len() + o.removed.len() + o.changed.len(), "opportunity change");
    count(j.metrics.len(), "metric change");
    count(j.notes.added.len() + j.notes.removed.len(), "note change");
    let worse = j.metrics.iter().filter(|m| m.worse).count();
    let line = parts.join(", ");
    if worse > 0 {
        format!("{line}; **{worse} metric{} worse**.", if worse == 1 { "" } else { "s" })
    } else {
        format!("{line}.")
    }
}

fn emotions(out: &mut String, j: &JourneyChange, stage: &dyn Fn(&str) -> String) {
    if j.emotions.is_empty() {
        return;
    }
    out.push_str("| Emotion | Before | After | Change |\n|---|---|---|---|\n");
    for e in &j.emotions {
        let score = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"));
        let change = e.change.map(signed).unwrap_or_default();
        // The fall from which `--fail-on regression` fails stands out.
        let change = if super::compare::falls(e) { format!("**{change}**") } else { change };
        row(out, &[&stage(&e.stage), &score(e.from), &score(e.to), &change]);
    }
    out.push('\n');
}

fn metrics(out: &mut String, j: &JourneyChange, stage: &dyn Fn(&str) -> String) {
    if j.metrics.is_empty() {
        return;
    }
    out.push_str("| Metric | Stage | Before | After | Status |\n|---|---|---|---|---|\n");
    for m in &j.metrics {
        let at = m.stage.as_deref().map_or_else(|| "whole journey".to_string(), stage);
        let value = |s: &Option<MetricState>| s.as_ref().map_or_else(|| "—".to_string(), |s| cell(&s.display));
        let status = |s: &Option<MetricState>| {
            s.as_ref().and_then(|s| s.status).map_or("—".to_string(), |s| s.as_str().replace('_', " "))
        };
        let moved = if status(&m.from) == status(&m.to) {
            status(&m.to)
        } else {
            format!("{} → {}", status(&m.from), status(&m.to))
        };
        let moved = if m.worse { format!("**{moved}** ▼") } else { moved };
        row(out, &[&cell(&m.name), &at, &value(&m.from), &value(&m.to), &moved]);
    }
    out.push('\n');
}

/// Text safe inside a table cell: no pipes or line breaks, and no HTML.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|").replace('<', "&lt;").replace('>', "&gt;").replace(['\n', '\r'], " ")
}

fn row(out: &mut String, cells: &[&str]) {
    let _ = writeln!(out, "| {} |", cells.join(" | "));
}
