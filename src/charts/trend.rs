//! Metric trends: a line per series with the target line, coloured by status; and sparklines,
//! the same line without axes, for KPI cards and the dashboard.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::axis;
use super::svg::{self, Label, Swatch};
use crate::i18n::current::t;
use crate::model::research::Uncertainty;
use crate::model::Metric;

/// The y range to plot: the values and the target, padded, never empty.
fn range(metric: &Metric) -> (f64, f64) {
    let values = metric.series.iter().map(|p| p.value).chain(metric.target);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !lo.is_finite() || !hi.is_finite() {
        return (0.0, 1.0);
    }
    let pad = if hi > lo { (hi - lo) * 0.15 } else { lo.abs().max(1.0) * 0.1 };
    (lo - pad, hi + pad)
}

fn scale(v: f64, (lo, hi): (f64, f64), top: f64, height: f64) -> f64 {
    top + (hi - v) / (hi - lo) * height
}

/// A small line of the metric's series for a card; `None` with fewer than two points.
pub fn sparkline(metric: &Metric, id: &str) -> Option<String> {
    if metric.series.len() < 2 {
        return None;
    }
    let (w, h) = (120.0, 32.0);
    let r = range(metric);
    let n = metric.series.len();
    let x = |i: usize| 3.0 + (w - 6.0) * i as f64 / (n - 1) as f64;
    let colour = svg::status(metric.status).rgb();
    let body = svg::draw(w as u32, h as u32, |root| {
        if let Some(t) = metric.target {
            let ty = scale(t, r, 3.0, h - 6.0) as i32;
            root.draw(&DashedPathElement::new(vec![(0, ty), (w as i32, ty)], 3, 3, svg::TARGET.rgb()))?;
        }
        let points: Vec<(i32, i32)> = metric
            .series
            .iter()
            .enumerate()
            .map(|(i, p)| (x(i) as i32, scale(p.value, r, 3.0, h - 6.0) as i32))
            .collect();
        root.draw(&PathElement::new(points.clone(), ShapeStyle::from(colour).stroke_width(2)))?;
        if let Some(last) = points.last() {
            root.draw(&Circle::new(*last, 3, colour.filled()))?;
        }
        Ok(())
    });
    let first = &metric.series[0];
    let last = &metric.series[n - 1];
    let desc = t(
        "chart.spark_trend",
        &[
            ("name", &name_of(metric)),
            ("first", &shown(metric, first.value)),
            ("first_period", &first.period),
            ("last", &shown(metric, last.value)),
            ("last_period", &last.period),
        ],
    );
    Some(svg::frame(id, w as u32, h as u32, &t("trends.of", &[("name", &name_of(metric))]), &desc, &body, ""))
}

/// How the full trend chart is laid out: a narrow drawing that the page scales to its card, so
/// its text stays readable from a phone to a desktop column.
const WIDTH: f64 = 360.0;
const TOP: f64 = 14.0;
const PLOT_H: f64 = 140.0;
const TEXT: f64 = 12.0;

/// The full trend chart of a metric: round ticks in its unit, every point, short period labels
/// and the labelled target; `None` under two points. The description lists every point with
/// its `display` where it has one, which must then be in the current language (as the pages'
/// metrics are, see `i18n::amounts::metrics`).
pub fn chart(metric: &Metric, id: &str) -> Option<String> {
    let n = metric.series.len();
    if n < 2 {
        return None;
    }
    let unit = metric.unit;
    let bands = metric.uncertainty.iter().flat_map(|u| &u.points).flat_map(|b| b.low.into_iter().chain(b.high));
    let values = metric.series.iter().map(|p| p.value).chain(metric.target).chain(bands);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let ticks = axis::nice(lo, hi, 5, unit);
    let tick_text: Vec<String> =
        ticks.values.iter().map(|v| crate::i18n::amounts::tick(unit, *v, ticks.step, &metric.currency)).collect();
    // The width estimate is rough; numbers with `%` or a currency sign run wider, so allow more.
    let left = tick_text.iter().map(|t| svg::text_width(t, TEXT) * 1.2).fold(20.0, f64::max) + 14.0;
    let periods: Vec<(String, Option<String>)> = metric.series.iter().map(|p| axis::period_label(&p.period)).collect();
    let label_w = periods
        .iter()
        .map(|(t, y)| svg::text_width(t, TEXT).max(y.as_deref().map_or(0.0, |y| svg::text_width(y, TEXT))))
        .fold(0.0, f64::max);
    // Points stop half a label in from each end, so the first and last labels are whole.
    let pad = (label_w / 2.0 + 2.0).max(8.0);
    let (x0, x1) = (left + pad, WIDTH - pad.max(10.0));
    let x = |i: usize| x0 + (x1 - x0) * i as f64 / (n - 1) as f64;
    let y = |v: f64| scale(v, ticks.range(), TOP, PLOT_H);
    let height = TOP + PLOT_H + 46.0;
    let colour = svg::status(metric.status).rgb();
    let points: Vec<(i32, i32)> =
        metric.series.iter().enumerate().map(|(i, p)| (x(i) as i32, y(p.value) as i32)).collect();
    let mut body = svg::draw(WIDTH as u32, height as u32, |root| {
        for v in &ticks.values {
            let yy = y(*v) as i32;
            root.draw(&PathElement::new(vec![(left as i32 - 4, yy), (WIDTH as i32, yy)], svg::GRID.rgb()))?;
        }
        Ok(())
    });
    if let Some(t) = metric.target {
        // One dashed line: plotters would write each dash as its own element.
        let Swatch(r, g, b) = svg::TARGET;
        body.push_str(&format!(
            "<line x1=\"{left:.0}\" y1=\"{ty:.0}\" x2=\"{WIDTH:.0}\" y2=\"{ty:.0}\" stroke=\"#{r:02X}{g:02X}{b:02X}\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
            ty = y(t).trunc()
        ));
    }
    if let Some(u) = &metric.uncertainty {
        let values: Vec<f64> = metric.series.iter().map(|p| p.value).collect();
        body.push_str(&band(u, &values, &x, &y, svg::status(metric.status)));
    }
    body.push_str(&svg::draw(WIDTH as u32, height as u32, |root| {
        root.draw(&PathElement::new(points.clone(), ShapeStyle::from(colour).stroke_width(3)))?;
        for p in &points {
            root.draw(&Circle::new(*p, 4, colour.filled()))?;
        }
        Ok(())
    }));
    let mut overlay = String::new();
    for (v, text) in ticks.values.iter().zip(&tick_text) {
        overlay.push_str(&axis_label(left - 8.0, y(*v) + 4.0, text, left, "end"));
    }
    overlay.push_str(&period_labels(&periods, &x, TOP + PLOT_H + 21.0, label_w));
    if let (Some(target), Some(shown)) = (metric.target, crate::i18n::amounts::texts(metric).target) {
        overlay.push_str(&target_label(&t("chart.target", &[("value", &shown)]), left + 4.0, y(target), &points));
    }
    // A point's value as the page shows it: written for its language when the metric was
    // (`display`), else now.
    let value = |p: &crate::model::TrendPoint| match p.display.as_str() {
        "" => shown(metric, p.value),
        display => display.to_string(),
    };
    let points: Vec<String> = metric.series.iter().map(|p| format!("{} {}", p.period, value(p))).collect();
    let mut desc = t("chart.trend_desc", &[("name", &name_of(metric)), ("list", &points.join(", "))]);
    if let Some(u) = &metric.uncertainty {
        desc.push_str(&band_description(u, metric));
    }
    let title = t("chart.trend_title", &[("name", &name_of(metric))]);
    Some(svg::frame(id, WIDTH as u32, height as u32, &title, &desc, &body, &overlay))
}

/// The 95 % interval of each period as a shaded band (broken where a period has none), and a
/// ring around each point whose change from the one before is significant.
fn band(u: &Uncertainty, values: &[f64], x: &dyn Fn(usize) -> f64, y: &dyn Fn(f64) -> f64, colour: &Swatch) -> String {
    let Swatch(r, g, b) = colour;
    let mut out = String::new();
    let runs = u.points.iter().enumerate().collect::<Vec<_>>();
    for run in runs.split(|(_, p)| p.low.is_none()) {
        let Some(((first, _), (last, _))) = run.first().zip(run.last()) else { continue };
        // A lone period's band is a short bar, so that it still shows.
        let widen = if first == last { 5.0 } else { 0.0 };
        let top = run.iter().map(|(i, p)| (x(*i), y(p.high.unwrap_or_default())));
        let bottom = run.iter().rev().map(|(i, p)| (x(*i), y(p.low.unwrap_or_default())));
        let mut d = String::new();
        for (k, (px, py)) in top.chain(bottom).enumerate() {
            let nudge = if k < run.len() { -widen } else { widen };
            d.push_str(&format!("{}{:.1} {:.1} ", if k == 0 { "M" } else { "L" }, px + nudge, py));
        }
        out.push_str(&format!(
            "<path class=\"band\" d=\"{}Z\" fill=\"#{r:02X}{g:02X}{b:02X}\" fill-opacity=\"0.18\" stroke=\"none\"/>\n",
            d.trim_end()
        ));
    }
    for (i, _) in u.points.iter().enumerate().filter(|(i, p)| p.significant && *i < values.len()) {
        out.push_str(&format!(
            "<circle class=\"significant\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"8\" fill=\"none\" stroke=\"#{r:02X}{g:02X}{b:02X}\" stroke-width=\"2\"/>\n",
            x(i),
            y(values[i])
        ));
    }
    out
}

/// What the band and rings say, for readers who cannot see them.
fn band_description(u: &Uncertainty, metric: &Metric) -> String {
    let mut out = format!(" {}", t("research.band_desc", &[("n", &u.n.to_string())]));
    let marked: Vec<&str> =
        metric.series.iter().zip(&u.points).filter(|(_, b)| b.significant).map(|(p, _)| p.period.as_str()).collect();
    if !marked.is_empty() {
        out.push_str(&format!(" {}", t("research.marked_desc", &[("list", &marked.join(", "))])));
    }
    out
}

fn axis_label(x: f64, y: f64, text: &str, room: f64, anchor: &'static str) -> String {
    svg::label(&Label { x, y, text, width: room, size: TEXT, anchor, vertical: false, class: "axis" })
}

/// Period labels under the points, thinned when they would touch, the last always shown; a
/// second line names the year under the first label and wherever the year changes.
fn period_labels(periods: &[(String, Option<String>)], x: &dyn Fn(usize) -> f64, y: f64, width: f64) -> String {
    let n = periods.len();
    let spacing = (x(n - 1) - x(0)) / (n - 1) as f64;
    let every = ((width + 6.0) / spacing).ceil().max(1.0) as usize;
    let mut shown: Vec<usize> = (0..n).step_by(every).collect();
    if shown.last() != Some(&(n - 1)) {
        // The newest period matters most: it replaces the label that would crowd it.
        if shown.len() > 1 && (n - 1 - shown[shown.len() - 1]) * 2 < every {
            shown.pop();
        }
        shown.push(n - 1);
    }
    let mut out = String::new();
    let mut year_before: Option<&str> = None;
    for i in shown {
        let (text, year) = &periods[i];
        out.push_str(&axis_label(x(i), y, text, spacing * every as f64, "middle"));
        if let Some(year) = year.as_deref().filter(|y| Some(*y) != year_before) {
            out.push_str(&axis_label(x(i), y + 15.0, year, spacing * every as f64, "middle"));
        }
        year_before = year.as_deref();
    }
    out
}

/// The target's name and value at the left end of its line: above it, or below where a point
/// or the top edge is in the way.
fn target_label(text: &str, x: f64, line: f64, points: &[(i32, i32)]) -> String {
    let end = x + svg::text_width(text, TEXT);
    let clash = |top: f64, bottom: f64| {
        points.iter().any(|(px, py)| {
            (*px as f64) >= x - 6.0
                && (*px as f64) <= end + 6.0
                && (*py as f64) + 5.0 >= top
                && (*py as f64) - 5.0 <= bottom
        })
    };
    let above = line - 5.0;
    let below = line + TEXT + 3.0;
    let y = if above - TEXT >= 0.0 && !clash(above - TEXT, above)
        || below > TOP + PLOT_H + 2.0
        || clash(below - TEXT, below) && !clash(above - TEXT, above)
    {
        above
    } else {
        below
    };
    svg::label(&Label { x, y, text, width: WIDTH, size: TEXT, anchor: "start", vertical: false, class: "target" })
}

/// A value of `metric` in the current language.
fn shown(metric: &Metric, value: f64) -> String {
    crate::i18n::amounts::value(metric.unit, value, &metric.currency)
}

/// The metric's name in the current language: a built-in metric's from the strings.
pub fn name_of(metric: &Metric) -> String {
    crate::i18n::current::t_or(&format!("metric.{}", metric.id), &metric.name)
}
