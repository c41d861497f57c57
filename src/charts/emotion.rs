//! The emotion curve: each stage's feeling on the 1–5 scale, touchpoints around it, the
//! neutral line, the high and the low, pain points, and a compared journey's curve.

use plotters::element::DashedPathElement;
use plotters::prelude::*;

use super::svg::{self, Label};
use crate::i18n::current::t;
use crate::model::Journey;

const LEFT: f64 = 112.0;
const RIGHT: f64 = 24.0;
const TOP: f64 = 34.0;
const PLOT_HEIGHT: f64 = 220.0;

/// The emotion curve of `journey`, with `compare` drawn over it where stage ids match.
pub fn chart(journey: &Journey, compare: Option<&Journey>) -> Option<String> {
    let n = journey.stages.len();
    if !journey.stages.iter().any(|s| s.emotion.is_some()) {
        return None;
    }
    let step = if n <= 8 { 112.0 } else { 72.0 };
    let vertical = n > 8 || journey.stages.iter().any(|s| svg::text_width(&s.name, 12.0) > step * 2.0);
    let bottom = if vertical { 150.0 } else { 70.0 };
    let width = (LEFT + RIGHT + step * n as f64).max(480.0);
    let height = TOP + PLOT_HEIGHT + bottom;
    let x = |i: usize| LEFT + step * (i as f64 + 0.5);
    let y = |v: f64| TOP + (5.0 - v.clamp(1.0, 5.0)) / 4.0 * PLOT_HEIGHT;
    let px = |x: f64, y: f64| (x.round() as i32, y.round() as i32);

    let curve: Vec<(usize, f64)> =
        journey.stages.iter().enumerate().filter_map(|(i, s)| s.emotion.map(|e| (i, e))).collect();
    let other: Vec<(usize, f64)> = compare
        .map(|c| {
            journey
                .stages
                .iter()
                .enumerate()
                .filter_map(|(i, s)| c.stages.iter().find(|o| o.id == s.id).and_then(|o| o.emotion).map(|e| (i, e)))
                .collect()
        })
        .unwrap_or_default();
    let high = curve.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
    let low = curve.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1));
    let spread = matches!((high, low), (Some(h), Some(l)) if h.1 > l.1);

    let body = svg::draw(width as u32, height as u32, |root| {
        // Grid: one line per point of the scale, the neutral line dashed and darker.
        for v in 1..=5 {
            let yy = y(v as f64);
            if v == 3 {
                root.draw(&DashedPathElement::new(
                    vec![px(LEFT, yy), px(width - RIGHT, yy)],
                    6,
                    4,
                    ShapeStyle::from(svg::MUTED.rgb()).stroke_width(1),
                ))?;
            } else {
                root.draw(&PathElement::new(vec![px(LEFT, yy), px(width - RIGHT, yy)], svg::GRID.rgb()))?;
            }
        }
        // Pain points: a marker under each stage that has any.
        for (i, s) in journey.stages.iter().enumerate() {
            let count = s.pain_points.len() + s.touchpoints.iter().map(|t| t.pain_points.len()).sum::<usize>();
            if count > 0 {
                let (cx, cy) = px(x(i), TOP + PLOT_HEIGHT + 16.0);
                root.draw(&Polygon::new(
                    vec![(cx - 6, cy + 5), (cx + 6, cy + 5), (cx, cy - 6)],
                    svg::WARN.rgb().filled(),
                ))?;
            }
        }
        // Touchpoints: small dots spread across their stage's column.
        for (i, s) in journey.stages.iter().enumerate() {
            let scored: Vec<f64> = s.touchpoints.iter().filter_map(|t| t.emotion).collect();
            for (k, e) in scored.iter().enumerate() {
                let offset = (k as f64 + 1.0) / (scored.len() as f64 + 1.0) - 0.5;
                let (cx, cy) = px(x(i) + offset * step * 0.6, y(*e));
                root.draw(&Circle::new((cx, cy), 3, svg::emotion(*e).rgb().filled()))?;
            }
        }
        if other.len() > 1 {
            let points: Vec<(i32, i32)> = other.iter().map(|(i, e)| px(x(*i), y(*e))).collect();
            root.draw(&DashedPathElement::new(points, 8, 5, ShapeStyle::from(svg::COMPARE.rgb()).stroke_width(3)))?;
        }
        for (i, e) in &other {
            let (cx, cy) = px(x(*i), y(*e));
            root.draw(&Rectangle::new([(cx - 5, cy - 5), (cx + 5, cy + 5)], svg::COMPARE.rgb().filled()))?;
        }
        for pair in curve.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            root.draw(&PathElement::new(
                vec![px(x(a.0), y(a.1)), px(x(b.0), y(b.1))],
                ShapeStyle::from(svg::ACCENT.rgb()).stroke_width(3),
            ))?;
        }
        for (i, e) in &curve {
            let (cx, cy) = px(x(*i), y(*e));
            root.draw(&Circle::new((cx, cy), 8, svg::SURFACE.rgb().filled()))?;
            root.draw(&Circle::new((cx, cy), 6, svg::emotion(*e).rgb().filled()))?;
        }
        Ok(())
    });

    let mut overlay = String::new();
    overlay.push_str(&scale_labels(y));
    for (i, s) in journey.stages.iter().enumerate() {
        let (lx, ly) = if vertical { (x(i) + 4.0, TOP + PLOT_HEIGHT + 32.0) } else { (x(i), TOP + PLOT_HEIGHT + 44.0) };
        let room = if vertical { bottom - 38.0 } else { step - 8.0 };
        overlay.push_str(&svg::stage_label(lx, ly, &s.name, room, vertical));
    }
    if spread {
        let (high_word, low_word) = (t("chart.high", &[]), t("chart.low", &[]));
        for ((i, e), word, dy) in
            [(high.unwrap_or_default(), &high_word, -16.0), (low.unwrap_or_default(), &low_word, 26.0)]
        {
            overlay.push_str(&svg::label(&Label {
                x: x(i),
                y: y(e) + dy,
                text: word,
                width: 60.0,
                size: 11.0,
                anchor: "middle",
                vertical: false,
                class: "mark",
            }));
        }
    }
    overlay.push_str(&legend(journey, compare, width));

    let desc = describe(journey, compare, &curve);
    let title = t("chart.emotion_title", &[("name", &journey.title)]);
    Some(svg::frame(&format!("emotion-{}", journey.id), width as u32, height as u32, &title, &desc, &body, &overlay))
}

/// The 1–5 scale's words beside the y axis: very positive, neutral, very negative.
fn scale_labels(y: impl Fn(f64) -> f64) -> String {
    [(5, t("emotion.5", &[])), (3, t("emotion.3", &[])), (1, t("emotion.1", &[]))]
        .iter()
        .map(|(v, word)| {
            svg::label(&Label {
                x: LEFT - 10.0,
                y: y(f64::from(*v)) + 4.0,
                text: &format!("{v} {word}"),
                width: LEFT - 12.0,
                size: 11.0,
                anchor: "end",
                vertical: false,
                class: "axis",
            })
        })
        .collect()
}

fn legend(journey: &Journey, compare: Option<&Journey>, width: f64) -> String {
    let mut out = format!(
        "<g class=\"legend\"><line x1=\"{LEFT}\" y1=\"14\" x2=\"{}\" y2=\"14\" class=\"legend-this\"/>",
        LEFT + 22.0
    );
    let room = if compare.is_some() { (width - LEFT) / 2.0 - 40.0 } else { width - LEFT - 40.0 };
    out.push_str(&svg::label(&Label {
        x: LEFT + 28.0,
        y: 18.0,
        text: &journey.title,
        width: room,
        size: 12.0,
        anchor: "start",
        vertical: false,
        class: "legend-text",
    }));
    if let Some(c) = compare {
        let x0 = LEFT + (width - LEFT) / 2.0;
        out.push_str(&format!("<line x1=\"{x0}\" y1=\"14\" x2=\"{}\" y2=\"14\" class=\"legend-compare\"/>", x0 + 22.0));
        out.push_str(&svg::label(&Label {
            x: x0 + 28.0,
            y: 18.0,
            text: &c.title,
            width: room,
            size: 12.0,
            anchor: "start",
            vertical: false,
            class: "legend-text",
        }));
    }
    out.push_str("</g>");
    out
}

/// A sentence a screen reader can read instead of the picture.
fn describe(journey: &Journey, compare: Option<&Journey>, curve: &[(usize, f64)]) -> String {
    let mut parts = Vec::new();
    let named: Vec<String> = curve.iter().map(|(i, e)| format!("{} {}", journey.stages[*i].name, trim(*e))).collect();
    parts.push(t("chart.emotion_desc", &[("list", &named.join(", "))]));
    if let (Some(h), Some(l)) =
        (curve.iter().max_by(|a, b| a.1.total_cmp(&b.1)), curve.iter().min_by(|a, b| a.1.total_cmp(&b.1)))
    {
        if h.1 > l.1 {
            parts.push(t(
                "chart.emotion_extremes",
                &[("high", &journey.stages[h.0].name), ("low", &journey.stages[l.0].name)],
            ));
        }
    }
    if let Some(c) = compare {
        parts.push(t("chart.emotion_dashed", &[("name", &c.title)]));
    }
    parts.join(" ")
}

fn trim(v: f64) -> String {
    let s = format!("{v:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}
