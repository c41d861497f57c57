//! The emotion curve as a lane of the journey map, and the small curve on journey cards.
//!
//! The lane's SVG spans the map's stage columns and is stretched to their width
//! (`preserveAspectRatio="none"`), so stage `i` of `n` sits at `(i + 0.5) / n` of the width:
//! exactly the centre of its column, whatever the columns' size. Strokes do not scale, and the
//! points are zero-length round-capped strokes, so they stay round when stretched. Touchpoint
//! numbers are HTML placed at the same fractions over the SVG, as text must not be stretched.

use std::fmt::Write;

use crate::i18n::current::t;
use crate::model::{Journey, Stage};
use crate::text::{escape_html as escape, Fixed};

/// Width of one stage column in the lane's viewBox units.
pub const COLUMN: f64 = 100.0;
/// Height of the lane's viewBox.
pub const HEIGHT: f64 = 100.0;

/// Where `emotion` (1–5) sits vertically, with room above 5 and below 1 for the points.
pub fn y(emotion: f64) -> f64 {
    12.0 + (5.0 - emotion.clamp(1.0, 5.0)) / 4.0 * (HEIGHT - 24.0)
}

/// The centre of stage `index`'s column, in viewBox units.
pub fn x(index: usize) -> f64 {
    COLUMN * (index as f64 + 0.5)
}

fn points(stages: &[Stage], emotion: impl Fn(usize, &Stage) -> Option<f64>) -> Vec<(usize, f64)> {
    stages.iter().enumerate().filter_map(|(i, s)| emotion(i, s).map(|e| (i, e))).collect()
}

fn polyline(class: &str, points: &[(usize, f64)]) -> String {
    let coords: Vec<String> = points.iter().map(|(i, e)| format!("{},{}", x(*i), Fixed(y(*e), 1))).collect();
    format!(
        "<polyline class=\"{class}\" points=\"{}\" fill=\"none\" vector-effect=\"non-scaling-stroke\"/>",
        coords.join(" ")
    )
}

/// The emotion lane of `journey`'s map: the SVG curve (with `compare`'s dashed, matched by
/// stage id) and its numbered touchpoints.
pub fn lane(journey: &Journey, compare: Option<&Journey>) -> String {
    let n = journey.stages.len().max(1);
    let width = COLUMN * n as f64;
    let curve = points(&journey.stages, |_, s| s.emotion);
    let other = compare
        .map(|c| points(&journey.stages, |_, s| c.stages.iter().find(|o| o.id == s.id).and_then(|o| o.emotion)))
        .unwrap_or_default();
    let mut svg = format!(
        "<svg class=\"curve-svg\" role=\"img\" viewBox=\"0 0 {width} {HEIGHT}\" preserveAspectRatio=\"none\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
        escape(&describe(journey, compare, &curve))
    );
    for k in 1..n {
        let cx = COLUMN * k as f64;
        let _ = write!(svg, "<line class=\"column\" x1=\"{cx}\" y1=\"0\" x2=\"{cx}\" y2=\"{HEIGHT}\" vector-effect=\"non-scaling-stroke\"/>");
    }
    let mid = y(3.0);
    let _ = write!(svg, "<line class=\"neutral\" x1=\"0\" y1=\"{mid}\" x2=\"{width}\" y2=\"{mid}\" vector-effect=\"non-scaling-stroke\"/>");
    if other.len() > 1 {
        svg.push_str(&polyline("compare", &other));
    }
    if curve.len() > 1 {
        svg.push_str(&polyline("curve", &curve));
    }
    for (i, e) in &curve {
        let _ = write!(
            svg,
            "<path class=\"point e{}\" d=\"M{} {}h0\" vector-effect=\"non-scaling-stroke\"/>",
            super::svg::emotion_level(*e),
            x(*i),
            Fixed(y(*e), 1)
        );
    }
    svg.push_str("</svg>");
    let mut html = format!("<div class=\"curve-lane\">{svg}");
    html.push_str(&marks(journey, n));
    html.push_str("</div>");
    html
}

/// Numbered touchpoint marks, spread across their stage's column away from its centre point.
fn marks(journey: &Journey, n: usize) -> String {
    let mut out = String::new();
    let mut number = 0;
    for (i, s) in journey.stages.iter().enumerate() {
        let m = s.touchpoints.len();
        for (k, t) in s.touchpoints.iter().enumerate() {
            number += 1;
            let mut offset = ((k as f64 + 0.5) / m as f64 - 0.5) * 0.8;
            if offset == 0.0 {
                offset = 0.22;
            }
            let e = t.emotion.or(s.emotion).unwrap_or(3.0);
            let left = (i as f64 + 0.5 + offset) / n as f64 * 100.0;
            let top = y(e) / HEIGHT * 100.0;
            let mot = if t.moment_of_truth { " mot" } else { "" };
            let _ = write!(
                out,
                "<span class=\"tp-mark e{}{mot}\" style=\"left:{}%;top:{}%\" aria-hidden=\"true\">{number}</span>",
                super::svg::emotion_level(e),
                Fixed(left, 2),
                Fixed(top, 2)
            );
        }
        if let Some(e) = s.emotion {
            let left = (i as f64 + 0.5) / n as f64 * 100.0;
            let top = y(e) / HEIGHT * 100.0;
            let below = if e >= 3.0 { " below" } else { "" };
            let _ = write!(
                out,
                "<span class=\"curve-value{below}\" style=\"left:{}%;top:{}%\" aria-hidden=\"true\">{}</span>",
                Fixed(left, 2),
                Fixed(top, 2),
                Fixed(e, 1)
            );
        }
    }
    out
}

fn describe(journey: &Journey, compare: Option<&Journey>, curve: &[(usize, f64)]) -> String {
    let values: Vec<String> =
        curve.iter().map(|(i, e)| format!("{} {}", journey.stages[*i].name, Fixed(*e, 1))).collect();
    let mut text = t("chart.lane_desc", &[("list", &values.join(", "))]);
    if let Some(c) = compare {
        let _ = write!(text, " {}", t("chart.lane_dashed", &[("name", &c.title)]));
    }
    text
}

/// A small emotion curve for a journey card; `None` when no stage has an emotion.
pub fn sparkline(journey: &Journey) -> Option<String> {
    let curve = points(&journey.stages, |_, s| s.emotion);
    if curve.is_empty() {
        return None;
    }
    let n = journey.stages.len() as f64;
    let (w, h) = (180.0, 40.0);
    let coords: Vec<String> = curve
        .iter()
        .map(|(i, e)| {
            format!(
                "{},{}",
                Fixed((*i as f64 + 0.5) / n * w, 1),
                Fixed(4.0 + (5.0 - e.clamp(1.0, 5.0)) / 4.0 * (h - 8.0), 1)
            )
        })
        .collect();
    let values: Vec<String> =
        curve.iter().map(|(i, e)| format!("{} {}", journey.stages[*i].name, Fixed(*e, 1))).collect();
    let label = t("chart.spark_label", &[("list", &values.join(", "))]);
    let mut svg = format!(
        "<svg class=\"emotion-spark\" role=\"img\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title><line class=\"neutral\" x1=\"0\" y1=\"{mid}\" x2=\"{w}\" y2=\"{mid}\"/>",
        escape(&label),
        mid = h / 2.0
    );
    if coords.len() > 1 {
        let _ = write!(svg, "<polyline class=\"curve\" points=\"{}\" fill=\"none\"/>", coords.join(" "));
    }
    for (c, (_, e)) in coords.iter().zip(&curve) {
        let (cx, cy) = c.split_once(',').unwrap_or_default();
        let _ =
            write!(svg, "<circle class=\"point e{}\" cx=\"{cx}\" cy=\"{cy}\" r=\"3\"/>", super::svg::emotion_level(*e));
    }
    svg.push_str("</svg>");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_sit_on_column_centres() {
        assert_eq!(x(0), 50.0);
        assert_eq!(x(5), 550.0);
        assert_eq!(y(5.0), 12.0);
        assert_eq!(y(1.0), HEIGHT - 12.0);
        assert_eq!(y(9.0), y(5.0));
    }
}
