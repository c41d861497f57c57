//! journeybook: a customer-journey playbook kept in plain text, built into a static site.
//!
//! The build is one pipeline, a module a step: [`project`] reads files into the [`model`],
//! [`validate`] checks the rules that span files, [`markdown`] renders text, [`metrics`]
//! computes numbers, [`render`] fills templates, and [`site`] runs the steps and writes.

pub mod charts;
pub mod ci;
pub mod cli;
pub mod commands;
pub mod console;
pub mod diagnostic;
pub mod diff;
pub mod history;
pub mod i18n;
pub mod interop;
pub mod markdown;
pub mod metrics;
pub mod model;
pub mod project;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod serve;
pub mod site;
pub mod suggest;
pub mod validate;
