use std::sync::Arc;

use super::*;
use crate::i18n::current::{within, Words};
use crate::i18n::{Catalogue, Locale};

fn in_language<T>(language: &str, work: impl FnOnce() -> T) -> T {
    let locale = Arc::new(Locale::new(language, crate::model::Calendar::Gregorian));
    let words = Words::new(Arc::new(Catalogue::built_in_only()), locale);
    within(&Arc::new(words), work)
}

#[test]
fn english_reads_as_metrics_format_writes_it() {
    let cases = [
        (Unit::Percent, 0.031),
        (Unit::Currency, 13.12676),
        (Unit::Currency, -2660.0),
        (Unit::Seconds, 185.0),
        (Unit::Seconds, 3725.0),
        (Unit::Count, 1234567.0),
        (Unit::Score, -12.0),
        (Unit::Ratio, 11.083),
    ];
    in_language("en", || {
        for (unit, x) in cases {
            assert_eq!(value(unit, x, "EUR"), format::value(unit, x, "EUR"), "{unit:?} {x}");
            assert_eq!(delta(unit, x / 7.0, "EUR"), format::delta(unit, x / 7.0, "EUR"), "{unit:?} {x}");
            assert_eq!(tick(unit, x, 0.5, "EUR"), format::tick(unit, x, 0.5, "EUR"), "{unit:?} {x}");
        }
        assert_eq!(elapsed(12_000), "3 h 20 min");
        assert_eq!(margin(Unit::Percent, 0.041, ""), "± 4.1 pts");
        assert_eq!(delta(Unit::Score, 0.0, ""), "no change");
    });
}

#[test]
fn thai_words_units_durations_and_no_change() {
    in_language("th", || {
        assert_eq!(value(Unit::Seconds, 185.0, ""), "3\u{a0}นาที 5\u{a0}วินาที");
        assert_eq!(value(Unit::Seconds, 3725.0, ""), "1\u{a0}ชั่วโมง 2\u{a0}นาที");
        assert_eq!(delta(Unit::Seconds, -5.0, ""), "−5\u{a0}วินาที");
        assert_eq!(elapsed(86_400 * 2 + 3_600 * 4), "2\u{a0}วัน 4\u{a0}ชั่วโมง");
        assert_eq!(delta(Unit::Percent, 0.023, ""), "+2.3\u{a0}จุด");
        assert_eq!(delta(Unit::Percent, 0.0004, ""), "ไม่เปลี่ยนแปลง");
        assert_eq!(margin(Unit::Percent, 0.041, ""), "±\u{a0}4.1\u{a0}จุด");
        assert_eq!(value(Unit::Currency, 1500.0, "THB"), "฿1,500");
        assert_eq!(tick(Unit::Seconds, 90.0, 30.0, ""), "1\u{a0}นาที 30\u{a0}วินาที");
    });
}

#[test]
fn other_languages_take_their_own_number_format() {
    in_language("de", || {
        assert_eq!(value(Unit::Count, 1234.5, ""), "1.234,5");
        assert_eq!(value(Unit::Percent, 0.125, ""), "12,5%");
    });
}
