//! Touchpoints by channel: a stage × channel matrix, each cell coloured by the mean emotion of
//! its touchpoints and showing how many there are.

use std::collections::BTreeMap;

use plotters::prelude::*;

use super::svg::{self, Label};
use crate::i18n::current::t;
use crate::model::Journey;
use crate::text::Fixed;

const LEFT: f64 = 150.0;
const TOP: f64 = 20.0;
const ROW: f64 = 34.0;

/// A touchpoint's stage index and emotion.
type Placed = (usize, Option<f64>);

/// How wide the matrix is drawn: the room for channel names and for each stage's column.
struct Layout {
    left: f64,
    col: f64,
    /// Stage names read upwards however short they are.
    vertical: bool,
}

/// The channel matrix of `journey`; `None` without touchpoints.
pub fn chart(journey: &Journey) -> Option<String> {
    let n = journey.stages.len();
    let col = if n <= 8 { 96.0 } else { 56.0 };
    draw(journey, &format!("channels-{}", journey.id), &Layout { left: LEFT, col, vertical: false })
}

/// The same matrix drawn 360 wide for phones, where the wide one would shrink its text out of
/// reading: shorter room for channel names, narrower columns, stage names reading upwards.
pub fn narrow(journey: &Journey) -> Option<String> {
    let left = 96.0;
    let col = ((360.0 - left - 16.0) / journey.stages.len().max(1) as f64).min(96.0);
    draw(journey, &format!("channels-{}-narrow", journey.id), &Layout { left, col, vertical: true })
}

fn draw(journey: &Journey, id: &str, layout: &Layout) -> Option<String> {
    let (left, col) = (layout.left, layout.col);
    let other = t("chart.channel_other", &[]);
    let mut channels: BTreeMap<&str, Vec<Placed>> = BTreeMap::new();
    for (i, s) in journey.stages.iter().enumerate() {
        for t in &s.touchpoints {
            let name = if t.channel.is_empty() { other.as_str() } else { t.channel.as_str() };
            channels.entry(name).or_default().push((i, t.emotion));
        }
    }
    if channels.is_empty() {
        return None;
    }
    let n = journey.stages.len();
    let vertical =
        layout.vertical || n > 8 || journey.stages.iter().any(|s| svg::text_width(&s.name, 12.0) > col * 2.0 - 8.0);
    let bottom = if vertical { 140.0 } else { 56.0 };
    let width = left + col * n as f64 + 16.0;
    let height = TOP + ROW * channels.len() as f64 + bottom;
    let rows: Vec<(&str, Vec<Placed>)> = channels.into_iter().collect();

    let mut overlay = String::new();
    let body = svg::draw(width as u32, height as u32, |root| {
        for (r, (_, items)) in rows.iter().enumerate() {
            for i in 0..n {
                let here: Vec<Option<f64>> = items.iter().filter(|(s, _)| *s == i).map(|(_, e)| *e).collect();
                let x0 = (left + col * i as f64) as i32;
                let y0 = (TOP + ROW * r as f64) as i32;
                let cell = [(x0 + 2, y0 + 2), (x0 + col as i32 - 2, y0 + ROW as i32 - 2)];
                if here.is_empty() {
                    root.draw(&Rectangle::new(cell, svg::GRID.rgb().filled()))?;
                    continue;
                }
                let scores: Vec<f64> = here.iter().flatten().copied().collect();
                let colour = if scores.is_empty() {
                    svg::MUTED.rgb()
                } else {
                    svg::emotion(scores.iter().sum::<f64>() / scores.len() as f64).rgb()
                };
                root.draw(&Rectangle::new(cell, colour.filled()))?;
            }
        }
        Ok(())
    });
    for (r, (name, items)) in rows.iter().enumerate() {
        let y = TOP + ROW * r as f64;
        overlay.push_str(&svg::label(&Label {
            x: left - 10.0,
            y: y + ROW / 2.0 + 4.0,
            text: name,
            width: left - 14.0,
            size: 12.0,
            anchor: "end",
            vertical: false,
            class: "channel",
        }));
        for i in 0..n {
            let count = items.iter().filter(|(s, _)| *s == i).count();
            if count > 0 {
                overlay.push_str(&format!(
                    "<text class=\"count\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{count}</text>",
                    Fixed(left + col * (i as f64 + 0.5), 1),
                    Fixed(y + ROW / 2.0 + 5.0, 1)
                ));
            }
        }
    }
    let base_y = TOP + ROW * rows.len() as f64;
    for (i, s) in journey.stages.iter().enumerate() {
        let (x, y) = if vertical {
            (left + col * (i as f64 + 0.5) + 4.0, base_y + 12.0)
        } else {
            (left + col * (i as f64 + 0.5), base_y + 20.0)
        };
        let room = if vertical { bottom - 16.0 } else { col - 6.0 };
        overlay.push_str(&svg::stage_label(x, y, &s.name, room, vertical));
    }
    let described: Vec<String> = rows
        .iter()
        .map(|(name, items)| {
            let stages: Vec<&str> = journey
                .stages
                .iter()
                .enumerate()
                .filter(|(i, _)| items.iter().any(|(s, _)| s == i))
                .map(|(_, s)| s.name.as_str())
                .collect();
            format!("{name}: {}", stages.join(", "))
        })
        .collect();
    let desc = t("chart.channels_desc", &[("list", &described.join("; "))]);
    let title = t("chart.channels_title", &[("name", &journey.title)]);
    Some(svg::frame(id, width as u32, height as u32, &title, &desc, &body, &overlay))
}
