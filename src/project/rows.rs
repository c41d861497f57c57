//! Reading large CSV exports as a stream (SPEC §11): opening them, times in the forms exports
//! use, and placing a bad row's field at its line and column once reading is done.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};

use crate::diagnostic::{Diagnostic, Diagnostics, Pos, Span};
use crate::metrics::period::Granularity;

/// A problem with one field of one row, kept by byte offset until the file has been read.
#[derive(Debug)]
pub struct RowError {
    /// Where the record starts, as the CSV reader reports it.
    pub byte: u64,
    /// The field's index in the record; the row's start when `None`.
    pub field: Option<usize>,
    pub code: &'static str,
    pub message: String,
    pub help: Option<String>,
}

impl RowError {
    /// A malformed row (E069) at field `field`.
    pub fn new(byte: u64, field: usize, message: String) -> Self {
        RowError { byte, field: Some(field), code: "E069", message, help: None }
    }
}

/// Reads the next row that holds anything into `record` and returns where it starts; a row
/// the reader cannot read is an error in `errors`, and empty rows are skipped. `None` at the end.
pub fn next<R: Read>(
    reader: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    errors: &mut Vec<RowError>,
) -> Option<u64> {
    loop {
        match reader.read_byte_record(record) {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                let byte = e.position().map_or(0, |p| p.byte());
                errors.push(RowError { field: None, ..RowError::new(byte, 0, format!("cannot read this row: {e}")) });
                continue;
            }
        }
        if !record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            return Some(record.position().map_or(0, |p| p.byte()));
        }
    }
}

/// A CSV reader over the file at `path` with a UTF-8 byte-order mark skipped; rows of any
/// length are read so that a short row is reported rather than ending the file.
pub fn open(path: &Path) -> std::io::Result<csv::Reader<BufReader<std::fs::File>>> {
    let mut input = BufReader::with_capacity(1 << 20, std::fs::File::open(path)?);
    if input.fill_buf()?.starts_with(b"\xEF\xBB\xBF") {
        input.consume(3);
    }
    Ok(csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(input))
}

/// The header's column names, trimmed, and the index of each one asked for (`None` if absent).
pub fn columns(header: &csv::ByteRecord, wanted: &[&str]) -> Vec<Option<usize>> {
    let names: Vec<String> = header.iter().map(|h| String::from_utf8_lossy(h).trim().to_string()).collect();
    wanted.iter().map(|w| names.iter().position(|n| n == w.trim())).collect()
}

/// A time as exports write it, in UTC seconds: a date (`2026-03-01`, midnight UTC), an
/// RFC 3339 date-time with or without an offset (UTC without one), or whole Unix seconds.
pub fn parse_time(text: &str) -> Option<i64> {
    let t = text.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    if !digits.is_empty() && digits.len() <= 12 && digits.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().ok();
    }
    if t.len() == 10 {
        let date = crate::project::fields::parse_date(t)?;
        return Some(date.and_hms_opt(0, 0, 0)?.and_utc().timestamp());
    }
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Some(at.timestamp());
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(at) = NaiveDateTime::parse_from_str(t, format) {
            return Some(at.and_utc().timestamp());
        }
    }
    None
}

/// The UTC calendar day of a time.
pub fn day(seconds: i64) -> Option<NaiveDate> {
    DateTime::from_timestamp(seconds, 0).map(|t| t.date_naive())
}

/// The label of the UTC calendar period holding `date` (`2026`, `2026-Q1`, `2026-03`, `2026-W09`).
pub fn period_label(date: NaiveDate, granularity: Granularity) -> String {
    match granularity {
        Granularity::Year => format!("{:04}", date.year()),
        Granularity::Quarter => format!("{:04}-Q{}", date.year(), date.month0() / 3 + 1),
        Granularity::Week => {
            let week = date.iso_week();
            format!("{:04}-W{:02}", week.year(), week.week())
        }
        Granularity::Month | Granularity::Day => format!("{:04}-{:02}", date.year(), date.month()),
    }
}

/// Reads the file again and turns each row error into a diagnostic at its line and column.
/// Errors are rare, so the second reading costs nothing on a good file.
/// The file's text joins `sources`, so that each diagnostic shows its row.
pub fn report(
    path: &Path,
    file: &str,
    mut errors: Vec<RowError>,
    sources: &mut BTreeMap<String, String>,
    diagnostics: &mut Diagnostics,
) {
    if errors.is_empty() {
        return;
    }
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes));
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = if read.is_ok() { String::from_utf8_lossy(body) } else { Default::default() };
    errors.sort_by_key(|e| e.byte);
    let mut lines = Lines::new(&text);
    for e in errors {
        let (start, line) = lines.record(e.byte);
        let spans = field_spans(&text[start..], line);
        let at = e.field.and_then(|i| spans.get(i).copied()).unwrap_or(Span::from(Pos::new(line, 1)));
        let mut d = Diagnostic::error(e.code, file, at, e.message);
        if let Some(help) = e.help {
            d = d.with_help(help);
        }
        diagnostics.push(d);
    }
    sources.insert(file.to_string(), text.into_owned());
}

/// Line numbers of records met in file order, counted once over the whole text.
pub struct Lines<'a> {
    text: &'a str,
    counted: usize,
    line: u32,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        Lines { text, counted: 0, line: 1 }
    }

    /// Where the record the CSV reader placed at `byte` starts, and its line; records must be
    /// asked for in file order.
    pub fn record(&mut self, byte: u64) -> (usize, u32) {
        let start = record_start(self.text, byte as usize);
        if start > self.counted {
            self.line += self.text.as_bytes()[self.counted..start].iter().filter(|b| **b == b'\n').count() as u32;
            self.counted = start;
        }
        (start, self.line)
    }
}

/// Where the record the reader placed at `byte` really starts: the reader counts the line
/// end of the row before (the `\n` of a `\r\n`, blank lines) as the start of the next one.
pub fn record_start(text: &str, byte: usize) -> usize {
    let mut start = byte.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let rest = &text.as_bytes()[start..];
    start + rest.iter().take_while(|b| **b == b'\n' || **b == b'\r').count()
}

/// Where each field of the record at the start of `text` stands, without its quotes; a quoted
/// field may run over several lines. Columns count characters from 1.
pub fn field_spans(text: &str, line: u32) -> Vec<Span> {
    let mut spans = Vec::new();
    let (mut line, mut column) = (line, 1u32);
    let mut chars = text.chars().peekable();
    loop {
        let quoted = chars.peek() == Some(&'"');
        if quoted {
            chars.next();
            column += 1;
        }
        let start = Pos::new(line, column);
        let mut end = start;
        while let Some(&c) = chars.peek() {
            if quoted && c == '"' {
                chars.next();
                column += 1;
                if chars.peek() == Some(&'"') {
                    chars.next();
                    column += 1;
                    end = Pos::new(line, column);
                    continue;
                }
                break;
            }
            if !quoted && (c == ',' || c == '\n' || c == '\r') {
                break;
            }
            chars.next();
            if c == '\n' {
                (line, column) = (line + 1, 1);
            } else {
                column += 1;
            }
            end = Pos::new(line, column);
        }
        spans.push(Span::new(start, end));
        // Anything between a closing quote and the comma belongs to the same field.
        while chars.peek().is_some_and(|c| *c != ',' && *c != '\n' && *c != '\r') {
            chars.next();
            column += 1;
        }
        if chars.next() != Some(',') {
            return spans;
        }
        column += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_every_form() {
        assert_eq!(parse_time("2026-03-01"), Some(1_772_323_200));
        assert_eq!(parse_time("2026-03-01T00:00:00Z"), Some(1_772_323_200));
        assert_eq!(parse_time("2026-03-01T02:00:00+02:00"), Some(1_772_323_200));
        assert_eq!(parse_time("2026-03-01T00:00:00"), Some(1_772_323_200));
        assert_eq!(parse_time("2026-03-01 00:00:00.5"), Some(1_772_323_200));
        assert_eq!(parse_time("1772323200"), Some(1_772_323_200));
        for bad in ["", "2026-02-30", "yesterday", "2026-03-01T25:00:00Z", "1.5"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods_are_utc_calendar_periods() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(period_label(d, Granularity::Week), "2026-W01");
        assert_eq!(period_label(d, Granularity::Quarter), "2026-Q1");
        let d = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        assert_eq!(period_label(d, Granularity::Week), "2026-W53");
    }

    #[test]
    fn spans_follow_quotes_over_lines() {
        let cols = |text: &str| -> Vec<(u32, u32, u32)> {
            field_spans(text, 3).iter().map(|s| (s.start.line, s.start.column, s.end.column)).collect()
        };
        assert_eq!(cols("a,\"b,\nc\",d\n"), [(3, 1, 2), (3, 4, 2), (4, 4, 5)]);
        assert_eq!(cols("x,\"y\"\"z\"\r\nnext"), [(3, 1, 2), (3, 4, 8)]);
        assert_eq!(record_start("h\r\nrow", 2), 3);
    }
}
