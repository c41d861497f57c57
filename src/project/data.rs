//! Metric observations from `content/data/*.csv` (SPEC §5): each row adds a series point.

use std::path::Path;

use crate::diagnostic::{Diagnostic, Diagnostics, Pos, Span};
use crate::metrics::catalogue::Catalogue;
use crate::metrics::period::Period;
use crate::model::{reference, Journey, Markdown, MetricInput, SeriesPoint};
use crate::project::fields::Spanned;
use crate::project::metrics::{parse_number, period_error};
use crate::project::{read_text, relative, walk};

/// The header every observations file has, in this order.
pub const HEADER: [&str; 5] = ["journey", "stage", "metric", "period", "value"];

/// Reads every CSV file and adds its rows to the journeys' metric series. Returns each
/// file's path and text, so diagnostics can show the row they are about. Files in `raw`
/// (survey responses and event logs, SPEC §11) are not observations and are left alone.
pub fn load(
    root: &Path,
    journeys: &mut [Journey],
    catalogue: &Catalogue,
    max_mib: u64,
    raw: &[String],
    diagnostics: &mut Diagnostics,
) -> Vec<(String, String)> {
    let mut sources = Vec::new();
    for path in walk(root, "content/data", diagnostics) {
        if path.extension().and_then(|e| e.to_str()) != Some("csv") {
            continue;
        }
        let file = relative(root, &path);
        if raw.contains(&file) {
            continue;
        }
        if let Some(text) = read_text(root, &path, max_mib, diagnostics) {
            read(&text, &file, journeys, catalogue, diagnostics);
            sources.push((file, text));
        }
    }
    sources
}

/// Reads one CSV text, reporting each bad row at its line and going on.
pub fn read(text: &str, file: &str, journeys: &mut [Journey], catalogue: &Catalogue, diagnostics: &mut Diagnostics) {
    let by_id: std::collections::HashMap<String, usize> =
        journeys.iter().enumerate().map(|(i, j)| (j.id.clone(), i)).collect();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    match reader.headers() {
        Ok(header) => {
            let names: Vec<&str> = header.iter().map(str::trim).collect();
            if names != HEADER {
                diagnostics.push(
                    Diagnostic::error("E068", file, Pos::new(1, 1), format!("the header is `{}`", names.join(",")))
                        .with_help(format!("an observations file starts with `{}`", HEADER.join(","))),
                );
                return;
            }
        }
        Err(e) => {
            diagnostics.push(Diagnostic::error(
                "E068",
                file,
                Pos::new(1, 1),
                format!("cannot read the CSV header: {e}"),
            ));
            return;
        }
    }
    let mut lines = crate::project::rows::Lines::new(text);
    // One record and one list of spans, reused for every row; each point shares the file name.
    let (mut record, mut spans) = (csv::StringRecord::new(), Vec::new());
    let shared: std::sync::Arc<str> = file.into();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(1, |p| lines.record(p.byte()).1);
                diagnostics.push(Diagnostic::error(
                    "E068",
                    file,
                    Pos::new(line, 1),
                    format!("cannot read this row: {e}"),
                ));
                continue;
            }
        };
        // The reader's own line count runs one behind after a `\r\n`; count from the byte.
        let (start, line) = record.position().map_or((0, 1), |p| lines.record(p.byte()));
        if record.len() != HEADER.len() {
            diagnostics.push(Diagnostic::error(
                "E068",
                file,
                Pos::new(line, 1),
                format!("this row has {} fields; an observation has 5 ({})", record.len(), HEADER.join(",")),
            ));
            continue;
        }
        field_spans(line_at(text, start), line, &mut spans);
        let field = |index: usize| record[index].trim();
        let span = |index: usize| spans.get(index).copied().unwrap_or(Span::from(Pos::new(line, 1)));
        let at = |index: usize| span(index).start;
        let Some(&j) = by_id.get(field(0)) else {
            let ids: Vec<&str> = journeys.iter().map(|j| j.id.as_str()).collect();
            diagnostics.push(
                Diagnostic::error("E041", file, span(0), format!("unknown journey `{}`", field(0)))
                    .suggest(field(0), ids),
            );
            continue;
        };
        let journey = &mut journeys[j];
        let metrics = if field(1).is_empty() {
            &mut journey.metric_inputs
        } else {
            let stage = reference::stage(journey, field(1), file, span(1)).map(|s| s.id.clone());
            match stage {
                Ok(id) => match journey.stages.iter_mut().find(|s| s.id == id) {
                    Some(stage) => &mut stage.metric_inputs,
                    None => continue,
                },
                Err(d) => {
                    diagnostics.push(d);
                    continue;
                }
            }
        };
        let metric = field(2);
        if catalogue.get(metric).is_none() {
            diagnostics.push(catalogue.unknown(metric, file, span(2)));
            continue;
        }
        let Some(period) = Period::parse(field(3)) else {
            diagnostics.push(period_error(file, span(3), field(3)));
            continue;
        };
        let Some(value) = parse_number(field(4)) else {
            let d = Diagnostic::error(
                "E022",
                file,
                span(4),
                format!("`{}` is not a number or a percentage such as \"3.1%\"", field(4)),
            );
            match crate::project::yaml::number_help(field(4)) {
                Some(help) => diagnostics.push(d.with_help(help)),
                None => diagnostics.push(d),
            }
            continue;
        };
        let point =
            SeriesPoint { period, value: Spanned { value, pos: at(4), end: span(4).end }, file: shared.clone() };
        match metrics.iter_mut().find(|m| m.id == metric) {
            Some(m) => m.series.push(point),
            None => metrics.push(MetricInput {
                id: metric.to_string(),
                pos: at(2),
                file: file.to_string(),
                value: None,
                inputs: Vec::new(),
                target: None,
                series: vec![point],
                note: Markdown::default(),
            }),
        }
    }
}

/// The text of the line that starts at byte `start`.
fn line_at(text: &str, start: usize) -> &str {
    let rest = text.get(start..).unwrap_or_default();
    rest.lines().next().unwrap_or_default()
}

/// Where each field's value stands on a CSV line, into `spans`: inside its quotes, without
/// blanks around it. Quotes and commas are ASCII, so the line is cut by its bytes; columns
/// count characters, each found from the one before.
fn field_spans(line_text: &str, line: u32, spans: &mut Vec<Span>) {
    spans.clear();
    let bytes = line_text.as_bytes();
    let (mut counted, mut chars) = (0, 0u32);
    let mut column = |byte: usize| {
        chars += line_text[counted..byte].chars().count() as u32;
        counted = byte;
        chars + 1
    };
    let mut i = 0;
    loop {
        let (start, end);
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            start = i;
            while i < bytes.len() && !(bytes[i] == b'"' && bytes.get(i + 1) != Some(&b'"')) {
                i += if bytes[i] == b'"' { 2 } else { 1 };
            }
            end = i.min(bytes.len());
            while i < bytes.len() && bytes[i] != b',' {
                i += 1;
            }
        } else {
            start = i;
            while i < bytes.len() && bytes[i] != b',' {
                i += 1;
            }
            end = i;
        }
        let field = &line_text[start..end];
        let from = start + (field.len() - field.trim_start().len());
        let to = from + field.trim().len();
        spans.push(Span::new(Pos::new(line, column(from)), Pos::new(line, column(to))));
        if i >= bytes.len() {
            return;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_spans_skip_quotes_and_blanks() {
        let cols = |line: &str| -> Vec<(u32, u32)> {
            let mut spans = Vec::new();
            field_spans(line, 3, &mut spans);
            spans.iter().map(|s| (s.start.column, s.end.column)).collect()
        };
        assert_eq!(cols("a, bc ,\"1,250\",\"x\"\"y\""), [(1, 2), (4, 6), (9, 14), (17, 21)]);
        assert_eq!(cols(""), [(1, 1)]);
        assert_eq!(cols("a,"), [(1, 2), (3, 3)]);
        // Columns count characters; a no-break space is a blank like any other.
        assert_eq!(cols("\u{e9},\u{fc} \u{a0},\"\u{e4}\""), [(1, 2), (3, 4), (8, 9)]);
    }
}
