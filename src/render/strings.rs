//! What templates call for words and numbers in the page's language (SPEC §12):
//!
//! - `t(key="nav.journeys")` — the interface string `nav.journeys`;
//! - `t(key="stage.position", position=2, count=6)` — with `{position}` and `{count}` filled
//!   in, numbers written the language's way;
//! - `t(key="metric.nps", default=m.name)` — `default` where the key may not exist;
//! - `t(key="pain.count", n=3)` — a plural string: the form for 3 (`one`, `other`, …) by the
//!   language's plural rules, with `{n}` filled in;
//! - filters `number(digits=1)`, `percent(digits=1)` (of a fraction), `date` (of
//!   `YYYY-MM-DD`), `thousands`, `emotion_label` and `emotion_badge` (the badge a 1–5 score
//!   is shown as: its colour level, value and words, with the full reading as its tooltip).

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Tera, Value};

use crate::charts::svg::emotion_level;
use crate::i18n::{Locale, Resolved, Text};
use crate::text::escape_html;

/// Registers the functions and filters of the module docs, bound to `locale` and its
/// `strings` ([`crate::i18n::Catalogue::resolved`] for its language).
pub fn register(tera: &mut Tera, strings: &Arc<Resolved>, locale: &Arc<Locale>) {
    tera.register_function("t", Translate { strings: Arc::clone(strings), locale: Arc::clone(locale) });
    let badges = Arc::new(Badges::new(strings, locale));
    let b = Arc::clone(&badges);
    tera.register_filter("emotion_label", move |value: &Value, _: &HashMap<String, Value>| {
        let score = tera::try_get_value!("emotion_label", "value", f64, value);
        b.label(score).map(Value::String)
    });
    // Drawn on every map column, touchpoint and channel: one filter instead of the five
    // filters and the `t` call a template would need for it.
    tera.register_filter("emotion_badge", move |value: &Value, _: &HashMap<String, Value>| {
        let score = tera::try_get_value!("emotion_badge", "value", f64, value);
        badges.badge(score).map(Value::String)
    });
    let l = Arc::clone(locale);
    tera.register_filter("number", move |value: &Value, args: &HashMap<String, Value>| {
        let n = tera::try_get_value!("number", "value", f64, value);
        Ok(Value::String(l.number(n, digits(args))))
    });
    let l = Arc::clone(locale);
    tera.register_filter("thousands", move |value: &Value, _: &HashMap<String, Value>| {
        let n = tera::try_get_value!("thousands", "value", f64, value);
        Ok(Value::String(l.number(n, 0)))
    });
    let (c, l) = (Arc::clone(strings), Arc::clone(locale));
    tera.register_filter("percent", move |value: &Value, args: &HashMap<String, Value>| {
        let fraction = tera::try_get_value!("percent", "value", f64, value);
        let args = HashMap::from([("n".to_string(), Value::String(l.number(fraction * 100.0, digits(args))))]);
        lookup(&c, &l, "format.percent", &args).map(Value::String)
    });
    let l = Arc::clone(locale);
    tera.register_filter("date", move |value: &Value, _: &HashMap<String, Value>| {
        let text = tera::try_get_value!("date", "value", String, value);
        Ok(Value::String(date(&l, text)))
    });
}

/// The badge a 1–5 emotion score is shown as, in one language.
pub(super) struct Badges {
    /// The words for each level, 1 to 5, found once.
    labels: Vec<tera::Result<String>>,
    strings: Arc<Resolved>,
    locale: Arc<Locale>,
    /// Badges drawn so far, by the score's bits: a site shows the same few scores on every
    /// touchpoint and channel card, and a badge costs a formatted number and a filled string.
    drawn: std::sync::Mutex<rustc_hash::FxHashMap<u64, String>>,
}

/// The most badges [`Badges`] keeps: scores are few in practice, and any more are drawn anew.
const KEPT_BADGES: usize = 1024;

impl Badges {
    pub(super) fn new(strings: &Arc<Resolved>, locale: &Arc<Locale>) -> Self {
        let labels =
            (1..=5).map(|level| lookup(strings, locale, &format!("emotion.{level}"), &HashMap::new())).collect();
        Badges { labels, strings: Arc::clone(strings), locale: Arc::clone(locale), drawn: Default::default() }
    }

    /// The words for `score`'s level.
    fn label(&self, score: f64) -> tera::Result<String> {
        match &self.labels[usize::from(emotion_level(score)) - 1] {
            Ok(label) => Ok(label.clone()),
            Err(e) => Err(e.to_string().into()),
        }
    }

    /// The badge of `score`: its colour level, value and words, with the full reading as its
    /// tooltip.
    pub(super) fn badge(&self, score: f64) -> tera::Result<String> {
        if let Some(badge) = self.drawn.lock().ok().and_then(|d| d.get(&score.to_bits()).cloned()) {
            return Ok(badge);
        }
        let badge = self.draw(score)?;
        if let Ok(mut drawn) = self.drawn.lock() {
            if drawn.len() < KEPT_BADGES {
                drawn.insert(score.to_bits(), badge.clone());
            }
        }
        Ok(badge)
    }

    fn draw(&self, score: f64) -> tera::Result<String> {
        let label = self.label(score)?;
        // The tooltip's score is rounded to one decimal, as `round(precision=1)` does.
        let args = HashMap::from([
            ("score".to_string(), tera::to_value((score * 10.0).round() / 10.0)?),
            ("label".to_string(), Value::String(label.clone())),
        ]);
        let title = lookup(&self.strings, &self.locale, "emotion.title", &args)?;
        Ok(format!(
            "<span class=\"emotion e{}\" title=\"{}\"><span class=\"dot\" aria-hidden=\"true\"></span>{}<span class=\"emotion-word\"> · {}</span></span>",
            emotion_level(score),
            escape_html(&title),
            escape_html(&self.locale.number(score, 1)),
            escape_html(&label)
        ))
    }
}

fn digits(args: &HashMap<String, Value>) -> u8 {
    args.get("digits").and_then(Value::as_u64).map_or(0, |d| d.min(6) as u8)
}

/// The `t` function.
struct Translate {
    strings: Arc<Resolved>,
    locale: Arc<Locale>,
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, Value>) -> tera::Result<Value> {
        let Some(key) = args.get("key").and_then(Value::as_str) else {
            return Err("t() needs a key: t(key=\"…\")".into());
        };
        let default = args.get("default").and_then(Value::as_str);
        lookup_or(&self.strings, &self.locale, key, default, args).map(Value::String)
    }
}

/// [`lookup`], or `default` where given and no language has `key`: for keys only some values
/// have, such as the names of built-in metrics.
pub(super) fn lookup_or(
    strings: &Resolved,
    locale: &Locale,
    key: &str,
    default: Option<&str>,
    args: &HashMap<String, Value>,
) -> tera::Result<String> {
    match default {
        Some(default) if strings.get(key).is_none() => Ok(default.to_string()),
        _ => lookup(strings, locale, key, args),
    }
}

/// `text`, a `YYYY-MM-DD` date, as the `date` filter writes it in `locale`; other text as it is.
pub(super) fn date(locale: &Locale, text: String) -> String {
    crate::project::fields::parse_date(&text).map_or(text, |d| locale.date(d))
}

/// The text of `key` in `locale`'s language with `{name}` filled in from `args`.
pub(super) fn lookup(
    strings: &Resolved,
    locale: &Locale,
    key: &str,
    args: &HashMap<String, Value>,
) -> tera::Result<String> {
    let Some(text) = strings.get(key) else {
        return Err(format!("no interface string `{key}` in any language").into());
    };
    let pattern = match text {
        Text::Plain(s) => s.as_str(),
        Text::Plural(forms) => {
            let n = args.get("n").and_then(Value::as_f64).unwrap_or(0.0);
            forms.get(locale.plural(n)).or_else(|| forms.get("other")).map_or("", String::as_str)
        }
    };
    Ok(fill(pattern, locale, args))
}

/// `pattern` with each `{name}` replaced by the argument `name`; numbers written the
/// language's way, whole numbers without decimals. Unknown names stay as written.
fn fill(pattern: &str, locale: &Locale, args: &HashMap<String, Value>) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match args.get(name) {
            Some(Value::Number(n)) => {
                let x = n.as_f64().unwrap_or_default();
                out.push_str(&locale.number(x, if x.fract() == 0.0 { 0 } else { 1 }));
            }
            Some(Value::String(s)) => out.push_str(s),
            Some(other) => out.push_str(&other.to_string()),
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    /// The badge as the `emotion` macro wrote it with five filters and a `t` call, before
    /// `emotion_badge` took their place: the filter must write the same bytes.
    const AS_THE_MACRO_WROTE_IT: &str = "<span class=\"emotion e{{ score | emotion_level }}\" title=\"{{ t(key='emotion.title', score=score | round(precision=1), label=score | emotion_label) }}\"><span class=\"dot\" aria-hidden=\"true\"></span>{{ score | number(digits=1) }}<span class=\"emotion-word\"> · {{ score | emotion_label }}</span></span>";

    #[test]
    fn the_emotion_badge_is_what_the_macro_wrote_in_every_language() {
        for language in ["en", "th"] {
            let mut tera = super::super::tera_in(language);
            tera.add_raw_templates([
                ("macro.html", AS_THE_MACRO_WROTE_IT),
                ("filter.html", "{{ score | emotion_badge | safe }}"),
            ])
            .expect("both parse");
            for score in [1.0, 1.49, 2.26, 3.0, 3.75, 4.04, 4.96, 5.0] {
                let mut context = tera::Context::new();
                context.insert("score", &score);
                let want = tera.render("macro.html", &context).expect("the macro's markup renders");
                assert_eq!(
                    tera.render("filter.html", &context).expect("the filter renders"),
                    want,
                    "{language} {score}"
                );
                assert!(want.contains("class=\"emotion e"), "{want}");
            }
        }
    }
}
