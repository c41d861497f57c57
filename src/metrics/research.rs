//! Metrics from survey responses (SPEC §11): the per-period values become the metric's series,
//! with n, interval, significance and status certainty beside them. No I/O.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::metrics::compute::{self, Settings};
use crate::metrics::format::{self, Unit};
use crate::metrics::stats;
use crate::model::action::Word;
use crate::model::research::{BandPoint, Scope, ScopedValue, SurveySeries, Uncertainty};
use crate::model::{Journey, Markdown, Metric, MetricInput, Persona};

/// Fewer responses than this behind the latest value is a warning (W030).
pub const FEW_RESPONSES: u64 = 30;

/// A metric written in a journey file that survey responses give the values of: its place
/// in the list and what was written (a target and a note at most).
pub struct Taken {
    series: usize,
    index: usize,
    input: MetricInput,
}

/// Takes out of the journeys the metrics that surveys fill, so that the ordinary metric step
/// does not ask them for a value; a metric that has a value of its own as well is E110.
pub fn take(journeys: &mut [Journey], surveys: &[SurveySeries], diagnostics: &mut Diagnostics) -> Vec<Taken> {
    let mut taken = Vec::new();
    for (i, series) in surveys.iter().enumerate() {
        let journey = &mut journeys[series.journey];
        let (inputs, place) = match series.scope {
            Scope::Journey => (&mut journey.metric_inputs, format!("journey `{}`", journey.id)),
            Scope::Stage(s) => {
                let place = format!("stage `{}` of `{}`", journey.stages[s].id, journey.id);
                (&mut journey.stages[s].metric_inputs, place)
            }
            _ => continue,
        };
        let id = series.kind.metric();
        let Some(index) = inputs.iter().position(|m| m.id == id) else { continue };
        let input = inputs[index].clone();
        let by_hand = [
            (input.value.is_some(), "a `value`"),
            (!input.inputs.is_empty(), "`inputs`"),
            (input.series.iter().any(|p| !p.file.ends_with(".csv")), "a `series`"),
            (input.series.iter().any(|p| p.file.ends_with(".csv")), "CSV observations"),
        ];
        if let Some((_, how)) = by_hand.iter().find(|(given, _)| *given) {
            let csv = input.series.iter().find(|p| p.file.ends_with(".csv"));
            let (file, at) = match csv {
                Some(p) if input.value.is_none() && input.inputs.is_empty() => (&*p.file, p.value.span()),
                _ => (input.file.as_str(), input.pos.into()),
            };
            diagnostics.push(
                Diagnostic::error(
                    "E110",
                    file,
                    at,
                    format!("`{id}` of {place} is given by {how} here and by the survey responses in {}", series.file),
                )
                .with_help("keep one: remove the values written by hand, or the survey"),
            );
        }
        taken.push(Taken { series: i, index, input });
    }
    // Removed last first, so that each index still points at its metric.
    let mut order: Vec<&Taken> = taken.iter().collect();
    order.sort_by_key(|t| std::cmp::Reverse(t.index));
    for t in order {
        let series = &surveys[t.series];
        let journey = &mut journeys[series.journey];
        let inputs = match series.scope {
            Scope::Stage(s) => &mut journey.stages[s].metric_inputs,
            _ => &mut journey.metric_inputs,
        };
        inputs.remove(t.index);
    }
    taken
}

/// Adds a metric to each journey and stage that survey responses speak of, with the target
/// and note written for it, and warns where the latest value rests on few responses.
pub fn apply(
    journeys: &mut [Journey],
    surveys: &[SurveySeries],
    mut taken: Vec<Taken>,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) {
    // Written metrics go back in the order they were written, the others after them.
    let mut order: Vec<usize> = (0..surveys.len()).collect();
    order.sort_by_key(|i| {
        let index = taken.iter().find(|t| t.series == *i).map_or(usize::MAX, |t| t.index);
        (surveys[*i].journey, surveys[*i].scope, index)
    });
    for i in order {
        let series = &surveys[i];
        let journey = &mut journeys[series.journey];
        let (metrics, place) = match series.scope {
            Scope::Journey => (&mut journey.metrics, format!("journey `{}`", journey.id)),
            Scope::Stage(s) => {
                let place = format!("stage `{}` of `{}`", journey.stages[s].id, journey.id);
                (&mut journey.stages[s].metrics, place)
            }
            _ => continue,
        };
        let written = taken.iter().position(|t| t.series == i).map(|k| taken.swap_remove(k));
        let index = written.as_ref().map_or(metrics.len(), |t| t.index.min(metrics.len()));
        let input = written.map(|t| t.input).unwrap_or_else(|| MetricInput {
            id: series.kind.metric().to_string(),
            pos: series.declared.start,
            file: "journeybook.yaml".to_string(),
            value: None,
            inputs: Vec::new(),
            target: None,
            series: Vec::new(),
            note: Markdown::default(),
        });
        let Some(metric) = metric(series, &input, settings, diagnostics) else { continue };
        let latest = series.points.last().map_or(0, |p| p.estimate.n);
        if latest < FEW_RESPONSES {
            let period = series.points.last().map(|p| p.period.as_str()).unwrap_or_default();
            diagnostics.push(
                Diagnostic::warning(
                    "W030",
                    &input.file,
                    input.pos,
                    format!(
                        "`{}` of {place} rests on {latest} response{} in {period}; fewer than {FEW_RESPONSES} leave it uncertain",
                        metric.id,
                        if latest == 1 { "" } else { "s" }
                    ),
                )
                .with_help(format!("the responses come from {}", series.file)),
            );
        }
        metrics.insert(index, metric);
    }
}

/// The latest value of each touchpoint and persona that responses name, on its journey.
pub fn scoped(journeys: &mut [Journey], personas: &[Persona], surveys: &[SurveySeries], settings: &Settings) {
    for series in surveys {
        let Some(last) = series.points.last() else { continue };
        let journey = &mut journeys[series.journey];
        let (scope, stage, name) = match series.scope {
            Scope::Touchpoint(s, t) => {
                let stage = &journey.stages[s];
                ("touchpoint", Some(stage.id.clone()), stage.touchpoints[t].name.clone())
            }
            Scope::Persona(p) => ("persona", None, personas[p].name.clone()),
            _ => continue,
        };
        let Some(info) = settings.catalogue.get(series.kind.metric()) else { continue };
        let unit = info.unit;
        let margin = last.estimate.interval.map(|(lo, hi)| (hi - lo) / 2.0);
        journey.surveyed.push(ScopedValue {
            metric: info.name.clone(),
            metric_id: series.kind.metric(),
            scope,
            stage,
            name,
            period: last.period.clone(),
            n: last.estimate.n,
            value: last.estimate.value,
            display: format::value(unit, last.estimate.value, settings.currency),
            margin_display: margin.map(|m| margin_text(unit, m, settings.currency)),
            unit: info.unit.as_str(),
            margin,
        });
    }
}

/// Half an interval's width for people: `± 6.2`, `± 4.1 pts`.
fn margin_text(unit: Unit, margin: f64, currency: &str) -> String {
    match format::delta(unit, margin, currency).strip_prefix('+') {
        Some(rest) => format!("± {rest}"),
        None => "± 0".to_string(),
    }
}

/// The metric a survey series gives, its target checked as any written target is.
fn metric(
    series: &SurveySeries,
    input: &MetricInput,
    settings: &Settings,
    diagnostics: &mut Diagnostics,
) -> Option<Metric> {
    let info = settings.catalogue.get(series.kind.metric())?;
    let target = match &input.target {
        Some(t) => Some(compute::checked(info, t, "target", &input.file, diagnostics)?),
        None => None,
    };
    let last = series.points.last()?;
    let values: Vec<(String, f64)> = series.points.iter().map(|p| (p.period.clone(), p.estimate.value)).collect();
    let mut metric = compute::finish(
        info,
        last.estimate.value,
        crate::model::ValueSource::Responses,
        target,
        values,
        input,
        settings,
    );
    let unit = metric.unit;
    let interval = last.estimate.interval;
    let margin = interval.map(|(lo, hi)| (hi - lo) / 2.0);
    let shown = |x: f64| format::value(unit, x, settings.currency);
    metric.uncertainty = Some(Box::new(Uncertainty {
        n: last.estimate.n,
        ci_low: interval.map(|i| i.0),
        ci_high: interval.map(|i| i.1),
        change_significant: last.significant,
        status_certain: target.map(|t| stats::status_certain(last.estimate.value, interval, t, info.higher_is_better)),
        margin_display: margin.map(|m| margin_text(unit, m, settings.currency)),
        interval_display: interval.map(|(lo, hi)| format!("{} to {}", shown(lo), shown(hi))),
        points: series
            .points
            .iter()
            .map(|p| BandPoint {
                n: p.estimate.n,
                low: p.estimate.interval.map(|i| i.0),
                high: p.estimate.interval.map(|i| i.1),
                significant: p.significant == Some(true),
                interval_display: p.estimate.interval.map(|(lo, hi)| format!("{} to {}", shown(lo), shown(hi))),
            })
            .collect(),
    }));
    Some(metric)
}
