//! A persona's journeys on one chart: each journey's emotion curve across its own stages,
//! overlaid, with a legend and every journey's stage names on the axis (SPEC §4). Journeys
//! differ in stages, so each spreads its stages across the same width; the axis has one row
//! of names per journey, marked with the journey's colour. A narrow layout for phones stands
//! the names upright so they stay readable at 375 px.

use plotters::prelude::*;

use super::svg::{self, Label, SERIES};
use crate::i18n::current::{number, t};
use crate::model::Journey;

/// Sizes of one layout: the wide one for screens, the narrow one for phones.
struct Layout {
    width: f64,
    left: f64,
    right: f64,
    plot: f64,
    /// Height of one journey's row of stage names.
    row: f64,
    /// Stage names read upwards.
    upright: bool,
}

const WIDE: Layout = Layout { width: 760.0, left: 112.0, right: 24.0, plot: 220.0, row: 28.0, upright: false };
const NARROW: Layout = Layout { width: 360.0, left: 40.0, right: 12.0, plot: 170.0, row: 118.0, upright: true };

/// The chart for wide screens; `None` when no journey has an emotion.
pub fn curves(journeys: &[&Journey], id: &str, title: &str) -> Option<String> {
    draw(journeys, id, title, &WIDE)
}

/// The same chart laid out for phones.
pub fn curves_narrow(journeys: &[&Journey], id: &str, title: &str) -> Option<String> {
    draw(journeys, &format!("{id}-narrow"), title, &NARROW)
}

fn colour(k: usize) -> &'static svg::Swatch {
    &SERIES[k % SERIES.len()]
}

fn hex(c: &svg::Swatch) -> String {
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

fn draw(journeys: &[&Journey], id: &str, title: &str, l: &Layout) -> Option<String> {
    let drawn: Vec<&Journey> =
        journeys.iter().copied().filter(|j| j.stages.iter().any(|s| s.emotion.is_some())).collect();
    if drawn.is_empty() {
        return None;
    }
    let top = 14.0 + 22.0 * drawn.len() as f64;
    let axis = top + l.plot + 14.0;
    let height = axis + l.row * drawn.len() as f64 + 8.0;
    let plot_w = l.width - l.left - l.right;
    let x = |j: &Journey, i: usize| l.left + plot_w * (i as f64 + 0.5) / j.stages.len().max(1) as f64;
    let y = |v: f64| top + (5.0 - v.clamp(1.0, 5.0)) / 4.0 * l.plot;
    let body = svg::draw(l.width as u32, height as u32, |root| {
        for v in 1..=5 {
            let yy = y(f64::from(v)) as i32;
            let style = if v == 3 { ShapeStyle::from(svg::MUTED.rgb()) } else { ShapeStyle::from(svg::GRID.rgb()) };
            root.draw(&PathElement::new(vec![(l.left as i32, yy), ((l.width - l.right) as i32, yy)], style))?;
        }
        for (k, j) in drawn.iter().enumerate() {
            let c = colour(k).rgb();
            let points: Vec<(i32, i32)> = j
                .stages
                .iter()
                .enumerate()
                .filter_map(|(i, s)| s.emotion.map(|e| (x(j, i) as i32, y(e) as i32)))
                .collect();
            root.draw(&PathElement::new(points.clone(), ShapeStyle::from(c).stroke_width(3)))?;
            for p in points {
                root.draw(&Circle::new(p, 5, c.filled()))?;
            }
        }
        Ok(())
    });
    let mut overlay = scale(l, y);
    for (k, j) in drawn.iter().enumerate() {
        overlay.push_str(&legend(l, k, j, plot_w));
        overlay.push_str(&names(l, k, j, axis, x));
    }
    let parts: Vec<String> = drawn
        .iter()
        .map(|j| {
            let stages: Vec<String> = j
                .stages
                .iter()
                .map(|s| match s.emotion {
                    Some(e) => format!("{} {}", s.name, number(e, 1)),
                    None => t("chart.no_score", &[("name", &s.name)]),
                })
                .collect();
            t("chart.persona_journey", &[("name", &j.title), ("list", &stages.join(", "))])
        })
        .collect();
    let desc = t("chart.persona_desc", &[("list", &parts.join("; "))]);
    Some(svg::frame(id, l.width as u32, height as u32, title, &desc, &body, &overlay))
}

/// The 1–5 scale at the left: words where there is room, numbers on phones.
fn scale(l: &Layout, y: impl Fn(f64) -> f64) -> String {
    [(5, t("emotion.5", &[])), (3, t("emotion.3", &[])), (1, t("emotion.1", &[]))]
        .iter()
        .map(|(v, word)| {
            let text = if l.upright { v.to_string() } else { format!("{v} {word}") };
            svg::label(&Label {
                x: l.left - 8.0,
                y: y(f64::from(*v)) + 4.0,
                text: &text,
                width: l.left - 10.0,
                size: 12.0,
                anchor: "end",
                vertical: false,
                class: "axis",
            })
        })
        .collect()
}

/// Journey `k`'s legend line: its colour and title.
fn legend(l: &Layout, k: usize, j: &Journey, plot_w: f64) -> String {
    let ly = 14.0 + 22.0 * k as f64;
    let x0 = if l.upright { 4.0 } else { l.left };
    let room = if l.upright { l.width - 40.0 } else { plot_w - 30.0 };
    let swatch =
        format!("<rect x=\"{x0}\" y=\"{}\" width=\"22\" height=\"5\" rx=\"2\" fill=\"{}\"/>", ly - 5.0, hex(colour(k)));
    let text = svg::label(&Label {
        x: x0 + 28.0,
        y: ly,
        text: &j.title,
        width: room,
        size: 13.0,
        anchor: "start",
        vertical: false,
        class: "legend-text",
    });
    swatch + &text
}

/// Journey `k`'s row of stage names under the plot, each under its point.
fn names(l: &Layout, k: usize, j: &Journey, axis: f64, x: impl Fn(&Journey, usize) -> f64) -> String {
    let row_top = axis + l.row * k as f64;
    let c = hex(colour(k));
    let step = (l.width - l.left - l.right) / j.stages.len().max(1) as f64;
    let mut out = format!(
        "<rect x=\"{}\" y=\"{}\" width=\"5\" height=\"{}\" rx=\"2\" fill=\"{c}\"/>",
        l.left - 14.0,
        row_top + 2.0,
        l.row - 8.0
    );
    for (i, s) in j.stages.iter().enumerate() {
        let (lx, ly) = if l.upright { (x(j, i) + 4.0, row_top + 4.0) } else { (x(j, i), row_top + 16.0) };
        out.push_str(&svg::label(&Label {
            x: lx,
            y: ly,
            text: &s.name,
            width: if l.upright { l.row - 8.0 } else { step - 4.0 },
            size: 12.0,
            anchor: if l.upright { "end" } else { "middle" },
            vertical: l.upright,
            class: "stage",
        }));
    }
    out
}
