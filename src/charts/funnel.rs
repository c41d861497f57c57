//! The funnel: a bar per stage for the customers who entered it, the drop-off between stages,
//! the largest drop-off highlighted.

use plotters::prelude::*;

use super::svg::{self, Label};
use crate::i18n::current::t;
use crate::metrics::funnel;
use crate::model::Journey;

const LABELS: f64 = 200.0;
const ROW: f64 = 46.0;
const WIDTH: f64 = 760.0;

/// What both layouts of the funnel draw: each stage's count, its drop-off and the largest one.
struct Counts {
    entered: Vec<Option<u64>>,
    drops: Vec<Option<f64>>,
    largest: Option<usize>,
    /// The largest count, at least 1: the full length of a bar.
    max: f64,
}

impl Counts {
    /// `None` when no stage of `journey` records `entered`.
    fn of(journey: &Journey) -> Option<Counts> {
        let entered: Vec<Option<u64>> = journey.stages.iter().map(|s| s.entered).collect();
        if entered.iter().all(Option::is_none) {
            return None;
        }
        let drops = funnel::drop_offs(&entered);
        let largest = funnel::largest(&drops);
        let max = entered.iter().flatten().copied().max().unwrap_or(0).max(1) as f64;
        Some(Counts { entered, drops, largest, max })
    }
}

/// The funnel of `journey`; `None` when no stage records `entered`.
pub fn chart(journey: &Journey) -> Option<String> {
    let Counts { entered, drops, largest, max } = Counts::of(journey)?;
    let bar_room = WIDTH - LABELS - 110.0;
    let height = 16.0 + ROW * journey.stages.len() as f64;
    let top = |i: usize| 8.0 + ROW * i as f64;

    let body = svg::draw(WIDTH as u32, height as u32, |root| {
        for (i, count) in entered.iter().enumerate() {
            let Some(count) = count else { continue };
            let w = (*count as f64 / max * bar_room).max(2.0);
            let colour = if largest == Some(i) { svg::WARN.rgb() } else { svg::ACCENT.rgb() };
            let (x0, y0) = (LABELS as i32, top(i) as i32);
            root.draw(&Rectangle::new([(x0, y0), (x0 + w.round() as i32, y0 + 24)], colour.filled()))?;
        }
        Ok(())
    });

    let mut overlay = String::new();
    for (i, s) in journey.stages.iter().enumerate() {
        overlay.push_str(&svg::label(&Label {
            x: LABELS - 10.0,
            y: top(i) + 17.0,
            text: &s.name,
            width: LABELS - 14.0,
            size: 13.0,
            anchor: "end",
            vertical: false,
            class: "stage",
        }));
        let value = s.entered.map_or_else(|| "—".to_string(), |c| crate::i18n::current::number(c as f64, 0));
        let w = s.entered.map_or(0.0, |c| (c as f64 / max * bar_room).max(2.0));
        overlay.push_str(&svg::label(&Label {
            x: LABELS + w + 8.0,
            y: top(i) + 17.0,
            text: &value,
            width: 100.0,
            size: 13.0,
            anchor: "start",
            vertical: false,
            class: "value",
        }));
        if let Some(d) = drops[i] {
            let text = lost(d);
            let class = if largest == Some(i) { "drop largest" } else { "drop" };
            overlay.push_str(&svg::label(&Label {
                x: LABELS + 4.0,
                y: top(i) + 39.0,
                text: &text,
                width: 160.0,
                size: 11.0,
                anchor: "start",
                vertical: false,
                class,
            }));
        }
    }
    let desc = describe(journey, &drops, largest);
    let title = t("chart.funnel_title", &[("name", &journey.title)]);
    Some(svg::frame(&format!("funnel-{}", journey.id), WIDTH as u32, height as u32, &title, &desc, &body, &overlay))
}

/// Room for a stage in the phone layout: its name, then its bar, then what it loses.
const NARROW_ROW: f64 = 54.0;
const NARROW_WIDTH: f64 = 360.0;

/// The funnel drawn 360 wide for phones: each stage's name on its own line above a bar that
/// spans the width, so names and counts stay readable once the chart is scaled to the screen.
pub fn narrow(journey: &Journey) -> Option<String> {
    let Counts { entered, drops, largest, max } = Counts::of(journey)?;
    let (x0, room) = (4.0, NARROW_WIDTH - 8.0);
    let height = 4.0 + NARROW_ROW * journey.stages.len() as f64;
    let top = |i: usize| 4.0 + NARROW_ROW * i as f64;
    let body = svg::draw(NARROW_WIDTH as u32, height as u32, |root| {
        for (i, count) in entered.iter().enumerate() {
            let Some(count) = count else { continue };
            let w = (*count as f64 / max * room).max(2.0);
            let colour = if largest == Some(i) { svg::WARN.rgb() } else { svg::ACCENT.rgb() };
            let y0 = top(i) + 20.0;
            root.draw(&Rectangle::new(
                [(x0 as i32, y0 as i32), ((x0 + w).round() as i32, y0 as i32 + 14)],
                colour.filled(),
            ))?;
        }
        Ok(())
    });
    let mut overlay = String::new();
    let text = |x: f64, y: f64, text: &str, width: f64, anchor: &'static str, class: &'static str| {
        svg::label(&Label { x, y, text, width, size: 13.0, anchor, vertical: false, class })
    };
    for (i, s) in journey.stages.iter().enumerate() {
        let value = s.entered.map_or_else(|| "—".to_string(), |c| crate::i18n::current::number(c as f64, 0));
        let value_w = svg::text_width(&value, 13.0) + 12.0;
        overlay.push_str(&text(x0, top(i) + 14.0, &s.name, room - value_w, "start", "stage"));
        overlay.push_str(&text(x0 + room, top(i) + 14.0, &value, value_w, "end", "value"));
        if let Some(d) = drops[i] {
            let class = if largest == Some(i) { "drop largest" } else { "drop" };
            overlay.push_str(&text(x0, top(i) + 49.0, &lost(d), room, "start", class));
        }
    }
    let desc = describe(journey, &drops, largest);
    let title = t("chart.funnel_title", &[("name", &journey.title)]);
    let id = format!("funnel-{}-narrow", journey.id);
    Some(svg::frame(&id, NARROW_WIDTH as u32, height as u32, &title, &desc, &body, &overlay))
}

/// The share of customers a stage loses, as drawn beside its bar: `↓ 64.6% lost`.
fn lost(share: f64) -> String {
    format!("↓ {}", t("chart.lost", &[("share", &crate::i18n::current::number(share * 100.0, 1))]))
}

fn describe(journey: &Journey, drops: &[Option<f64>], largest: Option<usize>) -> String {
    let counts: Vec<String> = journey
        .stages
        .iter()
        .filter_map(|s| s.entered.map(|c| format!("{} {}", s.name, crate::i18n::current::number(c as f64, 0))))
        .collect();
    let mut text = t("chart.funnel_desc", &[("list", &counts.join(", "))]);
    if let (Some(i), Some(next)) = (largest, largest.and_then(|i| journey.stages.get(i + 1))) {
        let d = drops[i].unwrap_or_default();
        let share = crate::i18n::current::number(d * 100.0, 1);
        let sentence =
            t("chart.funnel_largest", &[("share", &share), ("from", &journey.stages[i].name), ("to", &next.name)]);
        text.push(' ');
        text.push_str(&sentence);
    }
    text
}
