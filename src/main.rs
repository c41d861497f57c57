use std::process::ExitCode;

use clap::Parser;

/// A build allocates many small, short-lived values on every core (template values, page
/// strings); mimalloc's per-thread heaps serve them faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // mimalloc asks for transparent huge pages, so every 2 MiB region it touches becomes
    // resident whole: on a large playbook that is about 20 MiB of peak memory holding nothing,
    // for no measurable speed. A system where the call fails just keeps them.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
    let cli = journeybook::cmd::cli::Cli::parse();
    ExitCode::from(journeybook::cmd::run(cli))
}
