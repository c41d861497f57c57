use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = journeybook::cli::Cli::parse();
    ExitCode::from(journeybook::commands::run(cli))
}
