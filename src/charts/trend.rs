//! Metric trends: a line per series with the target line, coloured by status; and sparklines,
//! the same line without axes, for KPI cards and the dashboard.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::svg::{self, Label};
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
    let desc =
        format!("{} from {} in {} to {} in {}", metric.name, first.display, first.period, last.display, last.period);
    Some(svg::frame(id, w as u32, h as u32, &format!("Trend of {}", metric.name), &desc, &body, ""))
}

/// The full trend chart of a metric with period labels and its target; `None` under two points.
pub fn chart(metric: &Metric, id: &str) -> Option<String> {
    let n = metric.series.len();
    if n < 2 {
        return None;
    }
    let (left, top, plot_w, plot_h) = (70.0, 16.0, (n as f64 * 70.0).clamp(260.0, 900.0), 150.0);
    let (w, h) = (left + plot_w + 20.0, top + plot_h + 44.0);
    let r = range(metric);
    let x = |i: usize| left + plot_w * (i as f64 + 0.5) / n as f64;
    let colour = svg::status(metric.status).rgb();
    let body = svg::draw(w as u32, h as u32, |root| {
        for k in 0..=2 {
            let yy = (top + plot_h * k as f64 / 2.0) as i32;
            root.draw(&PathElement::new(vec![(left as i32, yy), ((left + plot_w) as i32, yy)], svg::GRID.rgb()))?;
        }
        if let Some(t) = metric.target {
            let ty = scale(t, r, top, plot_h) as i32;
            root.draw(&DashedPathElement::new(
                vec![(left as i32, ty), ((left + plot_w) as i32, ty)],
                6,
                4,
                ShapeStyle::from(svg::TARGET.rgb()).stroke_width(2),
            ))?;
        }
        let points: Vec<(i32, i32)> = metric
            .series
            .iter()
            .enumerate()
            .map(|(i, p)| (x(i) as i32, scale(p.value, r, top, plot_h) as i32))
            .collect();
        root.draw(&PathElement::new(points.clone(), ShapeStyle::from(colour).stroke_width(3)))?;
        for p in &points {
            root.draw(&Circle::new(*p, 4, colour.filled()))?;
        }
        Ok(())
    });
    let mut overlay = String::new();
    let every = (n as f64 / (plot_w / 70.0)).ceil().max(1.0) as usize;
    for (i, p) in metric.series.iter().enumerate() {
        if i % every == 0 || i == n - 1 {
            overlay.push_str(&svg::label(&Label {
                x: x(i),
                y: top + plot_h + 20.0,
                text: &p.period,
                width: 66.0 * every as f64,
                size: 11.0,
                anchor: "middle",
                vertical: false,
                class: "axis",
            }));
        }
    }
    for (k, v) in [(0, r.1), (2, r.0)] {
        let shown = crate::metrics::format::value(
            crate::metrics::format::Unit::parse(metric.unit).unwrap_or(crate::metrics::format::Unit::Count),
            v,
            "",
        );
        overlay.push_str(&svg::label(&Label {
            x: left - 8.0,
            y: top + plot_h * k as f64 / 2.0 + 4.0,
            text: shown.trim(),
            width: left - 10.0,
            size: 11.0,
            anchor: "end",
            vertical: false,
            class: "axis",
        }));
    }
    if let (Some(t), Some(shown)) = (metric.target, &metric.target_display) {
        overlay.push_str(&svg::label(&Label {
            x: left + plot_w,
            y: scale(t, r, top, plot_h) - 5.0,
            text: &format!("target {shown}"),
            width: 120.0,
            size: 11.0,
            anchor: "end",
            vertical: false,
            class: "target",
        }));
    }
    let points: Vec<String> = metric.series.iter().map(|p| format!("{} {}", p.period, p.display)).collect();
    let desc = format!("{} by period: {}.", metric.name, points.join(", "));
    Some(svg::frame(id, w as u32, h as u32, &format!("{} over time", metric.name), &desc, &body, &overlay))
}
