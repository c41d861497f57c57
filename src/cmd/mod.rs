//! The command line: argument parsing and everything only a command needs (scaffolding,
//! the dev server, schemas, CI files). It sits on top of the pipeline and nothing in the
//! pipeline imports from it.

pub(crate) mod ci;
pub mod cli;
pub(crate) mod commands;
pub(crate) mod exit;
pub(crate) mod explain;
mod formats;
pub(crate) mod scaffold;
pub(crate) mod schema;
pub(crate) mod serve;

pub use commands::run;
