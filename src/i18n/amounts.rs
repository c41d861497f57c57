//! Metric values, changes, ticks and durations in the page's language.
//!
//! `metrics::format` decides what is shown (how many decimals, which unit, which parts of a
//! duration, whether a change is no change); this module words it with the locale's number
//! formatting and the `amount.*` and `duration.*` strings. Pages and charts call it inside the
//! page's [`super::current::within`]; outside a page it writes English, byte for byte as
//! `metrics::format`'s `Display` does.

use std::borrow::Cow;

use super::current::{t, with};
use crate::metrics::format::{self, Amount, Change, Figure, Shown, Style, TimeUnit, Unit};
use crate::model::action::Word;
use crate::model::research::{FunnelStep, ScopedValue, Uncertainty};
use crate::model::{Journey, Metric};

/// The beginnings of every string key an amount is worded with.
const KEYS: [&str; 4] = ["amount.", "duration.", "kpi.no_change", "research.range"];

/// Whether `language` writes amounts as the metrics step did (`metrics::format`, English):
/// it is English and the project words no amount its own way. The numbers then read the
/// same in its pages as computed, so a page takes them as they are.
pub fn as_computed(catalogue: &super::Catalogue, language: &str) -> bool {
    language == super::FALLBACK && !catalogue.overrides(language, &KEYS)
}

/// The id of the ratio written `x : 1`.
const LTV_CAC: &str = "ltv_cac_ratio";

/// A figure with the language's digits, grouping and decimal mark.
fn figure(g: &Figure) -> String {
    with(|w| w.locale.number(g.magnitude, g.decimals))
}

/// The key of a duration part's string: `duration.brief.m`, `duration.s`.
fn part_key(unit: TimeUnit, style: Style) -> &'static str {
    match (style, unit) {
        (Style::Brief, TimeUnit::Day) => "duration.brief.d",
        (Style::Brief, TimeUnit::Hour) => "duration.brief.h",
        (Style::Brief, TimeUnit::Minute) => "duration.brief.m",
        (Style::Brief, TimeUnit::Second) => "duration.brief.s",
        (Style::Spaced, TimeUnit::Day) => "duration.d",
        (Style::Spaced, TimeUnit::Hour) => "duration.h",
        (Style::Spaced, TimeUnit::Minute) => "duration.min",
        (Style::Spaced, TimeUnit::Second) => "duration.s",
    }
}

/// An amount without its sign: `3.1%`, `฿1,500`, `3 นาที 5 วินาที`.
pub fn amount(a: &Amount) -> String {
    match a {
        Amount::Number(g) => figure(g),
        Amount::Percent(g) => t("amount.percent", &[("n", &figure(g))]),
        Amount::Points(g) => t("amount.points", &[("n", &figure(g))]),
        Amount::Money { code, figure: g } => {
            t("amount.money", &[("symbol", &format::currency_symbol(code)), ("n", &figure(g))])
        }
        Amount::Duration { parts, style } => {
            let words: Vec<String> = parts
                .iter()
                .map(|(unit, n)| t(part_key(*unit, *style), &[("n", &with(|w| w.locale.number(*n as f64, 0)))]))
                .collect();
            words.join(" ")
        }
    }
}

/// A signed amount; the sign stays in front in every language.
pub fn shown(s: &Shown) -> String {
    format!("{}{}", s.sign.symbol(), amount(&s.amount))
}

/// A change, or the language's words for no change.
pub fn change(c: &Change) -> String {
    match c {
        Change::NoChange => t("kpi.no_change", &[]),
        Change::By(s) => shown(s),
    }
}

/// `value` in its unit.
pub fn value(unit: Unit, value: f64, currency: &str) -> String {
    shown(&format::amount(unit, value, currency))
}

/// A signed change in `unit`.
pub fn delta(unit: Unit, value: f64, currency: &str) -> String {
    change(&format::change(unit, value, currency))
}

/// An axis tick in `unit` with the decimals its `step` needs.
pub fn tick(unit: Unit, value: f64, step: f64, currency: &str) -> String {
    shown(&format::tick_amount(unit, value, step, currency))
}

/// A time between events: `3 h 20 min`, `3 ชั่วโมง 20 นาที`.
pub fn elapsed(seconds: i64) -> String {
    shown(&format::elapsed(seconds))
}

/// Half an interval's width: `± 6.2`, `± 4.1 pts`.
pub fn margin(unit: Unit, margin: f64, currency: &str) -> String {
    let width = format::margin(unit, margin, currency).map_or_else(|| figure(&Figure::ZERO), |a| amount(&a));
    t("amount.margin", &[("n", &width)])
}

/// A ratio written against one: `3.2 : 1`.
fn per_one(value: f64) -> String {
    t("amount.per_one", &[("n", &self::value(Unit::Ratio, (value * 10.0).round() / 10.0, ""))])
}

/// A metric's value, target and change as a page shows them.
pub struct MetricTexts {
    pub value: String,
    pub target: Option<String>,
    pub change: Option<String>,
}

/// The value, target and change of `m` in the current language.
pub fn texts(m: &Metric) -> MetricTexts {
    let unit = m.unit;
    let change = m.delta.map(|d| delta(unit, d, &m.currency));
    if m.id == LTV_CAC {
        return MetricTexts { value: per_one(m.value), target: m.target.map(per_one), change };
    }
    let show = |x: f64| value(unit, x, &m.currency);
    MetricTexts { value: show(m.value), target: m.target.map(show), change }
}

/// `m` with every shown value, target, change and interval in the current language.
pub fn metric(m: &Metric) -> Cow<'_, Metric> {
    match with(|w| w.as_computed) {
        true => Cow::Borrowed(m),
        false => Cow::Owned(localised_metric(m)),
    }
}

/// [`metric`], written again whatever the language.
fn localised_metric(m: &Metric) -> Metric {
    let mut out = m.clone();
    localise(&mut out);
    out
}

/// Writes every shown value, target, change and interval of `m` in the current language.
fn localise(m: &mut Metric) {
    let (unit, texts) = (m.unit, texts(m));
    (m.display, m.target_display, m.delta_display) = (texts.value, texts.target, texts.change);
    for p in &mut m.series {
        p.display = value(unit, p.value, &m.currency);
    }
    if let Some(u) = m.uncertainty.as_deref_mut() {
        uncertainty(u, unit, &m.currency);
    }
}

fn uncertainty(u: &mut Uncertainty, unit: Unit, currency: &str) {
    let range = |(lo, hi): (f64, f64)| {
        t("research.range", &[("low", &value(unit, lo, currency)), ("high", &value(unit, hi, currency))])
    };
    let interval = u.ci_low.zip(u.ci_high);
    u.margin_display = interval.map(|(lo, hi)| margin(unit, (hi - lo) / 2.0, currency));
    u.interval_display = interval.map(range);
    for p in &mut u.points {
        p.interval_display = p.low.zip(p.high).map(range);
    }
}

/// Each of `metrics` in the current language.
pub fn metrics(metrics: &[Metric]) -> Cow<'_, [Metric]> {
    match with(|w| w.as_computed) {
        true => Cow::Borrowed(metrics),
        false => Cow::Owned(metrics.iter().map(localised_metric).collect()),
    }
}

/// `j` with its metrics, its stages' metrics, its survey values and its event times in the
/// current language.
pub fn journey(j: &Journey) -> Cow<'_, Journey> {
    match with(|w| w.as_computed) {
        true => Cow::Borrowed(j),
        false => Cow::Owned(localised(j)),
    }
}

/// [`journey`], written again whatever the language.
fn localised(j: &Journey) -> Journey {
    let mut out = j.clone();
    out.metrics.iter_mut().chain(out.stages.iter_mut().flat_map(|s| &mut s.metrics)).for_each(localise);
    for v in &mut out.surveyed {
        scoped(v);
    }
    if let Some(events) = out.events.as_deref_mut() {
        events.steps.iter_mut().for_each(step);
    }
    out
}

fn scoped(v: &mut ScopedValue) {
    let unit = Unit::parse(v.unit).unwrap_or(Unit::Score);
    v.display = value(unit, v.value, "");
    v.margin_display = v.margin.map(|m| margin(unit, m, ""));
}

fn step(s: &mut FunnelStep) {
    s.median_display = s.median_seconds.map(elapsed);
    s.p90_display = s.p90_seconds.map(elapsed);
}

#[cfg(test)]
mod tests;
