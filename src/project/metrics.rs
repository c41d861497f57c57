//! Reading a `metrics:` mapping (SPEC §5) as written; values are worked out by `crate::metrics`.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::metrics::period::Period;
use crate::model::{Markdown, MetricInput, Number, SeriesPoint};
use crate::project::config::is_metric_id;
use crate::project::fields::{Fields, Spanned};
use crate::project::yaml::Node;

/// Keys of a metric written as a mapping.
pub const METRIC_KEYS: &[&str] = &["value", "inputs", "target", "series", "note"];
/// Keys of one series point.
pub const POINT_KEYS: &[&str] = &["period", "value"];

/// Reads every metric of a `metrics:` mapping.
pub fn read(node: &Node, file: &str, diagnostics: &mut Diagnostics) -> Vec<MetricInput> {
    let Some(entries) = node.as_map() else {
        diagnostics.push(node.wrong_type(file, "metrics", "a mapping of metric ids to values"));
        return Vec::new();
    };
    let mut out = Vec::with_capacity(entries.len());
    for (key, value) in entries {
        let id = key.as_text().unwrap_or_default();
        if !is_metric_id(id) {
            diagnostics.push(
                Diagnostic::error("E061", file, key.span(), format!("`{id}` is not a metric id"))
                    .with_help("metric ids are a-z, 0-9 and _, such as `conversion_rate`"),
            );
            continue;
        }
        let mut metric = MetricInput {
            id: id.to_string(),
            pos: key.pos,
            file: file.to_string(),
            value: None,
            inputs: Vec::new(),
            target: None,
            series: Vec::new(),
            note: Markdown::default(),
        };
        if value.as_map().is_none() {
            metric.value = number(value, id, file, diagnostics);
            out.push(metric);
            continue;
        }
        let Some(mut f) = Fields::new(value, file, "a metric", METRIC_KEYS, diagnostics) else { continue };
        if let Some(v) = f.get("value") {
            metric.value = number(v, "value", file, f.diagnostics);
        }
        if let Some(t) = f.get("target") {
            metric.target = number(t, "target", file, f.diagnostics);
        }
        if let Some(inputs) = f.get("inputs") {
            metric.inputs = read_inputs(inputs, file, f.diagnostics);
        }
        if let Some(series) = f.get("series") {
            metric.series = read_series(series, file, f.diagnostics);
        }
        if let Some(note) = f.string("note") {
            metric.note = Markdown::new(note.value, note.pos);
        }
        f.finish();
        out.push(metric);
    }
    out
}

/// A number, or a percentage string such as `"3.1%"`.
pub fn parse_number(text: &str) -> Option<Number> {
    let t = text.trim();
    if let Some(p) = t.strip_suffix('%') {
        let v: f64 = p.trim().parse().ok()?;
        return v.is_finite().then_some(Number { value: v / 100.0, percent: true });
    }
    let v: f64 = t.parse().ok()?;
    v.is_finite().then_some(Number { value: v, percent: false })
}

fn number(node: &Node, key: &str, file: &str, diagnostics: &mut Diagnostics) -> Option<Spanned<Number>> {
    let parsed = node.as_text().filter(|_| node.as_map().is_none()).and_then(parse_number);
    if parsed.is_none() {
        diagnostics.push(node.wrong_type(file, key, "a number or a percentage such as \"3.1%\""));
    }
    parsed.map(|n| Spanned::of(n, node))
}

fn read_inputs(node: &Node, file: &str, diagnostics: &mut Diagnostics) -> Vec<(String, Spanned<f64>)> {
    let Some(entries) = node.as_map() else {
        diagnostics.push(node.wrong_type(file, "inputs", "a mapping of names to counts"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in entries {
        let name = key.as_text().unwrap_or_default().to_string();
        let Some(n) = number(value, &name, file, diagnostics) else { continue };
        if n.value.value < 0.0 {
            // Kept, so the metric is not also reported as lacking this input.
            diagnostics.push(Diagnostic::error(
                "E064",
                file,
                value.span(),
                format!("input `{name}` is negative ({})", n.value.value),
            ));
        }
        out.push((name, Spanned { value: n.value.value, pos: n.pos, end: n.end }));
    }
    out
}

fn read_series(node: &Node, file: &str, diagnostics: &mut Diagnostics) -> Vec<SeriesPoint> {
    let Some(items) = node.as_seq() else {
        diagnostics.push(node.wrong_type(file, "series", "a list of {period, value}"));
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items {
        let Some(mut f) = Fields::new(item, file, "a series point", POINT_KEYS, diagnostics) else { continue };
        let period = f.get("period").map(|p| (p.as_text().unwrap_or_default().to_string(), p.span()));
        let value = f.get("value");
        if period.is_none() || value.is_none() {
            let pos = f.pos();
            f.error("E021", pos, "a series point needs `period` and `value`");
        }
        let value = value.and_then(|v| number(v, "value", file, f.diagnostics));
        f.finish();
        let (Some((text, pos)), Some(value)) = (period, value) else { continue };
        let Some(period) = Period::parse(&text) else {
            diagnostics.push(period_error(file, pos, &text));
            continue;
        };
        out.push(SeriesPoint { period, value, file: file.into() });
    }
    out
}

/// The error for a period that none of the five forms matches.
pub fn period_error(file: &str, at: impl Into<crate::diagnostic::Span>, text: &str) -> Diagnostic {
    Diagnostic::error("E067", file, at, format!("`{text}` is not a period"))
        .with_help("write YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn or YYYY-Wnn (ISO week)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_strings_round_trip() {
        for tenths in 0..=1000 {
            let fraction = tenths as f64 / 1000.0;
            let text = format!("{}%", fraction * 100.0);
            let n = parse_number(&text).unwrap();
            assert!(n.percent);
            assert!((n.value - fraction).abs() < 1e-12, "{text}");
        }
        assert_eq!(parse_number("0.031"), Some(Number { value: 0.031, percent: false }));
        assert_eq!(parse_number("3.1 %").map(|n| n.percent), Some(true));
        assert_eq!(parse_number("abc%"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number("inf"), None);
    }
}
