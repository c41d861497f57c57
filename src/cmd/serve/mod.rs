//! `journeybook serve`: builds the site in memory, serves it on loopback, rebuilds when a file
//! changes, and tells open pages to reload. A content error replaces the site with a page that
//! lists the diagnostics until the file is fixed; the server keeps running.

mod http;
mod watch;

use std::collections::HashSet;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use tokio::sync::broadcast;

use crate::console::errln;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::site::{self, Files, Live};

/// Where the live-reload script and event stream are served; no playbook page can be there.
pub const RELOAD_PREFIX: &str = "/__journeybook/";

/// What the server shows: the last good build, or the errors of the last build.
pub enum Shown {
    /// The site's files, and the files an update has still to make: a request for one of those
    /// waits until [`State::settled`] changes.
    Site {
        files: Files,
        pending: HashSet<String>,
    },
    Errors(Vec<Diagnostic>),
}

impl Shown {
    fn of(result: Result<&Live, &Diagnostics>) -> Shown {
        match result {
            Ok(live) => Shown::Site { files: live.files.clone(), pending: HashSet::new() },
            Err(diagnostics) => Shown::Errors(
                diagnostics.sorted().into_iter().filter(|d| d.severity == Severity::Error).cloned().collect(),
            ),
        }
    }
}

/// Shared between the watcher and the request handlers.
pub struct State {
    pub shown: RwLock<Arc<Shown>>,
    /// Each rebuild sends its number; open pages reload on it.
    pub reload: broadcast::Sender<u64>,
    /// Changes when an update has made every file it shows as pending.
    pub settled: tokio::sync::watch::Sender<u64>,
}

/// Options of `serve`.
pub struct Options {
    pub source: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
}

/// Runs the server until the process is stopped. Returns the exit status on a failure to start.
pub fn run(options: Options) -> u8 {
    let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
        Ok(rt) => rt,
        Err(e) => return fail(format!("cannot start the server: {e}")),
    };
    runtime.block_on(serve(options))
}

fn fail(message: String) -> u8 {
    errln!("error: {message}");
    crate::cmd::exit::USAGE_ERROR
}

async fn serve(options: Options) -> u8 {
    let addr: SocketAddr = match format!("{}:{}", options.bind, options.port).parse() {
        Ok(a) => a,
        Err(_) => return fail(format!("`{}` is not an IP address to bind to; try 127.0.0.1", options.bind)),
    };
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            return fail(format!(
                "port {} on {} is already in use; choose another with --port",
                options.port, options.bind
            ));
        }
        Err(e) => return fail(format!("cannot listen on {addr}: {e}")),
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(options.port);
    let base_url = format!("http://{}:{port}/", options.bind);
    let (reload, _) = broadcast::channel(16);
    let site_options =
        site::Options { base_url: Some(base_url.clone()), drafts: true, history: false, keep_parsed: true };
    let started = Instant::now();
    let (live, checked) = Live::build(&options.source, &site_options);
    report(live.as_ref().ok_or(&checked.diagnostics), started, None);
    let state = Arc::new(State {
        shown: RwLock::new(Arc::new(Shown::of(live.as_ref().ok_or(&checked.diagnostics)))),
        reload,
        settled: tokio::sync::watch::Sender::new(0),
    });
    let watcher = match watch::start(&options.source, state.clone(), live, site_options) {
        Ok(w) => w,
        Err(e) => return fail(format!("cannot watch {}: {e}", options.source.display())),
    };
    errln!("Serving {} at {base_url} (Ctrl+C to stop)", options.source.display());
    if options.open {
        if let Err(e) = opener::open_browser(&base_url) {
            errln!("warning: cannot open a browser: {e}");
        }
    }
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
        errln!("Stopping");
    };
    let served = axum::serve(listener, http::router(state)).with_graceful_shutdown(shutdown).await;
    drop(watcher);
    match served {
        Ok(()) => crate::cmd::exit::OK,
        Err(e) => fail(format!("the server stopped: {e}")),
    }
}

/// Says on the terminal how a build or update went.
pub fn report(result: Result<&Live, &Diagnostics>, started: Instant, rendered: Option<usize>) {
    match result {
        Ok(live) => {
            let pages = rendered.unwrap_or_else(|| live.files.keys().filter(|p| p.ends_with(".html")).count());
            errln!("Rendered {pages} pages in {} ms", started.elapsed().as_millis());
        }
        Err(diagnostics) => {
            let errors: Vec<&Diagnostic> =
                diagnostics.sorted().into_iter().filter(|d| d.severity == Severity::Error).collect();
            errln!("{} error(s); showing them in the browser until they are fixed", errors.len());
            for d in errors {
                errln!("  {}:{}:{}: {} [{}]", d.file, d.line, d.column, d.message, d.code);
            }
        }
    }
}
