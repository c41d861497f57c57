//! Retention curves from an event log (SPEC §11): one line per monthly cohort, the share of it
//! with any event in each later month; newer cohorts are drawn stronger.

use super::svg::{self, Label, Swatch};
use crate::i18n::current::t;
use crate::model::research::EventFunnel;

const WIDTH: f64 = 360.0;
const LEFT: f64 = 40.0;
const RIGHT: f64 = 64.0;
const TOP: f64 = 12.0;
const PLOT_H: f64 = 150.0;
const TEXT: f64 = 12.0;

/// The retention chart of a journey's event log; `None` without a month to show.
pub fn chart(events: &EventFunnel, id: &str) -> Option<String> {
    let months = events.months;
    if months == 0 || events.cohorts.is_empty() {
        return None;
    }
    let x =
        |m: usize| LEFT + (WIDTH - LEFT - RIGHT) * if months == 1 { 0.5 } else { (m - 1) as f64 / (months - 1) as f64 };
    let y = |share: f64| TOP + (1.0 - share) * PLOT_H;
    // Room under the axis title for marks below the line, such as Thai vowels.
    let height = TOP + PLOT_H + 40.0;
    let Swatch(gr, gg, gb) = svg::GRID;
    let Swatch(r, g, b) = svg::ACCENT;
    let mut body = String::new();
    let mut overlay = String::new();
    for tick in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let ty = y(tick);
        body.push_str(&format!(
            "<line x1=\"{LEFT:.0}\" y1=\"{ty:.1}\" x2=\"{:.0}\" y2=\"{ty:.1}\" stroke=\"#{gr:02X}{gg:02X}{gb:02X}\"/>\n",
            WIDTH - RIGHT + 6.0
        ));
        let text = percent(tick);
        overlay.push_str(&label(LEFT - 6.0, ty + 4.0, &text, LEFT, "end"));
    }
    let count = events.cohorts.len();
    for (k, cohort) in events.cohorts.iter().enumerate() {
        let points: Vec<(f64, f64)> =
            cohort.retained.iter().enumerate().filter_map(|(m, s)| s.map(|s| (x(m + 1), y(s)))).collect();
        let Some(&(lx, ly)) = points.last() else { continue };
        // Oldest cohort faint, newest full strength.
        let opacity = 0.3 + 0.7 * (k + 1) as f64 / count as f64;
        let d: Vec<String> = points.iter().map(|(px, py)| format!("{px:.1} {py:.1}")).collect();
        body.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#{r:02X}{g:02X}{b:02X}\" stroke-opacity=\"{opacity:.2}\" stroke-width=\"2\"/>\n",
            d.join(" ")
        ));
        body.push_str(&format!(
            "<circle cx=\"{lx:.1}\" cy=\"{ly:.1}\" r=\"3\" fill=\"#{r:02X}{g:02X}{b:02X}\" fill-opacity=\"{opacity:.2}\"/>\n"
        ));
        if k == 0 || k + 1 == count {
            overlay.push_str(&label(lx + 6.0, ly + 4.0, &cohort.month, RIGHT - 6.0, "start"));
        }
    }
    let every = months.div_ceil(6);
    for m in (1..=months).filter(|m| (m - 1) % every == 0 || *m == months) {
        overlay.push_str(&label(x(m), TOP + PLOT_H + 18.0, &format!("+{m}"), 30.0, "middle"));
    }
    overlay.push_str(&label(
        (LEFT + WIDTH - RIGHT) / 2.0,
        TOP + PLOT_H + 33.0,
        &t("retention.axis", &[]),
        WIDTH,
        "middle",
    ));
    let title = t("retention.title", &[]);
    Some(svg::frame(id, WIDTH as u32, height as u32, &title, &describe(events), &body, &overlay))
}

/// A share as a whole percentage in the page's language.
fn percent(share: f64) -> String {
    t("amount.percent", &[("n", &crate::i18n::current::number(share * 100.0, 0))])
}

fn label(x: f64, y: f64, text: &str, width: f64, anchor: &'static str) -> String {
    svg::label(&Label { x, y, text, width, size: TEXT, anchor, vertical: false, class: "axis" })
}

/// Each cohort's size and shares, for readers who cannot see the lines.
fn describe(events: &EventFunnel) -> String {
    let cohorts: Vec<String> = events
        .cohorts
        .iter()
        .map(|c| {
            let shares: Vec<String> = c.retained.iter().flatten().map(|s| percent(*s)).collect();
            let shares = if shares.is_empty() { t("retention.no_later_month", &[]) } else { shares.join(", ") };
            t("retention.cohort", &[("month", &c.month), ("n", &c.size.to_string()), ("shares", &shares)])
        })
        .collect();
    t("retention.desc", &[("list", &cohorts.join("; "))])
}
