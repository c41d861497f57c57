//! The command line: argument parsing and everything only a command needs (scaffolding,
//! the dev server, schemas, CI files). It sits on top of the pipeline and nothing in the
//! pipeline imports from it.

pub mod ci;
pub mod cli;
pub mod commands;
pub mod exit;
pub mod explain;
mod formats;
pub mod scaffold;
pub mod schema;
pub mod serve;

pub use commands::run;
