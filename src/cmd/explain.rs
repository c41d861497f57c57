//! `journeybook explain CODE`: a diagnostic code's meaning, read from the registry.

use crate::cmd::exit::{OK, USAGE_ERROR};
use crate::console::{errln, out};
use crate::diagnostic::codes;

/// Prints what `code` means; an unknown code is a usage error naming the nearest one.
pub fn run(code: &str) -> u8 {
    match codes::find(code) {
        Some(found) => {
            out(format_args!("{}", codes::explain(found)));
            OK
        }
        None => {
            let hint = match codes::nearest(code) {
                Some(near) => format!("; did you mean `{near}`?"),
                None => "; the README lists every code".to_string(),
            };
            errln!("error: unknown diagnostic code `{code}`{hint}");
            USAGE_ERROR
        }
    }
}
