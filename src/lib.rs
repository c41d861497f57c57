//! journeybook: a customer-journey playbook kept in plain text, built into a static site.
//!
//! The build is one pipeline, a module a step: [`project`] reads files into the [`model`],
//! [`validate`] checks the rules that span files, [`markdown`] renders text, [`metrics`]
//! computes numbers, [`charts`] draws them, [`render`] fills templates, and [`site`] runs the
//! steps and writes. [`cmd`] is the command line on top. ARCHITECTURE.md has the layer order
//! that `tests/layers.rs` enforces.

pub mod charts;
pub mod cmd;
pub mod console;
pub mod diagnostic;
pub mod diff;
pub mod history;
pub mod interop;
pub mod markdown;
pub mod metrics;
pub mod model;
pub mod project;
pub mod render;
pub mod site;
pub mod suggest;
pub mod text;
pub mod validate;
