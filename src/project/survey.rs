//! Survey response files (SPEC §11), read as a stream into per-period histograms of scores
//! for each journey, stage, touchpoint and persona they name.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::metrics::period::Granularity;
use crate::metrics::stats::{self, Histogram, Kind};
use crate::model::research::{Scope, Source, SurveyFile, SurveyPoint, SurveySeries};
use crate::model::{reference, Journey, Persona};
use crate::project::rows::{self, RowError};

/// Histograms by journey, kind, scope and period (the key that orders periods, and its label).
type Tallies = HashMap<(usize, u8, Scope, i32), Histogram>;

/// Reads every survey file `journeybook.yaml` declares and works out each series.
pub fn load(
    root: &Path,
    surveys: &[SurveyFile],
    journeys: &[Journey],
    personas: &[Persona],
    sources: &mut BTreeMap<String, String>,
    diagnostics: &mut Diagnostics,
) -> Vec<SurveySeries> {
    let mut tallies = Tallies::new();
    let mut labels: HashMap<(usize, u8, i32), String> = HashMap::new();
    let mut declared: BTreeMap<(usize, u8), (String, Span)> = BTreeMap::new();
    for survey in surveys {
        let file = format!("content/{}", survey.file.value.trim_start_matches("./"));
        let mut lookup = Lookup::new(journeys, personas);
        let Some(fixed) = lookup.fixed(survey, diagnostics) else { continue };
        let path = root.join(&file);
        let mut errors = Vec::new();
        let kind = survey.kind as u8;
        let mut tally = |journey, scope, period, score: u8, day: NaiveDate| {
            tallies.entry((journey, kind, scope, period)).or_insert([0; 11])[score as usize] += 1;
            labels.entry((journey, kind, period)).or_insert_with(|| rows::period_label(day, survey.period));
            declared.entry((journey, kind)).or_insert_with(|| (file.clone(), survey.file.span()));
        };
        let result = read(&path, survey, &fixed, &mut lookup, &mut tally, &mut errors);
        if let Err(e) = result {
            diagnostics.push(Diagnostic::error(
                "E001",
                "journeybook.yaml",
                survey.file.span(),
                format!("cannot read {file}: {e}"),
            ));
        }
        rows::report(&path, &file, errors, sources, diagnostics);
    }
    series(tallies, &labels, &declared, surveys)
}

/// Turns the histograms into series in period order, each point's change tested.
fn series(
    tallies: Tallies,
    labels: &HashMap<(usize, u8, i32), String>,
    declared: &BTreeMap<(usize, u8), (String, Span)>,
    surveys: &[SurveyFile],
) -> Vec<SurveySeries> {
    let mut grouped: BTreeMap<(usize, u8, Scope), BTreeMap<i32, Histogram>> = BTreeMap::new();
    for ((journey, kind, scope, period), h) in tallies {
        grouped.entry((journey, kind, scope)).or_default().insert(period, h);
    }
    let kind_of = |k: u8| surveys.iter().map(|s| s.kind).find(|kind| *kind as u8 == k).unwrap_or(Kind::Nps);
    let mut out = Vec::new();
    for ((journey, k, scope), periods) in grouped {
        let kind = kind_of(k);
        let mut points: Vec<SurveyPoint> = Vec::with_capacity(periods.len());
        for (period, h) in periods {
            let Some(estimate) = stats::estimate(kind, &h) else { continue };
            let significant = points.last().map(|p| stats::significant(kind, &p.estimate, &estimate));
            let period = labels.get(&(journey, k, period)).cloned().unwrap_or_default();
            points.push(SurveyPoint { period, estimate, significant });
        }
        let Some((file, span)) = declared.get(&(journey, k)).cloned() else { continue };
        if !points.is_empty() {
            out.push(SurveySeries { journey, scope, kind, points, file, declared: span });
        }
    }
    out
}

/// The journey, stage and persona every row shares when they are fixed in the declaration.
#[derive(Default)]
struct Fixed {
    journey: Option<usize>,
    stage: Option<usize>,
    touchpoint: Option<(usize, usize)>,
    persona: Option<usize>,
}

/// The columns of a survey file, by index.
struct Columns {
    score: usize,
    date: usize,
    journey: Option<usize>,
    stage: Option<usize>,
    touchpoint: Option<usize>,
    persona: Option<usize>,
}

fn column_of(source: &Option<Source>) -> Option<&str> {
    match source {
        Some(Source::Column(name)) => Some(name.value.as_str()),
        _ => None,
    }
}

/// Reads one file row by row, handing each response to `tally` and each bad row to `errors`.
fn read(
    path: &Path,
    survey: &SurveyFile,
    fixed: &Fixed,
    lookup: &mut Lookup,
    tally: &mut dyn FnMut(usize, Scope, i32, u8, NaiveDate),
    errors: &mut Vec<RowError>,
) -> Result<(), String> {
    let mut reader = rows::open(path).map_err(|e| e.to_string())?;
    let header = reader.byte_headers().map_err(|e| e.to_string())?.clone();
    let score = column_of(&Some(survey.score.clone())).unwrap_or_default().to_string();
    let date = column_of(&Some(survey.date.clone())).unwrap_or_default().to_string();
    let wanted = [
        Some(score.as_str()),
        Some(date.as_str()),
        column_of(&survey.journey),
        column_of(&survey.stage),
        column_of(&survey.touchpoint),
        column_of(&survey.persona),
    ];
    let names: Vec<&str> = wanted.iter().map(|w| w.unwrap_or("\u{0}")).collect();
    let found = rows::columns(&header, &names);
    for (w, f) in wanted.iter().zip(&found) {
        if let (Some(name), None) = (w, f) {
            let mut e = RowError::new(0, 0, format!("the header has no column `{name}`"));
            e.field = None;
            e.help = Some(format!(
                "its columns are {}",
                header
                    .iter()
                    .map(|h| format!("`{}`", String::from_utf8_lossy(h).trim()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            errors.push(e);
        }
    }
    if wanted.iter().zip(&found).any(|(w, f)| w.is_some() && f.is_none()) {
        return Ok(());
    }
    let columns = Columns {
        score: found[0].unwrap_or(0),
        date: found[1].unwrap_or(0),
        journey: found[2],
        stage: found[3],
        touchpoint: found[4],
        persona: found[5],
    };
    let (low, high) = survey.kind.scale();
    let mut record = csv::ByteRecord::new();
    while let Some(byte) = rows::next(&mut reader, &mut record, errors) {
        let Some(row) = row(&record, &columns, fixed, lookup, (low, high), byte, errors) else { continue };
        let Some(day) = rows::day(row.time) else { continue };
        let key = period_key(day, survey.period);
        tally(row.journey, Scope::Journey, key, row.score, day);
        if let Some(s) = row.stage {
            tally(row.journey, Scope::Stage(s), key, row.score, day);
        }
        if let Some((s, t)) = row.touchpoint {
            tally(row.journey, Scope::Touchpoint(s, t), key, row.score, day);
        }
        if let Some(p) = row.persona {
            tally(row.journey, Scope::Persona(p), key, row.score, day);
        }
    }
    Ok(())
}

/// A number that orders periods of one length.
fn period_key(day: chrono::NaiveDate, granularity: Granularity) -> i32 {
    use chrono::Datelike;
    match granularity {
        Granularity::Year => day.year(),
        Granularity::Quarter => day.year() * 4 + day.month0() as i32 / 3,
        Granularity::Week => day.iso_week().year() * 54 + day.iso_week().week() as i32,
        Granularity::Month | Granularity::Day => day.year() * 12 + day.month0() as i32,
    }
}

/// One response, its references resolved.
struct Response {
    journey: usize,
    stage: Option<usize>,
    touchpoint: Option<(usize, usize)>,
    persona: Option<usize>,
    score: u8,
    time: i64,
}

/// Reads one record; every problem with it goes to `errors` and the row is left out.
fn row(
    record: &csv::ByteRecord,
    c: &Columns,
    fixed: &Fixed,
    lookup: &mut Lookup,
    (low, high): (u8, u8),
    byte: u64,
    errors: &mut Vec<RowError>,
) -> Option<Response> {
    let before = errors.len();
    let text = |i: usize| std::str::from_utf8(record.get(i).unwrap_or_default()).map(str::trim);
    let field = |i: usize, errors: &mut Vec<RowError>| match text(i) {
        Ok(t) => Some(t),
        Err(_) => {
            errors.push(RowError::new(byte, i, "this field is not valid UTF-8".into()));
            None
        }
    };
    let score = field(c.score, errors).and_then(|t| {
        let parsed = t.parse::<u8>().ok().filter(|s| (low..=high).contains(s));
        if parsed.is_none() {
            let message = match t.parse::<f64>() {
                Ok(_) => format!("score `{t}` is outside the scale {low}–{high}"),
                Err(_) if t.is_empty() => "the score is empty".to_string(),
                Err(_) => format!("score `{t}` is not a whole number from {low} to {high}"),
            };
            errors.push(RowError::new(byte, c.score, message));
        }
        parsed
    });
    let time = field(c.date, errors).and_then(|t| {
        let parsed = rows::parse_time(t);
        if parsed.is_none() {
            let mut e = RowError::new(byte, c.date, format!("`{t}` is not a date or time"));
            e.help =
                Some("write YYYY-MM-DD, an RFC 3339 date-time such as 2026-03-01T09:30:00Z, or Unix seconds".into());
            errors.push(e);
        }
        parsed
    });
    let journey = match c.journey {
        Some(i) => field(i, errors).and_then(|t| lookup.journey(t, byte, i, errors)),
        None => fixed.journey,
    };
    let stage = match (c.stage, journey) {
        (Some(i), Some(j)) => {
            field(i, errors).filter(|t| !t.is_empty()).and_then(|t| lookup.stage(j, t, byte, i, errors))
        }
        _ => fixed.stage,
    };
    let touchpoint = match (c.touchpoint, journey) {
        (Some(i), Some(j)) => {
            field(i, errors).filter(|t| !t.is_empty()).and_then(|t| lookup.touchpoint(j, stage, t, byte, i, errors))
        }
        _ => fixed.touchpoint,
    };
    let persona = match c.persona {
        Some(i) => field(i, errors).filter(|t| !t.is_empty()).and_then(|t| lookup.persona(t, byte, i, errors)),
        None => fixed.persona,
    };
    if errors.len() > before {
        return None;
    }
    let stage = stage.or(touchpoint.map(|(s, _)| s));
    Some(Response { journey: journey?, stage, touchpoint, persona, score: score?, time: time? })
}

/// The stages a touchpoint is looked for in: the row's stage, or else all of them.
fn in_stage(journey: &Journey, stage: Option<usize>) -> impl Iterator<Item = &crate::model::Stage> {
    journey.stages.iter().enumerate().filter(move |(i, _)| stage.is_none_or(|s| s == *i)).map(|(_, s)| s)
}

/// Finds what rows name, remembering each answer: exports repeat the same few names.
struct Lookup<'a> {
    journeys: &'a [Journey],
    personas: &'a [Persona],
    cache: HashMap<(u8, usize, Option<usize>), HashMap<String, Found>>,
}

/// What a name was found to be: indexes, or the error code, message and help.
type Found = Result<(usize, usize), (&'static str, String, Option<String>)>;

impl<'a> Lookup<'a> {
    fn new(journeys: &'a [Journey], personas: &'a [Persona]) -> Self {
        Lookup { journeys, personas, cache: HashMap::new() }
    }

    /// Looks `text` up once per (what, journey, stage); `find` does the work on a miss.
    fn cached(
        &mut self,
        key: (u8, usize, Option<usize>),
        text: &str,
        byte: u64,
        field: usize,
        errors: &mut Vec<RowError>,
        find: impl FnOnce(&Self) -> Found,
    ) -> Option<(usize, usize)> {
        // The name is copied only the first time it is met.
        let found = match self.cache.get(&key).and_then(|names| names.get(text)) {
            Some(found) => found.clone(),
            None => {
                let found = find(self);
                self.cache.entry(key).or_default().insert(text.to_string(), found.clone());
                found
            }
        };
        match found {
            Ok(v) => Some(v),
            Err((code, message, help)) => {
                errors.push(RowError { byte, field: Some(field), code, message, help });
                None
            }
        }
    }

    fn journey(&mut self, text: &str, byte: u64, field: usize, errors: &mut Vec<RowError>) -> Option<usize> {
        let found = self.cached((0, 0, None), text, byte, field, errors, |l| {
            match l.journeys.iter().position(|j| j.id == text) {
                Some(i) => Ok((i, 0)),
                None => {
                    let d = Diagnostic::error("E069", "", Span::default(), format!("unknown journey `{text}`"))
                        .suggest(text, l.journeys.iter().map(|j| j.id.as_str()));
                    Err(("E069", d.message, d.help))
                }
            }
        });
        found.map(|(j, _)| j)
    }

    fn stage(
        &mut self,
        journey: usize,
        text: &str,
        byte: u64,
        field: usize,
        errors: &mut Vec<RowError>,
    ) -> Option<usize> {
        let found = self.cached((1, journey, None), text, byte, field, errors, |l| {
            let j = &l.journeys[journey];
            match reference::stage(j, text, "", Span::default()) {
                Ok(s) => Ok((j.stages.iter().position(|x| x.id == s.id).unwrap_or(0), 0)),
                Err(d) if d.code == "E036" => Err(("E036", d.message, d.help)),
                Err(d) => Err(("E069", d.message, d.help)),
            }
        });
        found.map(|(s, _)| s)
    }

    fn touchpoint(
        &mut self,
        journey: usize,
        stage: Option<usize>,
        text: &str,
        byte: u64,
        field: usize,
        errors: &mut Vec<RowError>,
    ) -> Option<(usize, usize)> {
        self.cached((2, journey, stage), text, byte, field, errors, |l| {
            let j = &l.journeys[journey];
            let in_scope = j.stages.iter().enumerate().filter(|(i, _)| stage.is_none_or(|s| s == *i));
            let found: Vec<(usize, usize)> = in_scope
                .flat_map(|(i, s)| {
                    s.touchpoints.iter().enumerate().filter(|(_, t)| t.name == text).map(move |(k, _)| (i, k))
                })
                .collect();
            let place = match stage {
                Some(s) => format!("stage `{}` of `{}`", j.stages[s].id, j.id),
                None => format!("journey `{}`", j.id),
            };
            match found.as_slice() {
                [one] => Ok(*one),
                [] => {
                    let elsewhere = j.stages.iter().find(|s| s.touchpoints.iter().any(|t| t.name == text));
                    let names = in_stage(j, stage).flat_map(|s| s.touchpoints.iter().map(|t| t.name.as_str()));
                    let d =
                        Diagnostic::error("E069", "", Span::default(), format!("{place} has no touchpoint `{text}`"));
                    let d = match elsewhere {
                        Some(s) => d.with_help(format!("`{text}` is a touchpoint of stage `{}`", s.id)),
                        None => d.suggest(text, names),
                    };
                    Err(("E069", d.message, d.help))
                }
                _ => Err((
                    "E069",
                    format!("touchpoint `{text}` is in more than one stage of {place}"),
                    Some("add a stage column so each row says which one".into()),
                )),
            }
        })
    }

    fn persona(&mut self, text: &str, byte: u64, field: usize, errors: &mut Vec<RowError>) -> Option<usize> {
        let found = self.cached((3, 0, None), text, byte, field, errors, |l| {
            match l.personas.iter().position(|p| p.id == text || p.name == text) {
                Some(i) => Ok((i, 0)),
                None => {
                    let d = Diagnostic::error("E069", "", Span::default(), format!("unknown persona `{text}`"))
                        .suggest(text, l.personas.iter().map(|p| p.id.as_str()));
                    Err(("E069", d.message, d.help))
                }
            }
        });
        found.map(|(p, _)| p)
    }

    /// Resolves the values fixed in the declaration, reporting them where they are written.
    fn fixed(&mut self, survey: &SurveyFile, diagnostics: &mut Diagnostics) -> Option<Fixed> {
        let mut fixed = Fixed::default();
        let mut errors = Vec::new();
        let mut ok = true;
        let mut check =
            |value: &Option<Source>, errors: &mut Vec<RowError>, f: &mut dyn FnMut(&str, &mut Vec<RowError>)| {
                if let Some(Source::Fixed(v)) = value {
                    let before = errors.len();
                    f(&v.value, errors);
                    for e in errors.drain(before..) {
                        let mut d = Diagnostic::error(e.code, "journeybook.yaml", v.span(), e.message);
                        if let Some(help) = e.help {
                            d = d.with_help(help);
                        }
                        diagnostics.push(d);
                        ok = false;
                    }
                }
            };
        check(&survey.journey, &mut errors, &mut |t, e| fixed.journey = self.journey(t, 0, 0, e));
        if let Some(j) = fixed.journey {
            check(&survey.stage, &mut errors, &mut |t, e| fixed.stage = self.stage(j, t, 0, 0, e));
            let stage = fixed.stage;
            check(&survey.touchpoint, &mut errors, &mut |t, e| {
                fixed.touchpoint = self.touchpoint(j, stage, t, 0, 0, e)
            });
        }
        check(&survey.persona, &mut errors, &mut |t, e| fixed.persona = self.persona(t, 0, 0, e));
        ok.then_some(fixed)
    }
}
