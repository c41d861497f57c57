//! An observations CSV file read against a small journey: rows or diagnostics, never a panic.
#![no_main]

use journeybook::diagnostic::Diagnostics;
use journeybook::metrics::catalogue::Catalogue;
use journeybook::metrics::compute::Settings;
use journeybook::project::{data, journey};
use libfuzzer_sys::fuzz_target;

const JOURNEY: &str = "title: J\nstages:\n  - name: Trial\n  - name: Pay\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut diagnostics = Diagnostics::default();
    let mut journeys = vec![journey::parse(JOURNEY, "content/journeys/j.yaml", "j", &mut diagnostics).expect("valid")];
    let catalogue = Catalogue::new(&[]);
    data::read(text, "content/data/f.csv", &mut journeys, &catalogue, &mut diagnostics);
    let settings = Settings { catalogue: &catalogue, currency: "USD", at_risk_band: 0.1 };
    journeybook::metrics::compute_all(&mut journeys, &settings, &mut diagnostics);
    for m in journeys.iter().flat_map(|j| j.metrics.iter().chain(j.stages.iter().flat_map(|s| &s.metrics))) {
        assert!(m.value.is_finite(), "{m:?}");
    }
});
