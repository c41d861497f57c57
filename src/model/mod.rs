//! The typed journey model: what the loaders produce and every later step reads.

pub mod action;
pub mod id;
pub mod lanes;
pub mod period;
pub mod reference;
pub mod research;
mod spanned;
pub mod words;

use chrono::NaiveDate;
use serde::Serialize;

use crate::diagnostic::{Pos, Span};
use period::Period;
pub use spanned::Spanned;

pub use action::{Amount, Level, Opportunity, OpportunityStatus, PainPoint, PainStatus};
pub use words::{Calendar, Direction, JourneyState, MetricStatus, NoteKind, Unit, ValueSource};

/// A Markdown field: its source and place, and the HTML the Markdown step fills in.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Markdown {
    #[serde(skip)]
    pub source: String,
    #[serde(skip)]
    pub pos: Pos,
    /// Sanitised HTML, empty until the Markdown step runs.
    pub html: String,
    /// The first paragraph as plain text, for lists and summaries.
    pub excerpt: String,
    /// The headings, for a table of contents.
    pub toc: Vec<TocEntry>,
}

/// A heading of a Markdown text: its level (1–6), anchor id and text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub text: String,
}

impl Markdown {
    pub fn new(source: String, pos: Pos) -> Self {
        Markdown { source, pos, html: String::new(), excerpt: String::new(), toc: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.source.trim().is_empty()
    }
}

/// A number as written: `0.031`, or a percentage string such as `"3.1%"` (kept as 0.031).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    /// Written with a `%` sign, so already divided by 100.
    pub percent: bool,
}

/// One point of a metric's series, from the journey file or a CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct SeriesPoint {
    pub period: Period,
    pub value: Spanned<Number>,
    /// The file it is written in, shared by every point of that file.
    pub file: std::sync::Arc<str>,
}

/// A metric as written in a journey or stage (SPEC §5), before its value is worked out.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricInput {
    pub id: String,
    /// Where the metric's key is written.
    pub pos: Pos,
    pub file: String,
    pub value: Option<Spanned<Number>>,
    pub inputs: Vec<(String, Spanned<f64>)>,
    pub target: Option<Spanned<Number>>,
    pub series: Vec<SeriesPoint>,
    pub note: Markdown,
}

/// One point of a metric's trend, as shown.
#[derive(Debug, Clone, Serialize)]
pub struct TrendPoint {
    pub period: String,
    pub value: f64,
    pub display: String,
}

/// A metric with its value worked out, status decided and numbers written for people.
#[derive(Debug, Clone, Serialize)]
pub struct Metric {
    pub id: String,
    pub name: String,
    pub unit: Unit,
    /// `higher` or `lower`: which way is better.
    pub direction: Direction,
    pub description: String,
    /// The current value, unrounded.
    pub value: f64,
    /// Where the value came from: `value`, `inputs`, `series`, `derived` or `responses`.
    pub source: ValueSource,
    pub target: Option<f64>,
    /// `on_track`, `at_risk` or `off_track`; `None` without a target.
    pub status: Option<MetricStatus>,
    pub series: Vec<TrendPoint>,
    /// Change against the previous period, when there is one.
    pub delta: Option<f64>,
    /// The label of the period `delta` compares with.
    pub previous_period: Option<String>,
    /// Whether the change goes the better way.
    pub delta_better: Option<bool>,
    pub display: String,
    pub target_display: Option<String>,
    pub delta_display: Option<String>,
    pub note: Markdown,
    /// Sample size, interval and tests, for a metric worked out from survey responses.
    pub uncertainty: Option<Box<research::Uncertainty>>,
    /// The ISO 4217 code amounts are written in, for charts that write their own numbers.
    #[serde(skip)]
    pub currency: String,
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub pos: Pos,
}

/// A custom metric declared in `journeybook.yaml`.
#[derive(Debug, Clone, Serialize)]
pub struct MetricDefinition {
    pub id: String,
    pub name: String,
    pub unit: Unit,
    pub direction: Direction,
    pub description: String,
}

/// The largest file journeybook reads unless `max_file_size` says otherwise, in MiB.
pub const DEFAULT_MAX_FILE_MIB: u64 = 16;

/// Site configuration, `journeybook.yaml` (SPEC §2).
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: String,
    pub theme: String,
    #[serde(skip)]
    pub theme_pos: Span,
    pub output: String,
    pub currency: String,
    pub at_risk_band: f64,
    pub build_drafts: bool,
    /// The largest file read, in MiB.
    pub max_file_size: u64,
    pub metrics: Vec<MetricDefinition>,
    /// Default lane order of every journey map (SPEC §3.1); `None` keeps the built-in order.
    pub lanes: Option<Vec<Spanned<String>>>,
    /// Extra lanes every journey may fill.
    pub custom_lanes: Vec<lanes::CustomLane>,
    /// Link schemes allowed beyond the defaults (`slack`, `zoommtg`), lowercase.
    pub link_schemes: Vec<String>,
    /// How ids are derived from names (SPEC §8).
    pub slugify: id::Slugify,
    /// `gregorian` or `buddhist`: the era dates are shown in (SPEC §12).
    pub calendar: Calendar,
    /// Days after a journey's `updated` date at which it is flagged for review (SPEC §10).
    pub stale_after: u64,
    /// Survey response files (SPEC §11).
    #[serde(skip)]
    pub surveys: Vec<research::SurveyFile>,
    /// Event logs (SPEC §11).
    #[serde(skip)]
    pub event_logs: Vec<research::EventLogFile>,
    pub extra: serde_json::Value,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Customer journeys".into(),
            description: String::new(),
            base_url: "/".into(),
            language: "en".into(),
            theme: "default".into(),
            theme_pos: Pos::new(1, 1).into(),
            output: "public".into(),
            currency: "USD".into(),
            at_risk_band: 0.1,
            build_drafts: false,
            max_file_size: DEFAULT_MAX_FILE_MIB,
            metrics: Vec::new(),
            lanes: None,
            custom_lanes: Vec::new(),
            link_schemes: Vec::new(),
            slugify: id::Slugify::Unicode,
            calendar: Calendar::Gregorian,
            stale_after: DEFAULT_STALE_AFTER,
            surveys: Vec::new(),
            event_logs: Vec::new(),
            extra: serde_json::Value::Null,
        }
    }
}

/// Days after `updated` at which a journey needs review, unless `stale_after` says otherwise.
pub const DEFAULT_STALE_AFTER: u64 = 180;

/// A journey, `content/journeys/<id>.yaml` (SPEC §3).
#[derive(Debug, Clone, Serialize)]
pub struct Journey {
    pub id: String,
    pub title: String,
    /// The language of the journey's pages, when not the site's (SPEC §12).
    pub language: Option<String>,
    /// The era of the journey's dates, when not the site's: `gregorian` or `buddhist`.
    pub calendar: Option<Calendar>,
    /// The main persona: `persona`, or the first of `personas`.
    pub persona: Option<Spanned<String>>,
    /// Every persona the journey names, the main one first (SPEC §4).
    pub personas: Vec<Spanned<String>>,
    /// The wider journey this one zooms into, and the stage of it (SPEC §10).
    pub parent: Option<Spanned<String>>,
    pub parent_stage: Option<Spanned<String>>,
    pub state: JourneyState,
    pub compare_to: Option<Spanned<String>>,
    pub owner: String,
    pub updated: Option<NaiveDate>,
    /// Where `updated` is written, for the review warning (W020).
    #[serde(skip)]
    pub updated_pos: Pos,
    /// Lists order journeys by weight (lowest first, none last), then by title.
    pub weight: Option<f64>,
    pub tags: Vec<String>,
    pub summary: Markdown,
    /// This journey's lane order, overriding the config's.
    pub lanes: Option<Vec<Spanned<String>>>,
    /// Lanes this journey adds to the config's.
    pub custom_lanes: Vec<lanes::CustomLane>,
    pub stages: Vec<Stage>,
    pub extra: serde_json::Value,
    /// Metrics as written (and added from CSV files), worked out by the metrics step.
    #[serde(skip)]
    pub metric_inputs: Vec<MetricInput>,
    /// Journey-level metrics with their values, filled in by the metrics step.
    pub metrics: Vec<Metric>,
    /// What an event log says about this journey (SPEC §11).
    pub events: Option<Box<research::EventFunnel>>,
    /// Survey values of its touchpoints and personas (SPEC §11), latest period.
    pub surveyed: Vec<research::ScopedValue>,
    /// The file it came from, relative to the project.
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub id_pos: Pos,
}

/// One stage of a journey, a column of the journey map.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub description: Markdown,
    pub goal: String,
    pub doing: Vec<String>,
    pub thinking: Vec<String>,
    pub feeling: String,
    /// 1 (very negative) to 5 (very positive); from the touchpoints when not given.
    pub emotion: Option<f64>,
    pub entered: Option<u64>,
    /// Where a hand-written `entered` is, for the error when an event log gives it too.
    #[serde(skip)]
    pub entered_pos: Option<Span>,
    /// Event names that put a user in this stage (SPEC §11).
    #[serde(skip)]
    pub events: Vec<Spanned<String>>,
    pub influencers: Vec<String>,
    pub people: Vec<String>,
    pub process: Vec<String>,
    pub tech: Vec<String>,
    pub touchpoints: Vec<Touchpoint>,
    pub pain_points: Vec<PainPoint>,
    pub opportunities: Vec<Opportunity>,
    /// What the stage puts in each custom lane, in the order written.
    pub custom: Vec<lanes::CustomCell>,
    pub extra: serde_json::Value,
    #[serde(skip)]
    pub metric_inputs: Vec<MetricInput>,
    /// Stage-level metrics with their values, filled in by the metrics step.
    pub metrics: Vec<Metric>,
    #[serde(skip)]
    pub pos: Pos,
}

/// A point of contact between the customer and the company within a stage.
#[derive(Debug, Clone, Serialize)]
pub struct Touchpoint {
    pub name: String,
    pub channel: String,
    pub owner: String,
    pub emotion: Option<f64>,
    pub description: String,
    pub pain_points: Vec<PainPoint>,
    pub opportunities: Vec<Opportunity>,
    pub moment_of_truth: bool,
    /// Who takes part, as Mermaid journey diagrams name them.
    pub actors: Vec<String>,
    pub extra: serde_json::Value,
    /// Where the touchpoint's name is written.
    #[serde(skip)]
    pub pos: Span,
}

/// A persona, `content/personas/<id>.yaml` (SPEC §4).
#[derive(Debug, Clone, Serialize)]
pub struct Persona {
    pub id: String,
    pub name: String,
    /// The language of the persona's page, when not the site's (SPEC §12).
    pub language: Option<String>,
    pub primary: bool,
    pub role: String,
    pub quote: String,
    pub goals: Vec<String>,
    pub needs: Vec<String>,
    pub aspirations: Vec<String>,
    pub frustrations: Vec<String>,
    pub influencers: Vec<String>,
    /// A path under `static/` or a URL.
    pub photo: Option<Spanned<String>>,
    /// A free map, shown as a table.
    pub demographics: serde_json::Value,
    /// A share of customers or a count.
    pub segment_size: Option<Amount>,
    pub extra: serde_json::Value,
    #[serde(skip)]
    pub file: String,
    #[serde(skip)]
    pub primary_pos: Pos,
    #[serde(skip)]
    pub id_pos: Pos,
}

/// An insight note, `content/insights/**/*.md` (SPEC §6).
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// Path under `insights/` without `.md`, e.g. `2026/first-delivery`.
    pub id: String,
    pub title: String,
    /// The language of the note's page, when not the site's (SPEC §12).
    pub language: Option<String>,
    pub date: NaiveDate,
    pub journey: Option<Spanned<String>>,
    pub stage: Option<Spanned<String>>,
    pub touchpoint: Option<Spanned<String>>,
    pub kind: NoteKind,
    pub tags: Vec<String>,
    pub author: String,
    pub confidence: Level,
    pub draft: bool,
    /// Pain points and opportunities the note backs: `<journey>/<id>` (SPEC §10).
    pub supports: Vec<Spanned<String>>,
    pub body: Markdown,
    pub extra: serde_json::Value,
    #[serde(skip)]
    pub file: String,
}
