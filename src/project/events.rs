//! Event logs (SPEC §11): each user's way through the stages that list `events`, read as a
//! stream into compact rows, then the funnel, time between stages and monthly retention.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::Datelike;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::research::{Cohort, EventFunnel, EventLogFile, FunnelStep};
use crate::model::Journey;
use crate::project::rows::{self, RowError};

/// Marks a row whose event no stage lists: it still counts for retention.
const OTHER: u16 = u16::MAX;

/// One row of a log, as little as the figures need: 16 bytes whatever the names' length.
#[derive(Clone, Copy)]
struct Row {
    time: i64,
    user: u32,
    step: u16,
}

/// Checks every journey's stage `events` (E111) and reads every event log into its journey.
pub fn load(
    root: &Path,
    logs: &[EventLogFile],
    journeys: &mut [Journey],
    sources: &mut BTreeMap<String, String>,
    diagnostics: &mut Diagnostics,
) {
    for j in journeys.iter() {
        duplicate_events(j, diagnostics);
    }
    for log in logs {
        let Some(index) = journeys.iter().position(|j| j.id == log.journey.value) else {
            diagnostics.push(
                Diagnostic::error(
                    "E041",
                    "journeybook.yaml",
                    log.journey.span(),
                    format!("unknown journey `{}`", log.journey.value),
                )
                .suggest(&log.journey.value, journeys.iter().map(|j| j.id.as_str())),
            );
            continue;
        };
        let file = format!("content/{}", log.file.value.trim_start_matches("./"));
        if journeys[index].events.is_some() {
            diagnostics.push(Diagnostic::error(
                "E023",
                "journeybook.yaml",
                log.journey.span(),
                format!("journey `{}` already has an event log; merge the files into one", log.journey.value),
            ));
            continue;
        }
        let journey = &mut journeys[index];
        let steps: Vec<usize> = (0..journey.stages.len()).filter(|i| !journey.stages[*i].events.is_empty()).collect();
        if steps.is_empty() {
            diagnostics.push(
                Diagnostic::error(
                    "E023",
                    "journeybook.yaml",
                    log.file.span(),
                    format!("no stage of `{}` lists `events`", journey.id),
                )
                .with_help("give the stages of the funnel `events: [name, ...]` in the journey file"),
            );
            continue;
        }
        let names: HashMap<&str, u16> = steps
            .iter()
            .enumerate()
            .flat_map(|(k, s)| journey.stages[*s].events.iter().map(move |e| (e.value.as_str(), k as u16)))
            .collect();
        let path = root.join(&file);
        let mut errors = Vec::new();
        let rows = match read(&path, log, &names, &mut errors) {
            Ok(rows) => rows,
            Err(e) => {
                let message = format!("cannot read {file}: {e}");
                diagnostics.push(Diagnostic::error("E001", "journeybook.yaml", log.file.span(), message));
                continue;
            }
        };
        let failed = !errors.is_empty();
        rows::report(&path, &file, errors, sources, diagnostics);
        if failed {
            continue;
        }
        let funnel = work_out(rows, steps.len(), log.window);
        apply(journey, &steps, funnel, &file, diagnostics);
    }
}

/// E111 for an event name that two stages of one journey list.
fn duplicate_events(journey: &Journey, diagnostics: &mut Diagnostics) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for stage in &journey.stages {
        for event in &stage.events {
            match seen.get(event.value.as_str()) {
                Some(first) if *first != stage.id => diagnostics.push(
                    Diagnostic::error(
                        "E111",
                        &journey.file,
                        event.span(),
                        format!("event `{}` is listed by stages `{first}` and `{}`", event.value, stage.id),
                    )
                    .with_help("an event can put a user in one stage only"),
                ),
                Some(_) => {}
                None => {
                    seen.insert(&event.value, &stage.id);
                }
            }
        }
    }
}

/// Reads the log's rows; users become numbers and events their step in the funnel.
fn read(
    path: &Path,
    log: &EventLogFile,
    names: &HashMap<&str, u16>,
    errors: &mut Vec<RowError>,
) -> Result<Vec<Row>, String> {
    let mut reader = rows::open(path).map_err(|e| e.to_string())?;
    let header = reader.byte_headers().map_err(|e| e.to_string())?.clone();
    let wanted = [log.user.value.as_str(), log.event.value.as_str(), log.time.value.as_str()];
    let found = rows::columns(&header, &wanted);
    let [Some(user), Some(event), Some(time)] = found[..] else {
        for (name, _) in wanted.iter().zip(&found).filter(|(_, f)| f.is_none()) {
            errors.push(RowError { field: None, ..RowError::new(0, 0, format!("the header has no column `{name}`")) });
        }
        return Ok(Vec::new());
    };
    let mut users: HashMap<Box<[u8]>, u32> = HashMap::new();
    let mut out = Vec::new();
    let mut record = csv::ByteRecord::new();
    while let Some(byte) = rows::next(&mut reader, &mut record, errors) {
        let field = |i: usize| record.get(i).unwrap_or_default().trim_ascii();
        let who = field(user);
        if who.is_empty() {
            errors.push(RowError::new(byte, user, "the user is empty".into()));
        }
        let at = std::str::from_utf8(field(time)).ok().and_then(rows::parse_time);
        if at.is_none() {
            let shown = String::from_utf8_lossy(field(time)).into_owned();
            let mut e = RowError::new(byte, time, format!("`{shown}` is not a date or time"));
            e.help =
                Some("write YYYY-MM-DD, an RFC 3339 date-time such as 2026-03-01T09:30:00Z, or Unix seconds".into());
            errors.push(e);
        }
        let (Some(at), false) = (at, who.is_empty()) else { continue };
        let step = std::str::from_utf8(field(event)).ok().and_then(|e| names.get(e).copied()).unwrap_or(OTHER);
        let next = users.len() as u32;
        let id = match users.get(who) {
            Some(id) => *id,
            None => *users.entry(who.into()).or_insert(next),
        };
        out.push(Row { time: at, user: id, step });
    }
    Ok(out)
}

/// What the rows say, before it is put on the journey's stages.
struct Worked {
    entered: Vec<u64>,
    /// Time from each stage to the next, one list per consecutive pair.
    durations: Vec<Vec<i64>>,
    cohorts: Vec<Cohort>,
    months: usize,
}

/// The funnel, the time between stages and the monthly cohorts of a log's rows.
fn work_out(rows: Vec<Row>, steps: usize, window: i64) -> Worked {
    let rows = by_user(rows);
    let months_of = Months::new(&rows);
    let month = |seconds: i64| months_of.of(seconds);
    let last_month = month(rows.iter().map(|r| r.time).max().unwrap_or(0));
    let mut entered = vec![0u64; steps];
    let mut durations = vec![Vec::new(); steps.saturating_sub(1)];
    let mut cohorts: BTreeMap<i32, (u64, Vec<u64>)> = BTreeMap::new();
    let mut entries: Vec<Option<i64>> = vec![None; steps];
    let mut seen: Vec<bool> = Vec::new();
    for user in rows.chunk_by(|a, b| a.user == b.user) {
        let Some(first) = user.iter().find(|r| r.step == 0).map(|r| r.time) else { continue };
        entries.fill(None);
        entries[0] = Some(first);
        for k in 1..steps {
            let Some(before) = entries[k - 1] else { break };
            let step = k as u16;
            entries[k] =
                user.iter().find(|r| r.step == step && r.time >= before && r.time - first <= window).map(|r| r.time);
        }
        for (k, at) in entries.iter().enumerate() {
            let Some(at) = at else { break };
            entered[k] += 1;
            if k > 0 {
                durations[k - 1].push(at - entries[k - 1].unwrap_or(*at));
            }
        }
        let cohort = month(first);
        let span = (last_month - cohort).max(0) as usize;
        seen.clear();
        seen.resize(span + 1, false);
        for r in user {
            let m = month(r.time) - cohort;
            if m >= 1 {
                seen[m as usize] = true;
            }
        }
        let entry = cohorts.entry(cohort).or_insert_with(|| (0, vec![0; span]));
        entry.0 += 1;
        for (m, back) in seen.iter().enumerate().skip(1) {
            entry.1[m - 1] += *back as u64;
        }
    }
    let months = cohorts.values().map(|(_, r)| r.len()).max().unwrap_or(0);
    let cohorts = cohorts
        .into_iter()
        .map(|(m, (size, back))| Cohort {
            month: format!("{:04}-{:02}", m.div_euclid(12), m.rem_euclid(12) + 1),
            size,
            retained: (0..months).map(|i| back.get(i).map(|b| *b as f64 / size as f64)).collect(),
        })
        .collect();
    Worked { entered, durations, cohorts, months }
}

/// The rows grouped by user (users are numbered densely, so a counting sort does it in one
/// pass) and each user's rows in time order.
fn by_user(rows: Vec<Row>) -> Vec<Row> {
    let users = rows.iter().map(|r| r.user as usize + 1).max().unwrap_or(0);
    let mut next = vec![0usize; users + 1];
    for r in &rows {
        next[r.user as usize + 1] += 1;
    }
    for i in 1..next.len() {
        next[i] += next[i - 1];
    }
    let starts = next.clone();
    let mut out = vec![Row { time: 0, user: 0, step: 0 }; rows.len()];
    for r in rows {
        let slot = &mut next[r.user as usize];
        out[*slot] = r;
        *slot += 1;
    }
    for pair in starts.windows(2) {
        out[pair[0]..pair[1]].sort_unstable_by_key(|r| (r.time, r.step));
    }
    out
}

/// The calendar month of a time, as year × 12 + month − 1.
fn month(seconds: i64) -> i32 {
    rows::day(seconds).map_or(0, |d| d.year() * 12 + d.month0() as i32)
}

/// The month of each day the log spans, worked out once: a log has millions of rows but only
/// hundreds of days.
struct Months {
    first_day: i64,
    table: Vec<i32>,
}

impl Months {
    fn new(rows: &[Row]) -> Self {
        let (lo, hi) = rows.iter().fold((i64::MAX, i64::MIN), |(lo, hi), r| (lo.min(r.time), hi.max(r.time)));
        let (first_day, last_day) = (lo.div_euclid(86_400), hi.div_euclid(86_400));
        // A log that spans more than a century is looked up day by day instead.
        let days = if rows.is_empty() || last_day - first_day > 36_600 { 0 } else { last_day - first_day + 1 };
        Months { first_day, table: (0..days).map(|d| month((first_day + d) * 86_400)).collect() }
    }

    fn of(&self, seconds: i64) -> i32 {
        let day = seconds.div_euclid(86_400) - self.first_day;
        match usize::try_from(day).ok().and_then(|d| self.table.get(d)) {
            Some(m) => *m,
            None => month(seconds),
        }
    }
}

/// The value at rank ⌈p × n⌉ of sorted values (the nearest-rank percentile).
pub fn nearest_rank(sorted: &[i64], p: f64) -> Option<i64> {
    let rank = (p * sorted.len() as f64).ceil().max(1.0) as usize;
    sorted.get(rank - 1).copied()
}

/// Puts the worked-out funnel on the journey: `entered` per stage (E110 where it is also
/// written by hand) and the figures for its page.
fn apply(journey: &mut Journey, steps: &[usize], mut worked: Worked, file: &str, diagnostics: &mut Diagnostics) {
    let mut out = Vec::with_capacity(steps.len());
    for (k, s) in steps.iter().enumerate() {
        let stage = &mut journey.stages[*s];
        if let Some(span) = stage.entered_pos {
            diagnostics.push(
                Diagnostic::error(
                    "E110",
                    &journey.file,
                    span,
                    format!("`entered` of stage `{}` is written here and also given by the event log {file}", stage.id),
                )
                .with_help("remove it: the event log counts who entered"),
            );
        }
        stage.entered = Some(worked.entered[k]);
        let (median, p90) = match k.checked_sub(1).and_then(|i| worked.durations.get_mut(i)) {
            Some(d) => {
                d.sort_unstable();
                (nearest_rank(d, 0.5), nearest_rank(d, 0.9))
            }
            None => (None, None),
        };
        out.push(FunnelStep {
            stage: stage.id.clone(),
            name: stage.name.clone(),
            entered: worked.entered[k],
            median_seconds: median,
            p90_seconds: p90,
            median_display: median.map(duration),
            p90_display: p90.map(duration),
        });
    }
    let file = file.trim_start_matches("content/").to_string();
    journey.events = Some(Box::new(EventFunnel { file, steps: out, cohorts: worked.cohorts, months: worked.months }));
}

/// A time span for people, in English: `45 s`, `12 min`, `3 h 20 min`, `2 d 4 h`; pages word
/// it in their own language from `median_seconds` and `p90_seconds`.
pub fn duration(seconds: i64) -> String {
    crate::metrics::format::elapsed(seconds).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let v = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        assert_eq!(nearest_rank(&v, 0.5), Some(5));
        assert_eq!(nearest_rank(&v, 0.9), Some(9));
        assert_eq!(nearest_rank(&[7], 0.9), Some(7));
        assert_eq!(nearest_rank(&[], 0.5), None);
    }

    #[test]
    fn durations_read_well() {
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(3_600 * 3 + 60 * 20), "3 h 20 min");
        assert_eq!(duration(86_400 * 2 + 3_600 * 4), "2 d 4 h");
    }
}
