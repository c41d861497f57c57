//! The opportunity matrix: impact up, effort across, a bubble per cell sized by how many
//! opportunities fall in it. Top left, high impact for low effort, is where to start.

use plotters::prelude::*;

use super::svg::{self, Label};
use crate::i18n::current::t;
use crate::model::action::Word;
use crate::model::Level;

// Small enough that a phone shows the drawing near its own size, so its text stays readable;
// larger screens scale it up to the box.
const LEFT: f64 = 112.0;
const TOP: f64 = 8.0;
const CELL: f64 = 82.0;

/// The matrix for `(impact, effort)` pairs; `None` without opportunities.
pub fn chart(items: &[(Level, Level)]) -> Option<String> {
    if items.is_empty() {
        return None;
    }
    let (width, height) = (LEFT + CELL * 3.0 + 8.0, TOP + CELL * 3.0 + 30.0);
    let rank = |level: &Level| *level as usize;
    let levels = Level::words();
    let count =
        |impact: usize, effort: usize| items.iter().filter(|(i, e)| rank(i) == impact && rank(e) == effort).count();
    let most =
        (0..3).flat_map(|i| (0..3).map(move |e| (i, e))).map(|(i, e)| count(i, e)).max().unwrap_or(1).max(1) as f64;
    // Impact runs upwards: high impact is the top row.
    let centre =
        |impact: usize, effort: usize| (LEFT + CELL * (effort as f64 + 0.5), TOP + CELL * (2.5 - impact as f64));
    let body = svg::draw(width as u32, height as u32, |root| {
        for impact in 0..3 {
            for effort in 0..3 {
                let (cx, cy) = centre(impact, effort);
                let half = CELL / 2.0 - 3.0;
                let quick_win = impact == 2 && effort == 0;
                let fill = if quick_win { svg::ACCENT.rgb().mix(0.15) } else { svg::GRID.rgb().mix(0.5) };
                root.draw(&Rectangle::new(
                    [((cx - half) as i32, (cy - half) as i32), ((cx + half) as i32, (cy + half) as i32)],
                    fill.filled(),
                ))?;
                let n = count(impact, effort);
                if n > 0 {
                    let r = 11.0 + 26.0 * (n as f64 / most).sqrt();
                    root.draw(&Circle::new((cx as i32, cy as i32), r as i32, svg::ACCENT.rgb().filled()))?;
                }
            }
        }
        Ok(())
    });
    let mut overlay = String::new();
    for (impact, impact_level) in levels.iter().enumerate() {
        for effort in 0..3 {
            let n = count(impact, effort);
            if n > 0 {
                let (cx, cy) = centre(impact, effort);
                overlay.push_str(&format!(
                    "<text class=\"count\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{n}</text>",
                    cy + 5.0
                ));
            }
        }
        let (_, cy) = centre(impact, 0);
        overlay.push_str(&svg::label(&Label {
            x: LEFT - 10.0,
            y: cy + 4.0,
            text: &t(&format!("level.impact.{impact_level}"), &[]),
            width: LEFT - 12.0,
            size: 12.0,
            anchor: "end",
            vertical: false,
            class: "axis",
        }));
    }
    for (effort, effort_level) in levels.iter().enumerate() {
        let (cx, _) = centre(0, effort);
        overlay.push_str(&svg::label(&Label {
            x: cx,
            y: TOP + CELL * 3.0 + 20.0,
            text: &t(&format!("level.effort.{effort_level}"), &[]),
            // Neighbouring labels are shorter than "medium effort", so it may use some of their room.
            width: CELL + 10.0,
            size: 12.0,
            anchor: "middle",
            vertical: false,
            class: "axis",
        }));
    }
    let cells: Vec<String> = (0..3)
        .rev()
        .flat_map(|i| (0..3).map(move |e| (i, e)))
        .filter(|(i, e)| count(*i, *e) > 0)
        .map(|(i, e)| {
            let (impact, effort) =
                (t(&format!("level.impact.{}", levels[i]), &[]), t(&format!("level.effort.{}", levels[e]), &[]));
            t("chart.matrix_cell", &[("impact", &impact), ("effort", &effort), ("n", &count(i, e).to_string())])
        })
        .collect();
    let desc = t("chart.matrix_desc", &[("list", &cells.join("; "))]);
    Some(svg::frame(
        "opportunity-matrix",
        width as u32,
        height as u32,
        &t("opps.matrix_label", &[]),
        &desc,
        &body,
        &overlay,
    ))
}
