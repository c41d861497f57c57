//! Metrics (SPEC §5): the catalogue, derived values, status and funnels. No I/O.

pub mod catalogue;
pub mod compute;
pub mod format;
pub mod formula;
pub mod funnel;
pub mod research;
pub mod stats;
pub mod status;

/// Periods are model values; the old path is kept for callers that name them here.
pub use crate::model::period;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Journey, Metric, MetricInput, MetricStatus, Unit};
use catalogue::MetricInfo;
use compute::Settings;

/// The LTV : CAC rule of thumb: a customer should be worth three times what it cost to win.
pub const LTV_CAC_TARGET: f64 = 3.0;

/// Works out every metric of every journey and stage, and each journey's `ltv_cac_ratio`.
/// Journeys are worked out on every core; their diagnostics keep journey order.
pub fn compute_all(journeys: &mut [Journey], settings: &Settings, diagnostics: &mut Diagnostics) {
    use rayon::prelude::*;
    let found: Vec<Diagnostics> = journeys
        .par_iter_mut()
        .with_max_len(1)
        .map(|journey| {
            let mut found = Diagnostics::default();
            journey.metrics = compute_list(&journey.metric_inputs, settings, &mut found);
            for stage in &mut journey.stages {
                stage.metrics = compute_list(&stage.metric_inputs, settings, &mut found);
            }
            if let Some(ratio) = ltv_cac(journey, settings) {
                journey.metrics.push(ratio);
            }
            found
        })
        .collect();
    for found in found {
        diagnostics.extend(found);
    }
}

fn compute_list(inputs: &[MetricInput], settings: &Settings, diagnostics: &mut Diagnostics) -> Vec<Metric> {
    let mut out: Vec<Metric> = Vec::with_capacity(inputs.len());
    for input in inputs {
        if input.id == "ltv_cac_ratio" {
            diagnostics.push(
                Diagnostic::error("E061", &input.file, input.pos, "`ltv_cac_ratio` is derived from `cltv` and `cac`")
                    .with_help("remove it; journeybook works it out wherever a journey has both"),
            );
            continue;
        }
        if let Some(m) = compute::metric(input, settings, diagnostics) {
            out.push(m);
        }
    }
    out
}

/// `cltv / cac` from the journey's own metrics, or else from its stages.
fn ltv_cac(journey: &Journey, settings: &Settings) -> Option<Metric> {
    let find = |id: &str| {
        journey
            .metrics
            .iter()
            .find(|m| m.id == id)
            .or_else(|| journey.stages.iter().flat_map(|s| &s.metrics).find(|m| m.id == id))
    };
    let (cltv, cac) = (find("cltv")?, find("cac")?);
    if cac.value == 0.0 {
        return None;
    }
    let info = MetricInfo {
        id: "ltv_cac_ratio".into(),
        name: "LTV : CAC ratio".into(),
        unit: format::Unit::Ratio,
        higher_is_better: true,
        description: "Customer lifetime value over acquisition cost; 3 : 1 is the usual rule of thumb".into(),
    };
    let input = MetricInput {
        id: info.id.clone(),
        pos: cac.pos,
        file: cac.file.clone(),
        value: None,
        inputs: Vec::new(),
        target: None,
        series: Vec::new(),
        note: Default::default(),
    };
    let value = cltv.value / cac.value;
    if !value.is_finite() {
        return None;
    }
    let mut metric = compute::finish(
        &info,
        value,
        crate::model::ValueSource::Derived,
        Some(LTV_CAC_TARGET),
        Vec::new(),
        &input,
        settings,
    );
    metric.display = format!("{} : 1", format::value(format::Unit::Ratio, (value * 10.0).round() / 10.0, ""));
    metric.target_display = Some("3 : 1".into());
    Some(metric)
}

/// A metric as `metrics.json` writes it; `playbook.json` uses the same shape (SPEC §10).
#[derive(Serialize)]
pub struct JsonMetric<'a> {
    id: &'a str,
    name: &'a str,
    unit: Unit,
    value: f64,
    target: Option<f64>,
    status: Option<MetricStatus>,
    /// Responses behind the value, its 95 % interval and tests (SPEC §11); null otherwise.
    n: Option<u64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    change_significant: Option<bool>,
    status_certain: Option<bool>,
}

impl<'a> JsonMetric<'a> {
    /// The JSON form of each of `metrics`, in order.
    pub fn list(metrics: &'a [Metric]) -> Vec<Self> {
        metrics
            .iter()
            .map(|m| JsonMetric {
                id: &m.id,
                name: &m.name,
                unit: m.unit,
                value: m.value,
                target: m.target,
                status: m.status,
                n: m.uncertainty.as_ref().map(|u| u.n),
                ci_low: m.uncertainty.as_ref().and_then(|u| u.ci_low),
                ci_high: m.uncertainty.as_ref().and_then(|u| u.ci_high),
                change_significant: m.uncertainty.as_ref().and_then(|u| u.change_significant),
                status_certain: m.uncertainty.as_ref().and_then(|u| u.status_certain),
            })
            .collect()
    }
}

#[derive(Serialize)]
struct JsonJourney<'a> {
    id: &'a str,
    title: &'a str,
    state: crate::model::JourneyState,
    metrics: Vec<JsonMetric<'a>>,
    stages: Vec<JsonStage<'a>>,
    /// What the journey's event log says (SPEC §11), when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<&'a crate::model::research::EventFunnel>,
}

#[derive(Serialize)]
struct JsonStage<'a> {
    id: &'a str,
    name: &'a str,
    entered: Option<u64>,
    drop_off: Option<f64>,
    emotion: Option<f64>,
    metrics: Vec<JsonMetric<'a>>,
}

/// `metrics.json` (SPEC §7): every journey's metrics, stages and funnel, values unrounded.
pub fn json(journeys: &[Journey]) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = write(journeys, &mut out);
    out
}

/// Writes [`json`] to `out` as it is made.
pub fn write(journeys: &[Journey], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Root<'a> {
        journeys: Vec<JsonJourney<'a>>,
    }
    let journeys = journeys
        .iter()
        .map(|j| {
            let drops = funnel::drop_offs(&j.stages.iter().map(|s| s.entered).collect::<Vec<_>>());
            JsonJourney {
                id: &j.id,
                title: &j.title,
                state: j.state,
                metrics: JsonMetric::list(&j.metrics),
                events: j.events.as_deref(),
                stages: j
                    .stages
                    .iter()
                    .zip(drops)
                    .map(|(s, drop_off)| JsonStage {
                        id: &s.id,
                        name: &s.name,
                        entered: s.entered,
                        drop_off,
                        emotion: s.emotion,
                        metrics: JsonMetric::list(&s.metrics),
                    })
                    .collect(),
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &Root { journeys })?;
    out.write_all(b"\n")
}

/// Diagnostics for every metric whose status is `threshold` or worse (`check --fail-on`);
/// with `certain`, only misses whose interval lies wholly on the wrong side of the target
/// (a metric without an interval counts as certain).
pub fn failing(journeys: &[Journey], threshold: MetricStatus, certain: bool) -> Diagnostics {
    let limit = status::rank(Some(threshold));
    let mut out = Diagnostics::default();
    for j in journeys {
        let stage_metrics = j.stages.iter().flat_map(|s| s.metrics.iter().map(move |m| (Some(s), m)));
        for (stage, m) in j.metrics.iter().map(|m| (None, m)).chain(stage_metrics) {
            let Some(status) = m.status.filter(|s| status::rank(Some(*s)) >= limit) else { continue };
            let uncertain = m.uncertainty.as_ref().is_some_and(|u| u.status_certain == Some(false));
            if certain && uncertain {
                continue;
            }
            let place = match stage {
                Some(s) => format!("stage `{}` of `{}`", s.id, j.id),
                None => format!("journey `{}`", j.id),
            };
            let target = m.target_display.as_deref().unwrap_or_default();
            out.push(Diagnostic::error(
                "E090",
                &m.file,
                m.pos,
                format!(
                    "`{}` of {place} is {}: {} against a target of {target}",
                    m.id,
                    crate::model::action::Word::as_str(status).replace('_', " "),
                    m.display
                ),
            ));
        }
    }
    out
}
