//! Raw research data (SPEC §11): the survey and event-log files `journeybook.yaml` declares,
//! and what journeybook works out from them.

use serde::Serialize;

use crate::diagnostic::Span;
use crate::model::period::Granularity;
use crate::model::Spanned;

/// Where a field of a row comes from: one value for every row, or a column of the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    Fixed(Spanned<String>),
    Column(Spanned<String>),
}

/// A survey response file as declared under `surveys:`.
#[derive(Debug, Clone)]
pub struct SurveyFile {
    /// Relative to `content/`, as written.
    pub file: Spanned<String>,
    pub kind: Kind,
    pub period: Granularity,
    pub score: Source,
    pub date: Source,
    pub journey: Option<Source>,
    pub stage: Option<Source>,
    pub touchpoint: Option<Source>,
    pub persona: Option<Source>,
}

/// An event log as declared under `event_logs:`.
#[derive(Debug, Clone)]
pub struct EventLogFile {
    /// Relative to `content/`, as written.
    pub file: Spanned<String>,
    pub user: Spanned<String>,
    pub event: Spanned<String>,
    pub time: Spanned<String>,
    pub journey: Spanned<String>,
    /// How long after entering the first stage a user may enter the last, in seconds.
    pub window: i64,
}

/// What a survey answers about: a whole journey, one of its stages, a touchpoint or a persona.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Journey,
    /// A stage, by index.
    Stage(usize),
    /// A touchpoint, by stage and touchpoint index.
    Touchpoint(usize, usize),
    /// A persona, by index among the project's personas.
    Persona(usize),
}

/// One period's responses to one kind of survey for one scope.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyPoint {
    /// The period's label (`2026-03`, `2026-Q1`, …).
    pub period: String,
    pub estimate: Estimate,
    /// Whether the change from the previous period with responses is significant.
    pub significant: Option<bool>,
}

/// The per-period values of one kind of survey for one scope of a journey.
#[derive(Debug, Clone)]
pub struct SurveySeries {
    pub journey: usize,
    pub scope: Scope,
    pub kind: Kind,
    /// In time order; never empty.
    pub points: Vec<SurveyPoint>,
    /// The survey file and where it is declared, for diagnostics about the whole series.
    pub file: String,
    pub declared: Span,
}

/// What an event log says about a journey's event funnel.
#[derive(Debug, Clone, Serialize)]
pub struct EventFunnel {
    /// The log file, relative to `content/`.
    pub file: String,
    pub steps: Vec<FunnelStep>,
    pub cohorts: Vec<Cohort>,
    /// How many calendar months after entering the retention curve reaches.
    pub months: usize,
}

/// One stage of the event funnel.
#[derive(Debug, Clone, Serialize)]
pub struct FunnelStep {
    pub stage: String,
    pub name: String,
    pub entered: u64,
    /// Time from entering the previous stage to entering this one, over the users who did.
    pub median_seconds: Option<i64>,
    pub p90_seconds: Option<i64>,
    pub median_display: Option<String>,
    pub p90_display: Option<String>,
}

/// The users who entered the first stage in one calendar month, and how many came back.
#[derive(Debug, Clone, Serialize)]
pub struct Cohort {
    /// `YYYY-MM`.
    pub month: String,
    pub size: u64,
    /// The share with any row in the log in each following month (1, 2, …); `None` for a
    /// month after the log ends.
    pub retained: Vec<Option<f64>>,
}

/// How sure a value worked out from survey responses is (SPEC §11), for cards, charts and
/// `metrics.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Uncertainty {
    /// Responses behind the current value.
    pub n: u64,
    /// The current value's 95 % interval; `None` without one.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Whether the change from the previous period with responses is significant; `None`
    /// without an earlier period.
    pub change_significant: Option<bool>,
    /// Whether the status against the target is certain; `None` without a target.
    pub status_certain: Option<bool>,
    /// Half the interval's width in the metric's unit, such as `± 6.2`.
    pub margin_display: Option<String>,
    /// The interval in the metric's unit, such as `12.4 to 25`.
    pub interval_display: Option<String>,
    /// One entry per point of the metric's series.
    pub points: Vec<BandPoint>,
}

/// The interval and test result of one period of a survey series.
#[derive(Debug, Clone, Serialize)]
pub struct BandPoint {
    pub n: u64,
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// The change from the point before is significant.
    pub significant: bool,
    /// The interval in the metric's unit, such as `50% to 90%`.
    pub interval_display: Option<String>,
}

/// The latest survey value for a touchpoint or a persona of a journey, for its page.
#[derive(Debug, Clone, Serialize)]
pub struct ScopedValue {
    /// The metric's name, such as `Net Promoter Score`.
    pub metric: String,
    /// The metric's catalogue id, such as `nps`, for its name in the page's language.
    pub metric_id: &'static str,
    /// `touchpoint` or `persona`.
    pub scope: &'static str,
    /// The touchpoint's stage, by id.
    pub stage: Option<String>,
    pub name: String,
    pub period: String,
    pub n: u64,
    pub value: f64,
    pub display: String,
    pub margin_display: Option<String>,
    /// The metric's unit, for wording `value` and `margin` in the page's language.
    #[serde(skip)]
    pub unit: &'static str,
    /// Half the interval's width, in the metric's unit.
    #[serde(skip)]
    pub margin: Option<f64>,
}

/// The kinds of survey and the scale each is answered on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Net Promoter Score: 0–10, as −100..100.
    Nps,
    /// Customer satisfaction: 1–5, as the share answering 4 or 5.
    Csat,
    /// Customer effort: 1–7, as the mean score.
    Ces,
}

impl crate::model::action::Word for Kind {
    const WORDS: &'static [(&'static str, Self)] = &[("nps", Kind::Nps), ("csat", Kind::Csat), ("ces", Kind::Ces)];
}

impl Kind {
    /// The metric id of the catalogue the kind fills.
    pub fn metric(self) -> &'static str {
        match self {
            Kind::Nps => "nps",
            Kind::Csat => "csat",
            Kind::Ces => "ces",
        }
    }

    /// The lowest and highest score a response may give.
    pub fn scale(self) -> (u8, u8) {
        match self {
            Kind::Nps => (0, 10),
            Kind::Csat => (1, 5),
            Kind::Ces => (1, 7),
        }
    }
}

/// A value worked out from responses: how many, the value, its standard error and interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub n: u64,
    pub value: f64,
    /// The standard error; `None` with fewer than two responses.
    pub se: Option<f64>,
    /// The 95 % interval; `None` with fewer than two responses or a standard error of 0.
    pub interval: Option<(f64, f64)>,
    /// For CES, the sample standard deviation, which Welch's test needs.
    pub sd: Option<f64>,
}
