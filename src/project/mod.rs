//! Finding and reading the project's files: config, journeys, personas, notes, static files.
//!
//! The walk is sorted and never follows a link out of the project.

pub(crate) mod action;
pub(crate) mod config;
pub mod data;
pub mod events;
pub mod fields;
pub mod journey;
pub(crate) mod lanes;
pub mod metrics;
pub mod note;
pub(crate) mod persona;
pub mod research_config;
pub mod rows;
pub mod survey;
pub(crate) mod yaml;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::model::{Config, Journey, Note, Persona};

pub use crate::model::DEFAULT_MAX_FILE_MIB;

/// Everything read from a project folder, before cross-file rules are checked.
#[derive(Debug, Default)]
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    pub journeys: Vec<Journey>,
    pub personas: Vec<Persona>,
    pub notes: Vec<Note>,
    /// Files under `static/`, relative to it, with their full path.
    pub static_files: Vec<(String, PathBuf)>,
    /// Text of every file read, by project-relative path, for diagnostics.
    pub sources: BTreeMap<String, String>,
    /// Per-period values from survey responses (SPEC §11).
    pub surveys: Vec<crate::model::research::SurveySeries>,
    /// Each journey as its file made it, before data, surveys and metrics were added, kept
    /// when [`load_reusing`] is asked to: the next load takes a journey whose file did not
    /// change from here instead of parsing it again.
    pub as_parsed: Vec<Arc<Journey>>,
}

/// Reads the whole project at `root`, pushing every problem into `diagnostics`.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Project {
    load_reusing(root, diagnostics, None, false, Texts::All)
}

/// Which file texts a load keeps in [`Project::sources`], for showing diagnostics and for
/// telling later what changed.
#[derive(Clone, Copy, PartialEq)]
pub enum Texts {
    All,
    /// A note's text only when reading it found something wrong: a build of many notes would
    /// otherwise hold each note's text beside its body while loading. A later diagnostic in a
    /// note whose text was not kept reads the file again to show it.
    Diagnosed,
}

/// What a load may take over from the previous one, for `serve`.
#[derive(Clone, Copy)]
pub struct Previous<'a> {
    pub project: &'a Project,
    /// The files (or folders) that changed since `project` was loaded, project-relative, as
    /// the watcher saw them. Any other journey, persona or note file is taken as it was,
    /// unread; data, survey and event files are always read.
    pub changed: &'a [String],
}

impl<'a> Previous<'a> {
    /// The text `rel` had when the previous project was loaded, if it has not changed since.
    fn text(self, rel: &str) -> Option<&'a str> {
        let touched = self
            .changed
            .iter()
            .any(|c| rel.strip_prefix(c.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/')));
        if touched {
            return None;
        }
        self.project.sources.get(rel).map(String::as_str)
    }
}

/// [`load`], taking each note, persona and journey whose file did not change since `previous`
/// from there instead of reading and parsing it again: `serve` reloads the project after every
/// edit, and reading and parsing are most of the time loading takes. A journey is taken from
/// `previous`'s [`Project::as_parsed`], which is filled when `keep_parsed` is set. Only errors
/// are reported for what is taken over, as `previous` had none.
pub fn load_reusing(
    root: &Path,
    diagnostics: &mut Diagnostics,
    previous: Option<Previous>,
    keep_parsed: bool,
    texts: Texts,
) -> Project {
    let known = |rel: &str| previous.and_then(|p| p.text(rel));
    let previous = previous.map(|p| p.project);
    let unchanged = |rel: &str, text: &str| previous.is_some_and(|p| p.sources.get(rel).is_some_and(|t| t == text));
    let old_notes: HashMap<&str, &Note> =
        previous.map(|p| p.notes.iter().map(|n| (n.file.as_str(), n)).collect()).unwrap_or_default();
    let old_personas: HashMap<&str, &Persona> =
        previous.map(|p| p.personas.iter().map(|x| (x.file.as_str(), x)).collect()).unwrap_or_default();
    let mut project = Project { root: root.to_path_buf(), ..Project::default() };
    let config_path = root.join("journeybook.yaml");
    if config_path.exists() {
        if let Some(text) = read_text(root, &config_path, DEFAULT_MAX_FILE_MIB, diagnostics) {
            project.config = config::parse(&text, "journeybook.yaml", diagnostics);
            project.sources.insert("journeybook.yaml".into(), text);
        }
    }
    let limit = project.config.max_file_size;
    let mode = project.config.slugify;
    // A journey's id may be derived from its title, the way the configuration says.
    let old_journeys: HashMap<&str, &Arc<Journey>> = previous
        .filter(|p| p.config.slugify == mode)
        .map(|p| p.as_parsed.iter().map(|j| (j.file.as_str(), j)).collect())
        .unwrap_or_default();
    let yaml = |p: &PathBuf| has_extension(p, &["yaml", "yml"]);
    let journeys = read_all(
        root,
        Texts::All,
        walk(root, "content/journeys", diagnostics),
        yaml,
        known,
        limit,
        diagnostics,
        |text, rel, path, d| match old_journeys.get(rel) {
            Some(&old) if unchanged(rel, text) => Some(Parsed::Kept(Arc::clone(old))),
            _ => journey::parse_with(text, rel, stem(path), mode, d).map(|j| Parsed::New(Box::new(j))),
        },
    );
    project.journeys.reserve(journeys.len());
    for (rel, text, journey) in journeys {
        // Metrics are added to the journeys; the parsed ones are kept apart when asked,
        // shared with the previous load where their files did not change.
        match journey {
            Some(Parsed::Kept(old)) => {
                project.journeys.push(Journey::clone(&old));
                project.as_parsed.extend(keep_parsed.then_some(old));
            }
            Some(Parsed::New(new)) => {
                project.as_parsed.extend(keep_parsed.then(|| Arc::new(Journey::clone(&new))));
                project.journeys.push(*new);
            }
            None => {}
        }
        project.sources.extend(text.map(|text| (rel, text)));
    }
    for (rel, text, persona) in read_all(
        root,
        Texts::All,
        walk(root, "content/personas", diagnostics),
        yaml,
        known,
        limit,
        diagnostics,
        |text, rel, path, d| match old_personas.get(rel) {
            Some(&old) if unchanged(rel, text) => Some(old.clone()),
            _ => persona::parse_with(text, rel, stem(path), mode, d),
        },
    ) {
        project.personas.extend(persona);
        project.sources.extend(text.map(|text| (rel, text)));
    }
    let insights = root.join("content/insights");
    let markdown = |p: &PathBuf| has_extension(p, &["md"]);
    let catalogue = crate::metrics::catalogue::Catalogue::new(&project.config.metrics);
    let raw = research_config::files(&project.config);
    // The notes and the metric data need nothing of each other: the data is read on one core
    // while the notes are read on the others. Diagnostics keep the order they always had.
    let (mut note_diagnostics, mut data_diagnostics) = (Diagnostics::default(), Diagnostics::default());
    let journeys = &mut project.journeys;
    let (notes, data) = rayon::join(
        || {
            let d = &mut note_diagnostics;
            let found = walk(root, "content/insights", d);
            read_all(root, texts, found, markdown, known, limit, d, |text, rel, path, d| match old_notes.get(rel) {
                Some(&old) if unchanged(rel, text) => Some(old.clone()),
                _ => {
                    let id = crate::model::id::nfc(&relative(&insights, path));
                    note::parse(text, rel, id.strip_suffix(".md").unwrap_or(&id).to_string(), d)
                }
            })
        },
        || data::load(root, journeys, &catalogue, limit, &raw, &mut data_diagnostics),
    );
    project.notes.reserve(notes.len());
    for (rel, text, note) in notes {
        project.notes.extend(note);
        project.sources.extend(text.map(|text| (rel, text)));
    }
    diagnostics.extend(note_diagnostics);
    diagnostics.extend(data_diagnostics);
    project.sources.extend(data);
    let (config, journeys, sources) = (&project.config, &mut project.journeys, &mut project.sources);
    project.surveys = survey::load(root, &config.surveys, journeys, &project.personas, sources, diagnostics);
    events::load(root, &config.event_logs, journeys, sources, diagnostics);
    let static_root = root.join("static");
    for path in walk(root, "static", diagnostics) {
        project.static_files.push((relative(&static_root, &path), path));
    }
    project
}

/// A journey as loading found it: taken over from the previous load, or parsed now.
enum Parsed {
    Kept(Arc<Journey>),
    New(Box<Journey>),
}

/// A file read: its project-relative path, its text (unless [`Texts`] let it go), and what
/// parsing made of it.
type Read<T> = (String, Option<String>, Option<T>);

/// Reads (unless `known` gives a file's text) and parses the files that `keep` selects, in
/// parallel, and returns them in the order given (project-relative path, text, what `parse`
/// made); diagnostics are merged. With [`Texts::Diagnosed`] a file's text is let go as soon as
/// it is parsed, unless parsing found something in it.
#[allow(clippy::too_many_arguments)]
fn read_all<'k, T: Send>(
    root: &Path,
    texts: Texts,
    paths: Vec<PathBuf>,
    keep: impl Fn(&PathBuf) -> bool + Sync,
    known: impl Fn(&str) -> Option<&'k str> + Sync,
    max_mib: u64,
    diagnostics: &mut Diagnostics,
    parse: impl Fn(&str, &str, &Path, &mut Diagnostics) -> Option<T> + Sync,
) -> Vec<Read<T>> {
    use rayon::prelude::*;
    let read: Vec<(Option<Read<T>>, Diagnostics)> = paths
        .par_iter()
        .with_max_len(crate::cores::BATCH)
        .filter(|p| keep(p))
        .map(|path| {
            let mut found = Diagnostics::default();
            let rel = relative(root, path);
            let text = match known(&rel) {
                Some(text) => Some(text.to_string()),
                None => read_text(root, path, max_mib, &mut found),
            };
            let item = text.map(|text| {
                let parsed = parse(&text, &rel, path, &mut found);
                let keep = texts == Texts::All || !found.is_empty();
                (rel, keep.then_some(text), parsed)
            });
            (item, found)
        })
        .collect();
    let mut out = Vec::with_capacity(read.len());
    for (item, found) in read {
        diagnostics.extend(found);
        out.extend(item);
    }
    out
}

/// Files below `root/sub`, sorted by path; links that leave the project are skipped with a warning.
pub fn walk(root: &Path, sub: &str, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = root.join(sub);
    if !dir.is_dir() {
        return Vec::new();
    }
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    // The walk follows a link at its own root, and `static` or `content` may be one.
    if !dir.canonicalize().is_ok_and(|target| target.starts_with(&canonical_root)) {
        diagnostics.push(Diagnostic::warning(
            "W001",
            sub,
            Pos::default(),
            "skipped a link that leads outside the project",
        ));
        return Vec::new();
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name();
    for entry in walker.into_iter() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().map(|p| relative(root, p)).unwrap_or_else(|| sub.to_string());
                diagnostics.push(Diagnostic::error("E001", &path, Pos::default(), format!("cannot read: {e}")));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') && entry.depth() > 0 {
            continue;
        }
        let path = entry.path();
        if entry.depth() == 0 {
            continue;
        }
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) && target.is_file() => files.push(path.to_path_buf()),
                Ok(target) if target.starts_with(&canonical_root) => diagnostics.push(Diagnostic::warning(
                    "W001",
                    &relative(root, path),
                    Pos::default(),
                    "skipped a link to a folder; links to folders are not followed",
                )),
                _ => diagnostics.push(Diagnostic::warning(
                    "W001",
                    &relative(root, path),
                    Pos::default(),
                    "skipped a link that leads outside the project",
                )),
            }
        } else if entry.file_type().is_file() {
            files.push(path.to_path_buf());
        }
    }
    files
}

/// Reads a UTF-8 text file of at most `max_mib` MiB, reporting size, encoding and I/O
/// problems at their place.
pub fn read_text(root: &Path, path: &Path, max_mib: u64, diagnostics: &mut Diagnostics) -> Option<String> {
    let rel = relative(root, path);
    let fail = |diagnostics: &mut Diagnostics, code, pos, message: String| {
        diagnostics.push(Diagnostic::error(code, &rel, pos, message));
        None
    };
    // Opened once: its size is asked of the open file, and reading it needs no second lookup.
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) => return fail(diagnostics, "E001", Pos::default(), format!("cannot read: {e}")),
    };
    let size = match file.metadata() {
        Ok(meta) if meta.len() > max_mib * 1024 * 1024 => {
            let message = format!("file is {} MiB; the limit is {max_mib} MiB", meta.len() / (1024 * 1024));
            diagnostics
                .push(Diagnostic::error("E003", &rel, Pos::default(), message).with_help(
                    "raise `max_file_size` (MiB) in journeybook.yaml if the file is meant to be this large",
                ));
            return None;
        }
        Ok(meta) => meta.len(),
        Err(e) => return fail(diagnostics, "E001", Pos::default(), format!("cannot read: {e}")),
    };
    // Within the limit, so it fits in memory; a file that grew meanwhile is read whole. Read
    // through `take`, which does not ask the file's size and position again as a `File` does.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    if let Err(e) = std::io::Read::read_to_end(&mut std::io::Read::take(&file, u64::MAX), &mut bytes) {
        return fail(diagnostics, "E001", Pos::default(), format!("cannot read: {e}"));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.remove(0);
            }
            Some(text)
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() as u32 + 1;
            let column = valid.rsplit('\n').next().unwrap_or_default().chars().count() as u32 + 1;
            fail(diagnostics, "E002", Pos::new(line, column), "file is not valid UTF-8; save it as UTF-8".to_string())
        }
    }
}

/// `path` relative to `base`, with `/` separators.
pub fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

fn stem(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or_default()
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| extensions.contains(&e))
}

/// The id from `id:` or else from `fallback`, checked against SPEC §8.
pub fn resolve_id(
    explicit: Option<fields::Spanned<String>>,
    fallback: &str,
    fallback_pos: Pos,
    mode: crate::model::id::Slugify,
    file: &str,
    diagnostics: &mut Diagnostics,
) -> Option<(String, Pos)> {
    use crate::model::id;
    // Ids are compared in NFC, so an explicit id typed in another form is the same id.
    let explicit = explicit.map(|mut given| {
        given.value = id::nfc(&given.value);
        given
    });
    let fallback = &id::nfc(fallback);
    match explicit {
        Some(given) if id::is_valid(&given.value) => Some((given.value, given.pos)),
        Some(given) => {
            let mut d = Diagnostic::error(
                "E030",
                file,
                given.span(),
                format!("`{}` is not a valid id: {}", given.value, id::explain(&given.value)),
            );
            if let Some(derived) = id::derive(&given.value) {
                d = d.with_help(format!("try `{derived}`"));
            }
            diagnostics.push(d);
            None
        }
        None if id::is_valid(fallback) => Some((fallback.to_string(), fallback_pos)),
        None => match id::derive_with(fallback, mode) {
            Some(derived) => Some((derived, fallback_pos)),
            None => {
                diagnostics.push(
                    Diagnostic::error("E032", file, fallback_pos, format!("cannot make an id from `{fallback}`"))
                        .with_help("add an `id:` of lowercase letters, digits and -"),
                );
                None
            }
        },
    }
}
