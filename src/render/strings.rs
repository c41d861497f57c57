//! What templates call for words and numbers in the page's language (SPEC §12):
//!
//! - `t(key="nav.journeys")` — the interface string `nav.journeys`;
//! - `t(key="stage.position", position=2, count=6)` — with `{position}` and `{count}` filled
//!   in, numbers written the language's way;
//! - `t(key="metric.nps", default=m.name)` — `default` where the key may not exist;
//! - `t(key="pain.count", n=3)` — a plural string: the form for 3 (`one`, `other`, …) by the
//!   language's plural rules, with `{n}` filled in;
//! - filters `number(digits=1)`, `percent(digits=1)` (of a fraction), `date` (of
//!   `YYYY-MM-DD`), `thousands` and `emotion_label`.

use std::collections::HashMap;
use std::sync::Arc;

use tera::{Tera, Value};

use crate::i18n::{Locale, Resolved, Text};

/// Registers the functions and filters of the module docs, bound to `locale` and its
/// `strings` ([`crate::i18n::Catalogue::resolved`] for its language).
pub fn register(tera: &mut Tera, strings: &Arc<Resolved>, locale: &Arc<Locale>) {
    tera.register_function("t", Translate { strings: Arc::clone(strings), locale: Arc::clone(locale) });
    // The five labels, found once.
    let labels: Vec<tera::Result<String>> =
        (1..=5).map(|level| lookup(strings, locale, &format!("emotion.{level}"), &HashMap::new())).collect();
    tera.register_filter("emotion_label", move |value: &Value, _: &HashMap<String, Value>| {
        let score = tera::try_get_value!("emotion_label", "value", f64, value);
        let level = score.round().clamp(1.0, 5.0) as usize;
        match &labels[level - 1] {
            Ok(label) => Ok(Value::String(label.clone())),
            Err(e) => Err(e.to_string().into()),
        }
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
        Ok(Value::String(crate::project::fields::parse_date(&text).map_or(text, |d| l.date(d))))
    });
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
        // `default` is for keys only some values have, such as the names of built-in metrics.
        if let Some(default) = args.get("default").and_then(Value::as_str) {
            if self.strings.get(key).is_none() {
                return Ok(Value::String(default.to_string()));
            }
        }
        lookup(&self.strings, &self.locale, key, args).map(Value::String)
    }
}

/// The text of `key` in `locale`'s language with `{name}` filled in from `args`.
fn lookup(strings: &Resolved, locale: &Locale, key: &str, args: &HashMap<String, Value>) -> tera::Result<String> {
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
