//! A journey file: parsing, metrics, every chart and the Mermaid export end in a value or a
//! diagnostic, never a panic; nothing drawn holds NaN or infinity.
#![no_main]

use journeybook::charts::{channels, emotion, funnel, wheel};
use journeybook::diagnostic::Diagnostics;
use journeybook::interop::mermaid;
use journeybook::metrics::catalogue::Catalogue;
use journeybook::metrics::compute::Settings;
use journeybook::project::journey;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut diagnostics = Diagnostics::default();
    let Some(mut j) = journey::parse(text, "content/journeys/f.yaml", "f", &mut diagnostics) else { return };
    let catalogue = Catalogue::new(&[]);
    let settings = Settings { catalogue: &catalogue, currency: "EUR", at_risk_band: 0.1 };
    journeybook::metrics::compute_all(std::slice::from_mut(&mut j), &settings, &mut diagnostics);
    let mut drawn = vec![wheel::chart(&j, "/")];
    drawn.extend(emotion::chart(&j, Some(&j)));
    drawn.extend(funnel::chart(&j));
    drawn.extend(channels::chart(&j));
    for m in &j.metrics {
        drawn.extend(journeybook::charts::trend::chart(m, "t"));
    }
    for svg in drawn {
        assert_finite(&svg);
    }
    let exported = mermaid::export(&j, None);
    if !j.stages.is_empty() {
        let mut read = Diagnostics::default();
        mermaid::parse(&exported, "x", &mut read).expect("an export reads back");
        assert!(read.is_empty(), "an export reads back without warnings: {:?}", read.sorted());
    }
});

/// Every number-bearing attribute holds finite numbers (user text may say "inf" or "NaN").
fn assert_finite(svg: &str) {
    for name in ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "d", "points", "transform", "viewBox"] {
        let needle = format!(" {name}=\"");
        for (i, _) in svg.match_indices(&needle) {
            let value = &svg[i + needle.len()..];
            let value = &value[..value.find('"').unwrap_or(value.len())];
            assert!(!value.contains("NaN") && !value.contains("inf"), "{name}={value:?} in {svg}");
        }
    }
}
