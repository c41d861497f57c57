//! The integration tests, one binary with a module per area: linking once keeps the test
//! build short. The shared harness copies a fixture into a temporary folder, runs the real
//! binary and reads what it did; `BLESS=1` rewrites expected outputs instead of failing.

#[path = "../harness/mod.rs"]
mod harness;
#[path = "../sources/mod.rs"]
mod sources;

mod action;
mod charts;
mod ci;
mod cli;
mod commonmark;
mod diagnostic_codes;
mod diff;
mod history;
mod hostile;
mod i18n;
mod i18n_metrics;
mod interop;
mod interrupted;
mod layers;
mod map;
mod markdown_sweep;
mod mermaid_corpus;
mod phones;
mod pipes;
mod properties;
mod research;
mod routes;
mod serve;
mod serve_incremental;
mod snapshots;
mod theme;
mod tokens;
