//! The floor of a notes-only build, for the benchmark: walk the notes folder, read each note,
//! drop its front matter, render its Markdown with the extensions journeybook enables, wrap it
//! in a minimal page and write it, on every core. Nothing is validated, linked or indexed, so
//! no real generator can be faster than this by much.
//!
//!     journeybook-floor NOTES_DIR OUTPUT_DIR

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;

/// The same Markdown extensions journeybook turns on (src/markdown/mod.rs).
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// The body after a `---` front-matter block, or the whole text when there is none.
fn body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else { return text };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}

/// Renders one note into `out/<stem>/index.html`.
fn build(note: &Path, out: &Path) -> std::io::Result<()> {
    let text = fs::read_to_string(note)?;
    let stem = note.file_stem().and_then(|s| s.to_str()).unwrap_or("note");
    let mut page = String::with_capacity(text.len() * 3 / 2 + 200);
    page.push_str("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
    page.push_str(stem);
    page.push_str("</title></head><body><main>");
    html::push_html(&mut page, Parser::new_ext(body(&text), options()));
    page.push_str("</main></body></html>\n");
    let dir = out.join(stem);
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("index.html"), page)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [notes, out] = args.as_slice() else {
        eprintln!("usage: journeybook-floor NOTES_DIR OUTPUT_DIR");
        return ExitCode::from(2);
    };
    let files: Vec<PathBuf> = walkdir::WalkDir::new(notes)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let out = Path::new(out);
    let failed: Vec<String> =
        files.par_iter().filter_map(|f| build(f, out).err().map(|e| format!("{}: {e}", f.display()))).collect();
    for f in &failed {
        eprintln!("{f}");
    }
    eprintln!("Built {} pages", files.len() - failed.len());
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
