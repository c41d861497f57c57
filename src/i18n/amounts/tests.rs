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

#[test]
fn english_pages_take_the_computed_texts_as_they_are() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = crate::site::check(root, &Default::default());
    assert!(!checked.diagnostics.has_errors(), "the example playbook builds");
    let journeys = &checked.project.journeys;
    assert!(journeys.iter().any(|j| !j.surveyed.is_empty() && j.events.is_some()), "surveys and events are covered");
    in_language("en", || {
        for j in journeys {
            assert!(matches!(journey(j), Cow::Borrowed(_)), "{} is not copied", j.id);
            let again = serde_json::to_value(localised(j)).unwrap();
            assert_eq!(again, serde_json::to_value(j).unwrap(), "{} reads in English as computed", j.id);
        }
    });
    in_language("th", || assert!(journeys.iter().all(|j| matches!(journey(j), Cow::Owned(_)))));
}

#[test]
fn a_project_that_words_an_amount_has_its_english_pages_write_them_again() {
    let built_in = Catalogue::built_in_only();
    assert!(as_computed(&built_in, "en"));
    assert!(!as_computed(&built_in, "th"), "Thai writes its own digits and units");
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("i18n")).unwrap();
    std::fs::write(dir.path().join("i18n/en.yaml"), "nav.home: Start\n").unwrap();
    let renamed = Catalogue::load(dir.path(), &mut Default::default());
    assert!(as_computed(&renamed, "en"), "strings other than amounts leave them as computed");
    std::fs::write(dir.path().join("i18n/en.yaml"), "amount.percent: \"{n} per cent\"\n").unwrap();
    let worded = Catalogue::load(dir.path(), &mut Default::default());
    assert!(!as_computed(&worded, "en"));
}
