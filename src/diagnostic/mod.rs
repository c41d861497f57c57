//! One diagnostic type shared by every step of the pipeline, and its three output formats.
//!
//! Steps push into a [`Diagnostics`] collector and keep going; the build stops once, after
//! validation, with all of them.

pub mod codes;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::{Files, SimpleFile};
use codespan_reporting::term::{self, termcolor::Buffer};
use serde::Serialize;

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in a source file: 1-based line and column (columns count characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn new(line: u32, column: u32) -> Self {
        Pos { line, column }
    }
}

/// A stretch of a source file, from `start` up to `end` (exclusive), that a diagnostic
/// underlines. A bare [`Pos`] converts into an empty span, shown as the token at that place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub fn new(start: Pos, end: Pos) -> Self {
        Span { start, end }
    }
}

impl From<Pos> for Span {
    fn from(pos: Pos) -> Self {
        Span { start: pos, end: pos }
    }
}

/// One finding about the project, with its stable code and place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code: `E0xx` for content errors, `W0xx` for warnings. See the README.
    pub code: &'static str,
    pub message: String,
    /// Path relative to the project folder, with `/` separators.
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// Where the underlined value ends (exclusive), when it is known: editors can mark it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_column: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `at`: a place, or the whole span of the value it is about.
    pub fn error(code: &'static str, file: &str, at: impl Into<Span>, message: impl Into<String>) -> Self {
        let span = at.into();
        let end = (span.end > span.start).then_some(span.end);
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: file.to_string(),
            line: span.start.line,
            column: span.start.column,
            end_line: end.map(|e| e.line),
            end_column: end.map(|e| e.column),
            help: None,
        }
    }

    pub fn warning(code: &'static str, file: &str, at: impl Into<Span>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, file, at, message) }
    }

    fn end(&self) -> Option<Pos> {
        Some(Pos::new(self.end_line?, self.end_column?))
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds `help` only when no suggestion was found.
    pub fn with_default_help(self, help: impl Into<String>) -> Self {
        if self.help.is_some() {
            self
        } else {
            self.with_help(help)
        }
    }

    /// Adds "did you mean `x`?" when a close candidate exists.
    pub fn suggest<'a>(self, found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Self {
        match crate::suggest::nearest(found, candidates) {
            Some(best) => self.with_help(format!("did you mean `{best}`?")),
            None => self,
        }
    }
}

/// The collector every step writes into.
#[derive(Debug, Default)]
pub struct Diagnostics {
    list: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.list.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.list.extend(other.list);
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn error_count(&self) -> usize {
        self.list.iter().filter(|d| d.severity == Severity::Error).count()
    }

    pub fn warning_count(&self) -> usize {
        self.list.len() - self.error_count()
    }

    /// `--strict`: every warning becomes an error.
    pub fn promote_warnings(&mut self) {
        for d in &mut self.list {
            d.severity = Severity::Error;
        }
    }

    /// Diagnostics sorted by file, place and code, so output is stable whatever the order of work.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.list.iter().collect();
        all.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code, &a.message).cmp(&(&b.file, b.line, b.column, b.code, &b.message))
        });
        all.dedup();
        all
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.list.iter()
    }
}

/// How diagnostics are printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Readable text with the offending line shown.
    Human,
    /// One JSON object per line.
    Json,
    /// GitHub Actions workflow annotations.
    Github,
}

/// Writes every diagnostic in `format`; `sources` maps a file to its text for the snippets.
pub fn emit(
    out: &mut dyn Write,
    diagnostics: &Diagnostics,
    sources: &BTreeMap<String, String>,
    format: Format,
    color: bool,
) -> std::io::Result<()> {
    let sorted = diagnostics.sorted();
    match format {
        Format::Json => {
            for d in sorted {
                writeln!(out, "{}", serde_json::to_string(d).expect("diagnostics serialise"))?;
            }
        }
        Format::Github => {
            for d in sorted {
                let level = match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                let mut message = format!("{} [{}]", d.message, d.code);
                if let Some(help) = &d.help {
                    let _ = write!(message, " ({help})");
                }
                writeln!(
                    out,
                    "::{level} file={},line={},col={},title={}::{}",
                    github_property(&d.file),
                    d.line,
                    d.column,
                    d.code,
                    github_data(&message)
                )?;
            }
        }
        Format::Human => emit_human(out, &sorted, sources, color)?,
    }
    Ok(())
}

fn emit_human(
    out: &mut dyn Write,
    sorted: &[&Diagnostic],
    sources: &BTreeMap<String, String>,
    color: bool,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    // Each file shown is indexed once, on every core: a file with thousands of diagnostics
    // must not be rescanned from its start for each one, and a thousand files are many
    // megabytes to scan for line ends.
    let names: std::collections::BTreeSet<&str> =
        sorted.iter().filter(|d| d.line > 0).map(|d| d.file.as_str()).filter(|f| sources.contains_key(*f)).collect();
    let shown: BTreeMap<&str, SimpleFile<&str, &str>> =
        names.into_par_iter().map(|file| (file, SimpleFile::new(file, sources[file].as_str()))).collect();
    let config = term::Config::default();
    // A report shows one file at most; one without a file has nothing to look up.
    let none = SimpleFile::new("", "");
    // Each diagnostic is laid out on every core, and written in order.
    let laid_out: Vec<std::io::Result<Buffer>> = sorted
        .par_iter()
        .with_max_len(crate::cores::BATCH)
        .map(|d| {
            let file = shown.get(d.file.as_str()).filter(|_| d.line > 0);
            let report = match file {
                Some(file) => {
                    let line_start = file.line_range((), d.line as usize - 1).ok().map(|line| line.start);
                    let range = byte_range(file.source(), line_start, Pos::new(d.line, d.column), d.end());
                    Report::new(severity(d.severity)).with_labels(vec![Label::primary((), range)])
                }
                // No text to show (a template, say): the place is still given, as `file:line:column`.
                _ if d.line > 0 => {
                    Report::new(severity(d.severity)).with_notes(vec![format!("in {}:{}:{}", d.file, d.line, d.column)])
                }
                _ => Report::new(severity(d.severity)).with_notes(vec![format!("in {}", d.file)]),
            };
            let mut report = report.with_code(d.code).with_message(&d.message);
            if let Some(help) = &d.help {
                report.notes.push(format!("help: {help}"));
            }
            let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
            term::emit_to_write_style(&mut buffer, &config, file.unwrap_or(&none), &report)
                .map_err(std::io::Error::other)?;
            Ok(buffer)
        })
        .collect();
    for buffer in laid_out {
        out.write_all(buffer?.as_slice())?;
    }
    Ok(())
}

fn severity(s: Severity) -> codespan_reporting::diagnostic::Severity {
    match s {
        Severity::Error => codespan_reporting::diagnostic::Severity::Error,
        Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
    }
}

/// The byte range to underline for a diagnostic at `start`, on the line that starts at byte
/// `line_start` (`None` past the end of `text`): up to `end` when it is known and on the same
/// line, to the end of the line's text when `end` lies on a later line, else the token at
/// `start` (up to the next blank).
fn byte_range(text: &str, line_start: Option<usize>, start: Pos, end: Option<Pos>) -> std::ops::Range<usize> {
    let Some(line_start) = line_start else {
        return text.len()..text.len();
    };
    let line_text = &text[line_start..];
    let line_text = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    let byte_at = |column: u32| {
        line_text.char_indices().nth(column.saturating_sub(1) as usize).map_or(line_text.len(), |(i, _)| i)
    };
    let from = byte_at(start.column);
    let rest = &line_text[from..];
    let first = rest.chars().next().map_or(0, char::len_utf8);
    let len = match end {
        Some(end) if end.line == start.line => byte_at(end.column).saturating_sub(from),
        // A value that runs on: underline what it has on this line, not a trailing comment.
        Some(_) => rest[..rest.find(" #").unwrap_or(rest.len())].trim_end().len(),
        None => {
            // A key's `:` is YAML's, not part of the name the message is about.
            let token = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
            token.strip_suffix(':').filter(|t| !t.is_empty()).unwrap_or(token).len()
        }
    };
    line_start + from..line_start + from + len.max(first)
}

/// Escapes a GitHub annotation property value (`file=`, `title=`).
fn github_property(value: &str) -> String {
    github_data(value).replace(':', "%3A").replace(',', "%2C")
}

/// Escapes a GitHub annotation message.
fn github_data(value: &str) -> String {
    value.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`byte_range`] of `text` as a report finds the start of the line.
    fn range(text: &str, start: Pos, end: Option<Pos>) -> std::ops::Range<usize> {
        let file = SimpleFile::new("test", text);
        byte_range(text, file.line_range((), start.line as usize - 1).ok().map(|l| l.start), start, end)
    }

    #[test]
    fn byte_range_covers_the_token_at_the_column() {
        let text = "title: x\nperson: maya  # c\n";
        assert_eq!(&text[range(text, Pos::new(2, 9), None)], "maya");
        assert_eq!(&text[range(text, Pos::new(1, 1), None)], "title");
    }

    #[test]
    fn byte_range_covers_a_known_span_on_its_line() {
        let text = "name: Check out now  # c\nnext: x\n";
        assert_eq!(&text[range(text, Pos::new(1, 7), Some(Pos::new(1, 20)))], "Check out now");
        assert_eq!(&text[range(text, Pos::new(1, 7), Some(Pos::new(2, 3)))], "Check out now");
    }

    #[test]
    fn byte_range_past_the_end_is_empty() {
        let text = "a\n";
        let r = range(text, Pos::new(9, 1), None);
        assert!(r.is_empty());
    }

    #[test]
    fn github_escapes_separators() {
        assert_eq!(github_property("a,b:c"), "a%2Cb%3Ac");
        assert_eq!(github_data("50%\nx"), "50%25%0Ax");
    }
}
