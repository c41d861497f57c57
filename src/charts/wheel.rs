//! The journey wheel: stages around a circle like a clock face, starting at twelve, each
//! coloured by emotion and linking to its stage page. The lifelong customer circle: the last
//! stage leads back into the first.
//!
//! Every sector is a link, which plotters cannot draw, so the wheel is written as SVG here;
//! its ring and hub are drawn with plotters like the other charts.
//!
//! The wheel is small, beside the journey's overview, and drawn at the size it is shown so
//! its numbers stay readable; the stage names are in the numbered list next to it.

use std::f64::consts::PI;
use std::fmt::Write;

use plotters::prelude::*;

use super::svg;
use crate::i18n::current::t;
use crate::model::Journey;
use crate::text::{Escaped, Fixed};

const SIZE: f64 = 232.0;
const C: f64 = SIZE / 2.0;
const OUTER: f64 = 112.0;
const INNER: f64 = 50.0;

/// The wheel of `journey`; `base` is the site's path prefix for the stage links.
pub fn chart(journey: &Journey, base: &str) -> String {
    let n = journey.stages.len().max(1);
    let body = svg::draw(SIZE as u32, SIZE as u32, |root| {
        root.draw(&Circle::new((C as i32, C as i32), OUTER as i32 + 2, svg::GRID.rgb().filled()))?;
        Ok(())
    });
    let angle = |k: f64| -PI / 2.0 + 2.0 * PI * k / n as f64;
    let at = |r: f64, a: f64| (C + r * a.cos(), C + r * a.sin());
    let mut overlay = String::new();
    for (i, s) in journey.stages.iter().enumerate() {
        let (a0, a1) = (angle(i as f64), angle(i as f64 + 1.0));
        let path = if n == 1 {
            // A single stage is the whole ring: two half arcs, since one arc cannot close.
            format!(
                "M {x0:.2} {y0:.2} A {OUTER} {OUTER} 0 1 1 {x1:.2} {y1:.2} A {OUTER} {OUTER} 0 1 1 {x0:.2} {y0:.2} Z M {ix0:.2} {iy0:.2} A {INNER} {INNER} 0 1 0 {ix1:.2} {iy1:.2} A {INNER} {INNER} 0 1 0 {ix0:.2} {iy0:.2} Z",
                x0 = C, y0 = C - OUTER, x1 = C, y1 = C + OUTER, ix0 = C, iy0 = C - INNER, ix1 = C, iy1 = C + INNER
            )
        } else {
            let large = if a1 - a0 > PI { 1 } else { 0 };
            let (p0, p1, p2, p3) = (at(OUTER, a0), at(OUTER, a1), at(INNER, a1), at(INNER, a0));
            let f = |v: f64| Fixed(v, 2);
            format!(
                "M {} {} A {OUTER} {OUTER} 0 {large} 1 {} {} L {} {} A {INNER} {INNER} 0 {large} 0 {} {} Z",
                f(p0.0),
                f(p0.1),
                f(p1.0),
                f(p1.1),
                f(p2.0),
                f(p2.1),
                f(p3.0),
                f(p3.1)
            )
        };
        let level = s.emotion.map_or("none".to_string(), |e| format!("e{}", super::svg::emotion_level(e)));
        let feeling = s.emotion.map_or_else(
            || t("chart.wheel_no_emotion", &[]),
            |e| t("chart.wheel_emotion", &[("score", &crate::i18n::current::number(e, 1))]),
        );
        let tip = format!("{}. {} ({feeling})", i + 1, s.name);
        let mid = angle(i as f64 + 0.5);
        let (nx, ny) = at((OUTER + INNER) / 2.0, mid);
        let _ = write!(
            overlay,
            "<a href=\"{}\" aria-label=\"{}\"><path class=\"sector {level}\" d=\"{path}\"><title>{}</title></path><text class=\"sector-number\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></a>",
            Escaped(&crate::route::Route::Stage(&journey.id, &s.id).href(base)),
            Escaped(&tip),
            Escaped(&tip),
            Fixed(nx, 1),
            Fixed(ny + 5.0, 1),
            i + 1
        );
    }
    let _ = write!(
        overlay,
        "<text class=\"hub\" x=\"{C}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        Fixed(C + 5.0, 1),
        Escaped(&t("chart.wheel_hub", &[("n", &n.to_string())]))
    );
    let order: Vec<String> = journey.stages.iter().enumerate().map(|(i, s)| format!("{} {}", i + 1, s.name)).collect();
    let desc = t("chart.wheel_desc", &[("list", &order.join(", "))]);
    let title = t("chart.wheel_title", &[("name", &journey.title)]);
    svg::interactive_frame(&format!("wheel-{}", journey.id), SIZE as u32, SIZE as u32, &title, &desc, &body, &overlay)
}
