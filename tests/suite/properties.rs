//! Property tests for the invariants of ids, metrics and funnels.

use journeybook::diagnostic::{Diagnostics, Pos};
use journeybook::metrics::catalogue::{Catalogue, BUILTIN};
use journeybook::metrics::compute::{self, Settings};
use journeybook::metrics::{format, formula, funnel, status};
use journeybook::model::id;
use journeybook::model::{MetricInput, Number};
use journeybook::project::fields::Spanned;
use journeybook::project::metrics::parse_number;
use proptest::prelude::*;

proptest! {
    /// Whatever the name, the derived id is valid, or there is none (and the caller reports it).
    #[test]
    fn derived_ids_are_valid_or_absent(name in ".{0,200}") {
        if let Some(derived) = id::derive(&name) {
            prop_assert!(id::is_valid(&derived), "{derived:?}");
            prop_assert!(!derived.contains(".."));
            prop_assert!(!derived.contains('/'));
        }
    }

    /// Names mixing Thai (with its marks), Cyrillic, CJK, emoji, decomposed accents and
    /// punctuation give ids that are valid, NFC, within 64 characters and 200 bytes, the same
    /// when derived again, and cut only between graphemes: the id is the start of the full
    /// derivation at a grapheme boundary of it.
    #[test]
    fn mixed_script_ids_are_valid_nfc_short_idempotent_and_grapheme_safe(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("การทดลองใช้"), Just("ที่"), Just("น้ำ"), Just("Оплата"), Just("注文"), Just("✈️"),
                Just("👩‍💻"), Just("Cafe\u{301}"), Just("Ǆemal"), Just(" & "), Just("-"), Just("A1"), Just("ก\u{e4d}\u{e32}"),
            ],
            1..60,
        ),
    ) {
        let name = parts.concat();
        let Some(derived) = id::derive(&name) else { return Ok(()) };
        prop_assert!(id::is_valid(&derived), "{derived:?}");
        prop_assert_eq!(id::nfc(&derived), derived.clone());
        prop_assert!(derived.chars().count() <= id::MAX_LEN && derived.len() <= id::MAX_BYTES);
        prop_assert_eq!(id::derive(&derived), Some(derived.clone()), "idempotent");
        let full = id::derive_uncut(&name, id::Slugify::Unicode).unwrap();
        prop_assert!(full.starts_with(derived.as_str()));
        prop_assert!(journeybook::i18n::words::graphemes(&full).contains(&derived.len()), "cut inside a grapheme: {derived:?}");
    }

    /// An id that passes the check can never climb out of a folder.
    #[test]
    fn valid_ids_cannot_escape(text in "[a-z0-9./-]{1,20}") {
        if id::is_valid(&text) {
            prop_assert!(!text.contains('/') && !text.contains('.'));
        }
    }

    /// The better the value, the better (or equal) the status.
    #[test]
    fn status_is_monotone(target in -1e6f64..1e6, band in 0.0f64..1.0, a in -1e6f64..1e6, b in -1e6f64..1e6, higher in any::<bool>()) {
        let (worse, better) = if (a <= b) == higher { (a, b) } else { (b, a) };
        let rank = |v| status::rank(Some(status::status(v, target, higher, band)));
        prop_assert!(rank(better) <= rank(worse));
    }

    /// When counts fall from stage to stage, every drop-off lies in [0, 1].
    #[test]
    fn drop_off_is_a_fraction_when_counts_fall(mut counts in proptest::collection::vec(0u64..10_000_000, 1..40)) {
        counts.sort_unstable_by(|a, b| b.cmp(a));
        let entered: Vec<Option<u64>> = counts.into_iter().map(Some).collect();
        for d in funnel::drop_offs(&entered).into_iter().flatten() {
            prop_assert!((0.0..=1.0).contains(&d), "{d}");
        }
    }

    /// A percentage written for people reads back as the fraction it came from.
    #[test]
    fn percent_text_round_trips(tenths in 0u32..=1000) {
        let fraction = f64::from(tenths) / 1000.0;
        let shown = format::value(format::Unit::Percent, fraction, "USD");
        let back = parse_number(&shown).expect("shown percentages parse");
        prop_assert!(back.percent);
        prop_assert!((back.value - fraction).abs() < 1e-12, "{shown} → {}", back.value);
    }

    /// Whatever the inputs, a metric comes out finite or not at all (with a diagnostic).
    #[test]
    fn metric_arithmetic_is_finite_or_a_diagnostic(
        which in 0usize..12,
        values in proptest::collection::vec(prop_oneof![Just(0.0), Just(1e-300), Just(1e300), 0.0f64..1e9], 6),
        target in prop_oneof![Just(0.0), -1e300f64..1e300],
    ) {
        let kind = &BUILTIN[which];
        let names: Vec<&str> = formula::formulas(kind.id).iter().flat_map(|s| s.iter().copied()).collect();
        let inputs = names.iter().zip(&values).map(|(n, v)| (n.to_string(), Spanned::new(*v, Pos::new(1, 1)))).collect();
        let input = MetricInput {
            id: kind.id.into(), pos: Pos::new(1, 1), file: "f.yaml".into(),
            value: names.is_empty().then(|| Spanned::new(Number { value: values[0], percent: false }, Pos::new(1, 1))),
            inputs, target: Some(Spanned::new(Number { value: target, percent: false }, Pos::new(1, 1))),
            series: Vec::new(), note: Default::default(),
        };
        let catalogue = Catalogue::new(&[]);
        let settings = Settings { catalogue: &catalogue, currency: "USD", at_risk_band: 0.1, points_shown: true };
        let mut d = Diagnostics::default();
        match compute::metric(&input, &settings, &mut d) {
            Some(m) => {
                prop_assert!(m.value.is_finite(), "{m:?}");
                prop_assert!(!m.display.contains("NaN") && !m.display.contains("inf"), "{}", m.display);
            }
            None => prop_assert!(d.has_errors(), "no value and no diagnostic"),
        }
    }

    /// Formatting never shows NaN or infinity for any finite value.
    #[test]
    fn formatting_is_finite(v in -1e12f64..1e12) {
        for unit in [format::Unit::Percent, format::Unit::Currency, format::Unit::Seconds, format::Unit::Count, format::Unit::Score, format::Unit::Ratio] {
            let s = format::value(unit, v, "EUR");
            prop_assert!(!s.contains("NaN") && !s.contains("inf"), "{s}");
        }
    }
}
