use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = journeybook::cmd::cli::Cli::parse();
    ExitCode::from(journeybook::cmd::run(cli))
}
