//! The interface strings of the page being made, for code that draws text far from any
//! template: chart titles, descriptions, legends and axis labels.
//!
//! Charts are drawn deep inside page and chart builders that know nothing of languages;
//! rather than pass the language through every one of them, the page's renderer runs them
//! [`within`] its [`Words`], and chart code asks for text with [`t`]. Outside any page (unit
//! tests, tools) the built-in English strings answer.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

use super::{Catalogue, Locale, Resolved, Text};

/// A locale's strings and formatting rules, shared by the threads that render its pages.
pub struct Words {
    pub catalogue: Arc<Catalogue>,
    /// The locale's strings with their fallbacks, as the templates' `t` reads them.
    pub resolved: Arc<Resolved>,
    pub locale: Arc<Locale>,
    /// Whether amounts read in this locale as the metrics step wrote them (see
    /// [`super::amounts::as_computed`]), so a page shows those texts without writing them again.
    pub as_computed: bool,
}

impl Words {
    /// The words of `locale`, its strings gathered from `catalogue`.
    pub fn new(catalogue: Arc<Catalogue>, locale: Arc<Locale>) -> Words {
        let resolved = Arc::new(catalogue.resolved(&locale.language));
        Words::with_strings(catalogue, resolved, locale)
    }

    /// The words of `locale` whose strings, gathered from `catalogue`, are `resolved`.
    pub fn with_strings(catalogue: Arc<Catalogue>, resolved: Arc<Resolved>, locale: Arc<Locale>) -> Words {
        let as_computed = super::amounts::as_computed(&catalogue, &locale.language);
        Words { catalogue, resolved, locale, as_computed }
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<Words>>> = const { RefCell::new(None) };
}

/// Runs `work` with `words` as this thread's words, then restores the previous ones, even
/// when `work` panics.
pub fn within<T>(words: &Arc<Words>, work: impl FnOnce() -> T) -> T {
    struct Restore(Option<Arc<Words>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            CURRENT.with(|c| *c.borrow_mut() = previous);
        }
    }
    let previous = CURRENT.with(|c| c.borrow_mut().replace(Arc::clone(words)));
    let _restore = Restore(previous);
    work()
}

fn english() -> &'static Arc<Words> {
    static ENGLISH: OnceLock<Arc<Words>> = OnceLock::new();
    ENGLISH.get_or_init(|| {
        let locale = Arc::new(Locale::new("en", crate::model::Calendar::Gregorian));
        Arc::new(Words::new(Arc::new(Catalogue::built_in_only()), locale))
    })
}

/// Calls `f` with this thread's words, or English.
pub fn with<T>(f: impl FnOnce(&Words) -> T) -> T {
    let current = CURRENT.with(|c| c.borrow().clone());
    f(current.as_ref().unwrap_or_else(|| english()))
}

/// The text of `key` with each `{name}` filled in from `args`; for a plural string, the form
/// for the count `n` (given in `args` as a number).
pub fn t(key: &str, args: &[(&str, &str)]) -> String {
    let n = args.iter().find(|(k, _)| *k == "n").and_then(|(_, v)| v.parse().ok()).unwrap_or(0.0);
    let pattern = with(|w| pattern(w, key, n));
    args.iter().fold(pattern, |text, (name, value)| text.replace(&format!("{{{name}}}"), value))
}

/// The text of the plural string `key` for the count `n`, with `{n}` written the language's
/// way, as templates write `t(key=…, n=…)`.
pub fn count(key: &str, n: usize) -> String {
    let n = n as f64;
    with(|w| pattern(w, key, n).replace("{n}", &w.locale.number(n, 0)))
}

/// The text of `key` in the current language, the form for the count `n` where it is plural.
fn pattern(w: &Words, key: &str, n: f64) -> String {
    match w.catalogue.get(&w.locale.language, key) {
        Some(Text::Plain(s)) => s.clone(),
        Some(Text::Plural(forms)) => {
            forms.get(w.locale.plural(n)).or_else(|| forms.get("other")).cloned().unwrap_or_default()
        }
        None => key.to_string(),
    }
}

/// The text of `key`, or `fallback` when no language has that key: for names only some
/// values have strings for, such as built-in metrics.
pub fn t_or(key: &str, fallback: &str) -> String {
    with(|w| match w.catalogue.get(&w.locale.language, key) {
        Some(_) => t(key, &[]),
        None => fallback.to_string(),
    })
}

/// `value` written the current language's way with `digits` decimals.
pub fn number(value: f64, digits: u8) -> String {
    with(|w| w.locale.number(value, digits))
}
