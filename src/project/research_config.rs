//! The `surveys:` and `event_logs:` keys of `journeybook.yaml` (SPEC §11).

use crate::diagnostic::Diagnostics;
use crate::metrics::period::Granularity;
use crate::metrics::stats::Kind;
use crate::model::research::{EventLogFile, Source, SurveyFile};
use crate::project::fields::{Fields, Spanned};
use crate::project::yaml::Node;

/// Keys of a survey declaration.
pub const SURVEY_KEYS: &[&str] = &["file", "kind", "period", "columns", "journey", "stage", "touchpoint", "persona"];
/// Columns a survey may map.
pub const SURVEY_COLUMNS: &[&str] = &["score", "date", "journey", "stage", "touchpoint", "persona", "comment"];
/// Keys of an event-log declaration.
pub const EVENT_LOG_KEYS: &[&str] = &["file", "columns", "journey", "window"];
/// Columns an event log maps.
pub const EVENT_COLUMNS: &[&str] = &["user", "event", "time"];
/// How responses group into a series.
pub const PERIODS: &[&str] = &["month", "quarter", "week", "year"];

/// The project-relative paths of every declared survey and event-log file.
pub fn files(config: &crate::model::Config) -> Vec<String> {
    let surveys = config.surveys.iter().map(|s| &s.file.value);
    let logs = config.event_logs.iter().map(|l| &l.file.value);
    surveys.chain(logs).map(|f| format!("content/{}", f.trim_start_matches("./"))).collect()
}

/// Reads `surveys:`, a list of survey declarations.
pub fn surveys(node: &Node, file: &str, diagnostics: &mut Diagnostics) -> Vec<SurveyFile> {
    let Some(items) = node.as_seq() else {
        diagnostics.push(node.wrong_type(file, "surveys", "a list of survey files"));
        return Vec::new();
    };
    items.iter().filter_map(|item| survey(item, file, diagnostics)).collect()
}

fn survey(item: &Node, file: &str, diagnostics: &mut Diagnostics) -> Option<SurveyFile> {
    let mut f = Fields::new(item, file, "a survey", SURVEY_KEYS, diagnostics)?;
    let path = f.required_string("file");
    let kind = f.word::<Kind>("kind");
    if f.get("kind").is_none() {
        let pos = f.pos();
        f.error("E021", pos, "missing required `kind` (nps, csat or ces)");
    }
    let period = match f.choice("period", PERIODS) {
        Some("quarter") => Granularity::Quarter,
        Some("week") => Granularity::Week,
        Some("year") => Granularity::Year,
        _ => Granularity::Month,
    };
    let mut columns = columns(&mut f, SURVEY_COLUMNS);
    let mut conflict = false;
    let mut field = |f: &mut Fields, key: &str| {
        source(f, key, &mut columns).unwrap_or_else(|()| {
            conflict = true;
            None
        })
    };
    let journey = field(&mut f, "journey");
    let stage = field(&mut f, "stage");
    let touchpoint = field(&mut f, "touchpoint");
    let persona = field(&mut f, "persona");
    let score = required_column(&mut f, "score", &columns);
    let date = required_column(&mut f, "date", &columns);
    if journey.is_none() {
        let pos = f.pos();
        f.error("E021", pos, "missing required `journey` (a journey id, or a `journey` column under `columns`)");
    }
    f.finish();
    if conflict {
        return None;
    }
    Some(SurveyFile {
        file: path?,
        kind: kind?,
        period,
        score: score?,
        date: date?,
        journey,
        stage,
        touchpoint,
        persona,
    })
}

/// Reads `event_logs:`, a list of event-log declarations.
pub fn event_logs(node: &Node, file: &str, diagnostics: &mut Diagnostics) -> Vec<EventLogFile> {
    let Some(items) = node.as_seq() else {
        diagnostics.push(node.wrong_type(file, "event_logs", "a list of event-log files"));
        return Vec::new();
    };
    items.iter().filter_map(|item| event_log(item, file, diagnostics)).collect()
}

fn event_log(item: &Node, file: &str, diagnostics: &mut Diagnostics) -> Option<EventLogFile> {
    let mut f = Fields::new(item, file, "an event log", EVENT_LOG_KEYS, diagnostics)?;
    let path = f.required_string("file");
    let journey = f.required_string("journey");
    let columns = columns(&mut f, EVENT_COLUMNS);
    let user = required_column(&mut f, "user", &columns);
    let event = required_column(&mut f, "event", &columns);
    let time = required_column(&mut f, "time", &columns);
    let window = match f.string("window") {
        None => Some(30 * 86_400),
        Some(text) => {
            let seconds = window_seconds(&text.value);
            if seconds.is_none() {
                let found = text.value.clone();
                f.error(
                    "E023",
                    text.span(),
                    format!("`window` must be <n>h, <n>d or <n>w, such as `30d`; found `{found}`"),
                );
            }
            seconds
        }
    };
    f.finish();
    let column = |c: Option<Source>| match c? {
        Source::Column(name) => Some(name),
        Source::Fixed(_) => None,
    };
    Some(EventLogFile {
        file: path?,
        user: column(user)?,
        event: column(event)?,
        time: column(time)?,
        journey: journey?,
        window: window?,
    })
}

/// `30d`, `12h`, `2w` in seconds; `None` for anything else.
pub fn window_seconds(text: &str) -> Option<i64> {
    let text = text.trim();
    let unit = match text.chars().last()? {
        'h' => 3_600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        _ => return None,
    };
    let count = &text[..text.len() - 1];
    if count.is_empty() || !count.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    count.parse::<i64>().ok().filter(|n| *n > 0)?.checked_mul(unit)
}

/// The `columns:` mapping, as (field, column name) pairs.
fn columns(f: &mut Fields, known: &'static [&'static str]) -> Vec<(String, Spanned<String>)> {
    let Some(node) = f.get("columns") else { return Vec::new() };
    let file = f.file();
    let Some(mut c) = Fields::new(node, file, "`columns`", known, f.diagnostics) else { return Vec::new() };
    let mut out = Vec::new();
    for key in known {
        if let Some(name) = c.string(key) {
            out.push((key.to_string(), name));
        }
    }
    c.finish();
    out
}

/// A field given as a fixed value or as a column, never both (an error, and `Err`).
fn source(f: &mut Fields, key: &str, columns: &mut Vec<(String, Spanned<String>)>) -> Result<Option<Source>, ()> {
    let fixed = f.string(key);
    let column = columns.iter().position(|(k, _)| k == key).map(|i| columns.remove(i).1);
    match (fixed, column) {
        (Some(fixed), Some(column)) => {
            f.error(
                "E023",
                fixed.span(),
                format!("`{key}` is given both as a value and as the column `{}`; keep one", column.value),
            );
            Err(())
        }
        (Some(fixed), None) => Ok(Some(Source::Fixed(fixed))),
        (None, Some(column)) => Ok(Some(Source::Column(column))),
        (None, None) => Ok(None),
    }
}

fn required_column(f: &mut Fields, key: &str, columns: &[(String, Spanned<String>)]) -> Option<Source> {
    match columns.iter().find(|(k, _)| k == key) {
        Some((_, name)) => Some(Source::Column(name.clone())),
        None => {
            let pos = f.pos();
            f.error("E021", pos, format!("missing required column `{key}` under `columns`"));
            None
        }
    }
}
