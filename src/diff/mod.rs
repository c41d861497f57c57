//! `journeybook diff`: what a change to the playbook means for the customer (SPEC §13).
//!
//! Both sides go through the same loader, validation and metrics as `check`; the older side
//! is read from git into a temporary folder, so the working tree is never touched.

pub mod compare;
pub(crate) mod git;
mod human;
mod items;
mod markdown;
pub mod report;

use std::path::Path;

use crate::console::{errln, out};
use crate::diagnostic::{self, Format};
use crate::project::Project;
use crate::site;
pub use compare::compare;
pub use report::Report;

/// How the report is printed (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// Readable text.
    Human,
    /// A Markdown summary for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    Markdown,
    /// One JSON object, in the shape the README documents.
    Json,
}

/// What the command line asked for.
pub struct Options<'a> {
    /// `REV` or `A..B`; `None` means `HEAD`.
    pub range: Option<&'a str>,
    pub source: &'a Path,
    pub format: DiffFormat,
    pub fail_on_regression: bool,
    /// Where the built site is served, for links in the Markdown form.
    pub base_url: Option<&'a str>,
}

/// Why `diff` stopped: a usage or I/O problem (exit 2) or a side that does not validate (1).
pub enum Failure {
    Usage(String),
    Content,
}

/// Runs `diff`; returns the report, after printing it, or why there is none.
pub fn run(options: &Options) -> Result<Report, Failure> {
    if !options.source.is_dir() {
        return Err(Failure::Usage(format!("{} is not a folder", options.source.display())));
    }
    let repo = git::Repo::find(options.source).map_err(Failure::Usage)?;
    let range = options.range.unwrap_or("HEAD");
    let (base_rev, head_rev) = match range.split_once("..") {
        Some((a, b)) => (or_head(a), Some(or_head(b))),
        None => (range, None),
    };
    let base_commit = repo.commit(base_rev).map_err(Failure::Usage)?;
    let head_commit = head_rev.map(|r| repo.commit(r)).transpose().map_err(Failure::Usage)?;
    let base = load_revision(&repo, &base_commit, base_rev)?;
    let head = match (head_rev, head_commit) {
        (Some(rev), Some(commit)) => load_revision(&repo, &commit, rev)?,
        _ => load(options.source, "the working tree")?,
    };
    let names = (base_rev.to_string(), head_rev.unwrap_or("working tree").to_string());
    let report = compare(&base, &head, names);
    print(&report, options);
    Ok(report)
}

fn or_head(rev: &str) -> &str {
    if rev.is_empty() {
        "HEAD"
    } else {
        rev
    }
}

fn load_revision(repo: &git::Repo, commit: &str, rev: &str) -> Result<Project, Failure> {
    let snapshot = repo.checkout(commit).map_err(Failure::Usage)?;
    let mut project = load(&snapshot.path, &format!("revision `{rev}`"))?;
    // The temporary folder goes when `snapshot` drops; nothing may point into it.
    project.root = Path::new(rev).to_path_buf();
    project.static_files.clear();
    Ok(project)
}

/// Loads and validates one side; prints its diagnostics when it has errors.
fn load(root: &Path, what: &str) -> Result<Project, Failure> {
    let checked = site::check(root, &site::Options::default());
    if !checked.diagnostics.has_errors() {
        return Ok(checked.project);
    }
    errln!("error: the playbook in {what} does not validate:");
    let _ = diagnostic::emit(
        &mut std::io::stderr().lock(),
        &checked.diagnostics,
        &checked.project.sources,
        Format::Human,
        false,
    );
    Err(Failure::Content)
}

fn print(report: &Report, options: &Options) {
    match options.format {
        DiffFormat::Json => {
            let text = serde_json::to_string_pretty(report).expect("the report serialises");
            out(format_args!("{text}\n"));
        }
        DiffFormat::Human => out(format_args!("{}", human::render(report))),
        DiffFormat::Markdown => out(format_args!("{}", markdown::render(report, options.base_url))),
    }
}
