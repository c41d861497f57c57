//! journeybook: a customer-journey playbook kept in plain text, built into a static site.
//!
//! The build is one pipeline, a module a step: [`project`] reads files into the [`model`],
//! `validate` checks the rules that span files, [`markdown`] renders text, [`metrics`]
//! computes numbers, [`charts`] draws them, `render` fills templates, and `site` runs the
//! steps and writes. [`cmd`] is the command line on top. ARCHITECTURE.md has the layer order
//! that `tests/suite/layers.rs` enforces.
//!
//! The public modules are those the binary, the integration tests and the fuzz targets use;
//! the rest is crate-private.

pub mod charts;
pub mod cmd;
pub(crate) mod console;
pub(crate) mod cores;
pub mod diagnostic;
pub(crate) mod diff;
pub(crate) mod history;
pub mod i18n;
pub mod interop;
pub mod markdown;
pub mod metrics;
pub mod model;
pub mod project;
pub(crate) mod render;
pub(crate) mod route;
pub(crate) mod site;
pub(crate) mod suggest;
pub(crate) mod text;
pub(crate) mod validate;
