//! The comparison page: a journey and the one it is compared with, stage by stage.

use std::collections::BTreeSet;

use serde::Serialize;

use super::{page, Content, Page, Section};
use crate::charts;
use crate::i18n::amounts;
use crate::metrics::format::{self, Unit};
use crate::metrics::funnel;
use crate::model::{Journey, MetricStatus, Stage};
use crate::render::views::JourneyCard;
use crate::route::Route;

/// One side of a compared stage.
#[derive(Serialize)]
pub struct Side<'a> {
    id: &'a str,
    name: &'a str,
    emotion: Option<f64>,
    entered: Option<u64>,
    drop_off: Option<f64>,
}

/// A signed change, written, and whether it is for the better.
#[derive(Serialize)]
pub struct Delta {
    value: f64,
    display: String,
    better: Option<bool>,
}

impl Delta {
    fn new(value: f64, unit: Unit, higher_is_better: bool) -> Delta {
        let better = (!format::rounds_to_zero(unit, value)).then_some((value > 0.0) == higher_is_better);
        Delta { value, display: amounts::delta(unit, value, ""), better }
    }
}

/// A stage of either journey, matched by id where both have it.
#[derive(Serialize)]
pub struct Row<'a> {
    current: Option<Side<'a>>,
    target: Option<Side<'a>>,
    emotion_delta: Option<Delta>,
    entered_delta: Option<Delta>,
    drop_off_delta: Option<Delta>,
    added: Vec<&'a str>,
    removed: Vec<&'a str>,
    resolved: Vec<&'a str>,
    new_pain: Vec<&'a str>,
}

fn sides(j: &Journey) -> Vec<Side<'_>> {
    let drops = funnel::drop_offs(&j.stages.iter().map(|s| s.entered).collect::<Vec<_>>());
    j.stages
        .iter()
        .zip(drops)
        .map(|(s, drop_off)| Side { id: &s.id, name: &s.name, emotion: s.emotion, entered: s.entered, drop_off })
        .collect()
}

fn pains(s: &Stage) -> BTreeSet<&str> {
    s.pain_points
        .iter()
        .map(|p| p.text.as_str())
        .chain(s.touchpoints.iter().flat_map(|t| t.pain_points.iter().map(|p| p.text.as_str())))
        .collect()
}

fn row<'a>(a: Option<(&'a Stage, Side<'a>)>, b: Option<(&'a Stage, Side<'a>)>) -> Row<'a> {
    let (sa, sb) = (a.as_ref().map(|x| x.0), b.as_ref().map(|x| x.0));
    let names = |s: Option<&'a Stage>| -> BTreeSet<&'a str> {
        s.map(|s| s.touchpoints.iter().map(|t| t.name.as_str()).collect()).unwrap_or_default()
    };
    let (ta, tb) = (names(sa), names(sb));
    let (pa, pb) = (sa.map(pains).unwrap_or_default(), sb.map(pains).unwrap_or_default());
    let both = sa.is_some() && sb.is_some();
    let (a, b) = (a.map(|x| x.1), b.map(|x| x.1));
    let diff = |f: fn(&Side) -> Option<f64>| a.as_ref().and_then(f).zip(b.as_ref().and_then(f)).map(|(x, y)| y - x);
    Row {
        emotion_delta: diff(|s| s.emotion).map(|d| Delta::new(d, Unit::Score, true)),
        entered_delta: diff(|s| s.entered.map(|e| e as f64)).map(|d| Delta::new(d, Unit::Count, true)),
        drop_off_delta: diff(|s| s.drop_off).map(|d| Delta::new(d, Unit::Percent, false)),
        added: if both { tb.difference(&ta).copied().collect() } else { Vec::new() },
        removed: if both { ta.difference(&tb).copied().collect() } else { Vec::new() },
        resolved: if both { pa.difference(&pb).copied().collect() } else { Vec::new() },
        new_pain: if both { pb.difference(&pa).copied().collect() } else { Vec::new() },
        current: a,
        target: b,
    }
}

/// Stages in the current journey's order, the target's own stages placed after the stage they
/// follow there; none is dropped.
fn rows<'a>(a: &'a Journey, b: &'a Journey) -> Vec<Row<'a>> {
    let mut a_sides: Vec<Option<Side>> = sides(a).into_iter().map(Some).collect();
    let mut b_sides: Vec<Option<Side>> = sides(b).into_iter().map(Some).collect();
    let mut out: Vec<Row> = Vec::new();
    // Target stages that come before any matched stage go first.
    let mut pending: Vec<usize> = Vec::new();
    let mut placed_after: Vec<Vec<usize>> = vec![Vec::new(); a.stages.len()];
    let mut last_match: Option<usize> = None;
    for (k, sb) in b.stages.iter().enumerate() {
        match a.stages.iter().position(|s| s.id == sb.id) {
            Some(i) => last_match = Some(i),
            None => match last_match {
                Some(i) => placed_after[i].push(k),
                None => pending.push(k),
            },
        }
    }
    for k in pending {
        out.push(row(None, b_sides[k].take().map(|s| (&b.stages[k], s))));
    }
    for (i, sa) in a.stages.iter().enumerate() {
        let matched = b.stages.iter().position(|s| s.id == sa.id);
        let b_side = matched.and_then(|k| b_sides[k].take().map(|s| (&b.stages[k], s)));
        out.push(row(a_sides[i].take().map(|s| (sa, s)), b_side));
        for &k in &placed_after[i] {
            out.push(row(None, b_sides[k].take().map(|s| (&b.stages[k], s))));
        }
    }
    out
}

/// A journey metric's value, in the page's language, and status.
fn display_of(j: &Journey, id: &str) -> Option<(String, Option<MetricStatus>)> {
    j.metrics.iter().find(|x| x.id == id).map(|x| (amounts::texts(x).value, x.status))
}

/// A metric of either journey: its value and status on each side.
#[derive(Serialize)]
pub struct MetricPair<'a> {
    pub name: &'a str,
    pub current: Option<String>,
    pub target: Option<String>,
    pub current_status: Option<MetricStatus>,
    pub target_status: Option<MetricStatus>,
}

/// What `compare.html` (two journeys side by side) receives.
#[derive(Serialize)]
pub struct CompareContext<'a> {
    /// The base journey and the one it is compared with, as cards.
    pub current: &'a JourneyCard<'a>,
    pub target: &'a JourneyCard<'a>,
    /// Stage by stage: each side, the changes, touchpoints added and removed, pain points
    /// resolved and new.
    pub rows: Vec<Row<'a>>,
    /// Every metric of either journey, once by name.
    pub metrics: Vec<MetricPair<'a>>,
    /// Both emotion curves on one chart (SVG); `None` when neither has an emotion.
    pub chart: Option<String>,
    /// How many pain points the target resolves in all.
    pub resolved: usize,
}

pub fn compare(content: &Content, a: &Journey, b: &Journey) -> Page {
    let mut metrics: Vec<MetricPair> = Vec::new();
    for m in a.metrics.iter().chain(&b.metrics) {
        if metrics.iter().any(|p| p.name == m.name) {
            continue;
        }
        let (ca, cb) = (display_of(a, &m.id), display_of(b, &m.id));
        metrics.push(MetricPair {
            name: &m.name,
            current_status: ca.as_ref().and_then(|x| x.1),
            target_status: cb.as_ref().and_then(|x| x.1),
            current: ca.map(|x| x.0),
            target: cb.map(|x| x.0),
        });
    }
    let rows = rows(a, b);
    let resolved = rows.iter().map(|r| r.resolved.len()).sum();
    let c = CompareContext {
        current: &content.journey_cards[content.journey_index[a.id.as_str()]],
        target: &content.journey_cards[content.journey_index[b.id.as_str()]],
        rows,
        metrics,
        chart: charts::emotion::chart(a, Some(b)),
        resolved,
    };
    let title = format!("{} compared with {}", a.title, b.title);
    page(Route::Compare(&a.id, &b.id), &title, Section::Journeys, &c)
}
