use std::process::ExitCode;

use clap::Parser;

/// A build allocates many small, short-lived values on every core (template values, page
/// strings); mimalloc's per-thread heaps serve them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // mimalloc asks for transparent huge pages; reading a playbook takes them, and making its
    // pages does not (see `site::small_pages_from_now`).
    let cli = journeybook::cmd::cli::Cli::parse();
    ExitCode::from(journeybook::cmd::run(cli))
}
