//! Working out each metric: its value from `value`, `inputs` or `series`, checked against its
//! unit, with status and change against the previous period.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::metrics::catalogue::{Catalogue, MetricInfo};
use crate::metrics::format::{self, Unit};
use crate::metrics::formula::{self, FormulaError};
use crate::metrics::status;
use crate::model::Spanned;
use crate::model::{Metric, MetricInput, Number, TrendPoint, ValueSource};

/// How far `value` may differ from what `inputs` give before it is a warning.
pub const AGREEMENT: f64 = 0.005;

/// Settings that shape every metric.
pub struct Settings<'a> {
    pub catalogue: &'a Catalogue,
    pub currency: &'a str,
    pub at_risk_band: f64,
    /// Whether each point of a series is written out for showing (its `display`), as the
    /// pages' trend tables show it; `check` shows no point, and a large playbook has many.
    pub points_shown: bool,
}

/// Works out one metric; `None` (with diagnostics) when it cannot be.
pub fn metric(input: &MetricInput, settings: &Settings, diagnostics: &mut Diagnostics) -> Option<Metric> {
    let file = input.file.as_str();
    let Some(info) = settings.catalogue.get(&input.id) else {
        diagnostics.push(settings.catalogue.unknown(&input.id, file, input.pos));
        return None;
    };
    let errors_before = diagnostics.error_count();
    let value = input.value.as_ref().and_then(|v| checked(info, v, "value", file, diagnostics));
    let target = input.target.as_ref().and_then(|t| checked(info, t, "target", file, diagnostics));
    let derived = derived(info, input, diagnostics);
    let series = series(info, input, diagnostics);
    if diagnostics.error_count() > errors_before {
        return None;
    }
    let (current, source) = match (value, derived, series.last()) {
        (Some(v), Some(d), _) => {
            if (v - d).abs() > AGREEMENT * d.abs().max(f64::MIN_POSITIVE) {
                let pos = input.value.as_ref().map_or(input.pos.into(), |v| v.span());
                let shown = |x| format::value(info.unit, x, settings.currency);
                diagnostics.push(
                    Diagnostic::warning(
                        "W010",
                        file,
                        pos,
                        format!("`{}` is written as {} but its inputs give {}", info.id, shown(v), shown(d)),
                    )
                    .with_help("the written value is used; fix whichever is out of date"),
                );
            }
            (v, ValueSource::Value)
        }
        (Some(v), None, _) => (v, ValueSource::Value),
        (None, Some(d), _) => (d, ValueSource::Inputs),
        (None, None, Some((_, last))) => (*last, ValueSource::Series),
        // Inputs that gave no value have been reported already.
        (None, None, None) if !input.inputs.is_empty() => return None,
        (None, None, None) => {
            diagnostics.push(
                Diagnostic::error("E066", file, input.pos, format!("metric `{}` has no value", info.id))
                    .with_help("give it a `value`, `inputs` to derive it from, or a `series`"),
            );
            return None;
        }
    };
    Some(finish(info, current, source, target, series, input, settings))
}

/// Builds the shown metric from its parts.
pub fn finish(
    info: &MetricInfo,
    value: f64,
    source: ValueSource,
    target: Option<f64>,
    series: Vec<(String, f64)>,
    input: &MetricInput,
    settings: &Settings,
) -> Metric {
    let show = |x: f64| format::value(info.unit, x, settings.currency);
    let previous = match (source, series.len()) {
        (ValueSource::Series, n) if n >= 2 => Some(&series[n - 2]),
        (ValueSource::Series, _) => None,
        (_, n) if n >= 1 => {
            let last = &series[n - 1];
            // A series that ends on the current value compares with the point before it.
            if (last.1 - value).abs() <= f64::EPSILON * value.abs().max(1.0) {
                (n >= 2).then(|| &series[n - 2])
            } else {
                Some(last)
            }
        }
        _ => None,
    };
    let delta = previous.map(|p| value - p.1);
    Metric {
        id: info.id.clone(),
        name: info.name.clone(),
        unit: info.unit,
        direction: info.direction(),
        description: info.description.clone(),
        value,
        source,
        target,
        status: target.map(|t| status::status(value, t, info.higher_is_better, settings.at_risk_band)),
        series: series
            .iter()
            .map(|(period, v)| TrendPoint {
                period: period.clone(),
                value: *v,
                display: if settings.points_shown { show(*v) } else { String::new() },
            })
            .collect(),
        delta,
        previous_period: previous.map(|p| p.0.clone()),
        delta_better: delta
            .filter(|d| !format::rounds_to_zero(info.unit, *d))
            .map(|d| (d > 0.0) == info.higher_is_better),
        display: show(value),
        target_display: target.map(show),
        delta_display: delta.map(|d| format::delta(info.unit, d, settings.currency)),
        note: input.note.clone(),
        uncertainty: None,
        currency: settings.currency.to_string(),
        file: input.file.clone(),
        pos: input.pos,
    }
}

/// A written number checked against the metric's unit and range.
pub fn checked(
    info: &MetricInfo,
    n: &Spanned<Number>,
    what: &str,
    file: &str,
    diagnostics: &mut Diagnostics,
) -> Option<f64> {
    let Number { value, percent } = n.value;
    if percent && info.unit != Unit::Percent {
        diagnostics.push(Diagnostic::error(
            "E065",
            file,
            n.span(),
            format!(
                "`{}` is measured in {}, not as a percentage",
                info.id,
                crate::model::action::Word::as_str(info.unit)
            ),
        ));
        return None;
    }
    let (min, max) = info.range();
    if info.unit == Unit::Percent && !percent && value > 1.0 {
        diagnostics.push(
            Diagnostic::error(
                "E065",
                file,
                n.span(),
                format!("{what} {value} is above 1 for `{}`, a percentage", info.id),
            )
            .with_help(format!("write {} or \"{value}%\"", value / 100.0)),
        );
        return None;
    }
    if value < min || value > max {
        diagnostics.push(Diagnostic::error(
            "E065",
            file,
            n.span(),
            format!("{what} {} is outside {} for `{}`", format_number(value), range_words(min, max), info.id),
        ));
        return None;
    }
    Some(value)
}

fn format_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

fn range_words(min: f64, max: f64) -> String {
    if max.is_infinite() {
        format!("the range {} or more", format_number(min))
    } else {
        format!("{} to {}", format_number(min), format_number(max))
    }
}

/// The value the inputs give, if there are inputs.
fn derived(info: &MetricInfo, input: &MetricInput, diagnostics: &mut Diagnostics) -> Option<f64> {
    let first = input.inputs.first()?;
    if input.inputs.iter().any(|(_, v)| v.value < 0.0) {
        return None; // already reported where the input is read
    }
    let file = input.file.as_str();
    let inputs: Vec<(&str, f64)> = input.inputs.iter().map(|(n, v)| (n.as_str(), v.value)).collect();
    let pos_of = |name: &str| input.inputs.iter().find(|(n, _)| n == name).map_or(first.1.span(), |(_, v)| v.span());
    let result = formula::derive(&info.id, &inputs);
    let error = match result {
        Ok(value) => {
            let (min, max) = info.range();
            if value < min || value > max {
                Diagnostic::error(
                    "E065",
                    file,
                    first.1.span(),
                    format!(
                        "these inputs give {} for `{}`, outside {}",
                        format_number(value),
                        info.id,
                        range_words(min, max)
                    ),
                )
                .with_help("check the inputs: a part cannot be larger than its whole")
            } else {
                return Some(value);
            }
        }
        Err(FormulaError::DivisionByZero(name)) => {
            let pos = pos_of(name.split(' ').next().unwrap_or(name));
            Diagnostic::error("E063", file, pos, format!("`{}` divides by {name}, which is zero", info.id))
        }
        Err(FormulaError::Missing { missing, choices }) => {
            let list = |names: &[&str]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
            let sets: Vec<String> = choices.iter().map(|s| list(s)).collect();
            Diagnostic::error("E062", file, first.1.span(), format!("inputs of `{}` lack {}", info.id, list(&missing)))
                .with_help(format!("`{}` is derived from {}", info.id, sets.join(", or from ")))
        }
        Err(FormulaError::Unknown { name, known }) => {
            Diagnostic::error("E062", file, pos_of(&name), format!("`{}` takes no input `{name}`", info.id))
                .suggest(&name, known.iter().copied())
                .with_default_help(format!("its inputs are {}", known.join(", ")))
        }
        Err(FormulaError::TooLarge) => Diagnostic::error(
            "E065",
            file,
            first.1.span(),
            format!("these inputs of `{}` are too large to compute with", info.id),
        ),
        Err(FormulaError::NoFormula) => Diagnostic::error(
            "E062",
            file,
            first.1.span(),
            format!("`{}` is not derived from inputs; give it a `value` or a `series`", info.id),
        ),
    };
    diagnostics.push(error);
    None
}

/// The series in time order, each point checked; duplicates and mixed period lengths are errors.
fn series(info: &MetricInfo, input: &MetricInput, diagnostics: &mut Diagnostics) -> Vec<(String, f64)> {
    let mut points: Vec<_> = input.series.iter().collect();
    points.sort_by(|a, b| a.period.start.cmp(&b.period.start).then(a.period.granularity.cmp(&b.period.granularity)));
    let mut out = Vec::with_capacity(points.len());
    for (i, p) in points.iter().enumerate() {
        if i > 0 && points[i - 1].period == p.period {
            let first = points[i - 1];
            diagnostics.push(
                Diagnostic::error(
                    "E067",
                    &p.file,
                    p.value.span(),
                    format!("period `{}` of `{}` appears twice", p.period.label, info.id),
                )
                .with_help(format!("the other is at {}:{}", first.file, first.value.pos.line)),
            );
            continue;
        }
        if let Some(first) = points.first().filter(|f| f.period.granularity != p.period.granularity) {
            diagnostics.push(Diagnostic::error(
                "E067",
                &p.file,
                p.value.span(),
                format!(
                    "series of `{}` mixes {} (`{}`) with {} (`{}`)",
                    info.id,
                    first.period.granularity.plural(),
                    first.period.label,
                    p.period.granularity.plural(),
                    p.period.label
                ),
            ));
            continue;
        }
        if let Some(v) = checked(info, &p.value, "value", &p.file, diagnostics) {
            out.push((p.period.label.clone(), v));
        }
    }
    out
}
