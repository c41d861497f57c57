//! A page's locale: its language and calendar, with the ICU4X formatters for its numbers,
//! dates and plural rules, made once per locale and shared by every page in it.

use std::sync::Mutex;

use chrono::Datelike;
use icu_datetime::fieldsets::{M, MD, Y, YMD};
use icu_datetime::input::Date;
use icu_datetime::DateTimeFormatter;
use icu_decimal::input::Decimal;
use icu_decimal::DecimalFormatter;
use icu_plurals::{PluralCategory, PluralRules};
use rustc_hash::FxHashMap;

use crate::model::action::Word;
use crate::model::Calendar;

/// The language and calendar pages are written in, with their formatting rules.
pub struct Locale {
    /// A BCP 47 tag, the page's `lang`.
    pub language: String,
    /// The calendar its dates are written in.
    pub calendar: Calendar,
    decimal: DecimalFormatter,
    plurals: PluralRules,
    dates: DateTimeFormatter<YMD>,
    months: DateTimeFormatter<M>,
    days: DateTimeFormatter<MD>,
    years: DateTimeFormatter<Y>,
    /// Whether ICU4X writes numbers below a thousand as Rust does (Latin digits, `.` and `-`,
    /// out of the grouping separator's reach), so [`Locale::number`] may skip it for them.
    plain_below_thousand: bool,
    /// The dates, months and years written so far: a site shows the same few hundred dates
    /// on thousands of cards and pages, and the same periods under every trend chart, and
    /// ICU4X takes a while over each.
    written: Mutex<FxHashMap<Written, Option<String>>>,
}

/// A date or part of one as a [`Locale`] writes it.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Written {
    Date(chrono::NaiveDate),
    Month(u8),
    MonthDay(u8, u8),
    Year(i32),
}

impl Locale {
    /// The rules of `language`, or of `en` where ICU4X has none for it.
    pub fn new(language: &str, calendar: Calendar) -> Locale {
        // CLDR's default calendar for `th` is already Buddhist, so the era is always explicit.
        let era = if calendar == Calendar::Buddhist { "buddhist" } else { "gregory" };
        let tag = format!("{language}-u-ca-{era}");
        let parsed = icu_locale_core::Locale::try_from_str(&tag)
            .unwrap_or_else(|_| icu_locale_core::Locale::try_from_str(&format!("en-u-ca-{era}")).expect("valid tag"));
        let decimal = DecimalFormatter::try_new((&parsed).into(), Default::default())
            .or_else(|_| DecimalFormatter::try_new(Default::default(), Default::default()))
            .expect("compiled data has root decimal symbols");
        let plurals = PluralRules::try_new_cardinal((&parsed).into())
            .or_else(|_| PluralRules::try_new_cardinal(Default::default()))
            .expect("compiled data has root plural rules");
        let dates = DateTimeFormatter::try_new((&parsed).into(), YMD::medium())
            .or_else(|_| DateTimeFormatter::try_new(Default::default(), YMD::medium()))
            .expect("compiled data has root date patterns");
        let months = DateTimeFormatter::try_new((&parsed).into(), M::medium())
            .or_else(|_| DateTimeFormatter::try_new(Default::default(), M::medium()))
            .expect("compiled data has root month names");
        let days = DateTimeFormatter::try_new((&parsed).into(), MD::medium())
            .or_else(|_| DateTimeFormatter::try_new(Default::default(), MD::medium()))
            .expect("compiled data has root day patterns");
        let years = DateTimeFormatter::try_new((&parsed).into(), Y::medium())
            .or_else(|_| DateTimeFormatter::try_new(Default::default(), Y::medium()))
            .expect("compiled data has root year patterns");
        let plain_below_thousand = ["-123.45", "0.6789"]
            .iter()
            .all(|probe| Decimal::try_from_str(probe).is_ok_and(|d| decimal.format(&d).to_string() == *probe));
        Locale {
            language: language.to_string(),
            calendar,
            decimal,
            plurals,
            dates,
            months,
            days,
            years,
            plain_below_thousand,
            written: Mutex::default(),
        }
    }

    /// How this locale is told apart from others: `th/buddhist`.
    pub fn key(&self) -> String {
        key(&self.language, self.calendar)
    }

    /// `value` with the language's digits, grouping and decimal mark, rounded to `digits`
    /// decimals and showing all of them.
    pub fn number(&self, value: f64, digits: u8) -> String {
        if !value.is_finite() {
            return value.to_string();
        }
        // Rust rounds and pads to `digits`; ICU4X then writes the digits the language's way.
        let plain = crate::text::Fixed(value, usize::from(digits)).to_string();
        let whole = plain.split('.').next().unwrap_or_default().trim_start_matches('-');
        if self.plain_below_thousand && whole.len() <= 3 {
            return plain;
        }
        match Decimal::try_from_str(&plain) {
            Ok(decimal) => self.decimal.format(&decimal).to_string(),
            Err(_) => plain,
        }
    }

    /// The plural category (`one`, `other`, …) the language uses for the count `n`.
    pub fn plural(&self, n: f64) -> &'static str {
        let category = match Decimal::try_from_str(&n.to_string()) {
            Ok(decimal) => self.plurals.category_for(&decimal),
            Err(_) => PluralCategory::Other,
        };
        match category {
            PluralCategory::Zero => "zero",
            PluralCategory::One => "one",
            PluralCategory::Two => "two",
            PluralCategory::Few => "few",
            PluralCategory::Many => "many",
            PluralCategory::Other => "other",
        }
    }

    /// A calendar date in the language's medium form and the locale's era: `14 ส.ค. 2569`.
    pub fn date(&self, date: chrono::NaiveDate) -> String {
        let written = self.remembered(Written::Date(date), || {
            let month = u8::try_from(date.month()).ok()?;
            let day = u8::try_from(date.day()).ok()?;
            Date::try_new_iso(date.year(), month, day).ok().map(|iso| self.dates.format(&iso).to_string())
        });
        written.unwrap_or_else(|| date.to_string())
    }

    /// `what` as written before, or as `write` writes it now, kept for the next time.
    fn remembered(&self, what: Written, write: impl FnOnce() -> Option<String>) -> Option<String> {
        if let Some(text) = self.written.lock().ok().and_then(|w| w.get(&what).cloned()) {
            return text;
        }
        let text = write();
        if let Ok(mut written) = self.written.lock() {
            written.insert(what, text.clone());
        }
        text
    }
}

impl Locale {
    /// A month's short name, for chart axes: `Mar`, `มี.ค.`.
    pub fn month(&self, month: u8) -> Option<String> {
        self.remembered(Written::Month(month), || {
            Date::try_new_iso(2000, month, 1).ok().map(|d| self.months.format(&d).to_string())
        })
    }

    /// A day of a month, short, for chart axes: `Mar 14`, `14 มี.ค.`.
    pub fn month_day(&self, month: u8, day: u8) -> Option<String> {
        self.remembered(Written::MonthDay(month, day), || {
            Date::try_new_iso(2000, month, day).ok().map(|d| self.days.format(&d).to_string())
        })
    }

    /// A year in the locale's era: `2026`, or `2569` in the Buddhist era.
    pub fn year(&self, year: i32) -> Option<String> {
        self.remembered(Written::Year(year), || {
            Date::try_new_iso(year, 7, 1).ok().map(|d| self.years.format(&d).to_string())
        })
    }
}

/// The key of the locale for `language` and `calendar`.
pub fn key(language: &str, calendar: Calendar) -> String {
    format!("{language}/{}", calendar.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thai_dates_in_both_eras() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 8, 14).unwrap();
        assert_eq!(Locale::new("th", Calendar::Buddhist).date(day), "14 ส.ค. 2569");
        assert_eq!(Locale::new("th", Calendar::Gregorian).date(day), "14 ส.ค. 2026");
        assert_eq!(Locale::new("en", Calendar::Gregorian).date(day), "Aug 14, 2026");
        assert!(Locale::new("en", Calendar::Buddhist).date(day).contains("2569"));
        let th = Locale::new("th", Calendar::Buddhist);
        assert_eq!((th.month(3).as_deref(), th.year(2026).as_deref()), (Some("มี.ค."), Some("พ.ศ. 2569")));
        assert_eq!(Locale::new("en", Calendar::Gregorian).month_day(3, 14).as_deref(), Some("Mar 14"));
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Locale::new("en", Calendar::Gregorian).number(120000.0, 0), "120,000");
        assert_eq!(Locale::new("th", Calendar::Gregorian).number(1234.5, 1), "1,234.5");
        assert_eq!(Locale::new("de", Calendar::Gregorian).number(1234.5, 2), "1.234,50");
        assert_eq!(Locale::new("en", Calendar::Gregorian).number(-0.04, 1), "-0.0");
    }

    #[test]
    fn a_date_written_again_reads_as_the_first_time() {
        let th = Locale::new("th", Calendar::Buddhist);
        let dates: Vec<chrono::NaiveDate> = ["2026-08-14", "2026-01-31", "2026-08-14", "1999-12-31", "2026-01-31"]
            .iter()
            .map(|d| d.parse().unwrap())
            .collect();
        for date in dates {
            assert_eq!(th.date(date), Locale::new("th", Calendar::Buddhist).date(date), "{date}");
        }
        assert_eq!(th.date("2026-08-14".parse().unwrap()), "14 ส.ค. 2569");
    }

    #[test]
    fn small_numbers_skip_icu_only_where_it_would_change_nothing() {
        let en = Locale::new("en", Calendar::Gregorian);
        assert_eq!((en.number(42.0, 2).as_str(), en.number(-7.25, 1).as_str()), ("42.00", "-7.2"));
        assert_eq!(en.number(999.96, 1), "1,000.0", "rounding up into the thousands is grouped");
        assert_eq!(en.number(1e20, 0), "100,000,000,000,000,000,000");
        let de = Locale::new("de", Calendar::Gregorian);
        assert_eq!((de.number(123.5, 1).as_str(), de.number(-3.0, 0).as_str()), ("123,5", "-3"));
    }

    #[test]
    fn plural_categories() {
        let en = Locale::new("en", Calendar::Gregorian);
        assert_eq!((en.plural(1.0), en.plural(2.0)), ("one", "other"));
        assert_eq!(Locale::new("th", Calendar::Gregorian).plural(1.0), "other");
        assert_eq!(Locale::new("ru", Calendar::Gregorian).plural(3.0), "few");
    }
}
