//! Printing that survives a closed pipe: `journeybook export mermaid x | head -1` is normal use.
//!
//! `print!` panics when standard output is a pipe whose reader has gone. Here a reader that
//! left is taken at its word: nothing more is printed there, and the command ends as it
//! would have, with its own exit status (`check --format json | head` still exits 1 on
//! errors). Any other failure to write standard output (a full disk behind `>`) is kept, and
//! [`failure`] turns it into an I/O error at the end, so cut-off output never looks like
//! success. Standard error has nowhere left to report its own failures to; they are ignored.

use std::fmt;
use std::io::{self, Write};
use std::sync::OnceLock;

static FAILED: OnceLock<String> = OnceLock::new();

/// Writes to standard output; see the module comment for what happens when that fails.
pub fn out(args: fmt::Arguments) {
    let mut stdout = io::stdout().lock();
    // Flushed now, so that a failure is seen here and not lost at exit.
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        failed(&e);
    }
}

/// Writes to standard error, ignoring failure.
pub fn err(args: fmt::Arguments) {
    let _ = io::stderr().lock().write_fmt(args);
}

/// Records a failed write to standard output unless the reader just closed the pipe.
pub fn failed(e: &io::Error) {
    if e.kind() != io::ErrorKind::BrokenPipe {
        let _ = FAILED.set(e.to_string());
    }
}

/// Why writing to standard output failed, other than a closed pipe.
pub fn failure() -> Option<&'static str> {
    FAILED.get().map(String::as_str)
}

/// Like `println!`, through [`out`].
macro_rules! outln {
    ($($arg:tt)*) => { $crate::console::out(format_args!("{}\n", format_args!($($arg)*))) };
}

/// Like `eprintln!`, through [`err`].
macro_rules! errln {
    ($($arg:tt)*) => { $crate::console::err(format_args!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {errln, outln};
