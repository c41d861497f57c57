//! Writing the site: into a fresh folder beside the output, swapped in only when complete.
//!
//! A marker file in the output lists every file journeybook wrote. An output folder is
//! replaced only when it is absent, empty, or a previous output holding nothing but the files
//! its marker lists, so no command ever deletes a file it did not write. The staging folder
//! carries a marker too, listing each file before it is written, so that what a killed build
//! leaves behind can be recognised and removed by the next one ([`leftovers`]). The swap
//! itself is one atomic step where the OS allows it ([`swap`]). Over a previous output, a file
//! equal to its previous copy is linked from there rather than written again ([`kept`]).

mod kept;
mod leftovers;
mod swap;

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;

use rustc_hash::FxHashSet;

/// The marker file's name, at the root of every output folder.
pub const MARKER: &str = ".journeybook-output";
/// The sorted marker while it is written, before it replaces the staging folder's journal.
const MARKER_NEXT: &str = ".journeybook-output.next";
const MARKER_HEADER: &str = "# Written by journeybook. Files it wrote, one a line; it replaces only these.\n";

/// Why the output could not be written. The previous output is untouched in every case.
#[derive(Debug)]
pub enum WriteError {
    /// The folder holds files journeybook did not write.
    Foreign {
        folder: PathBuf,
        files: Vec<String>,
    },
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Foreign { folder, files } => {
                let shown: Vec<&str> = files.iter().take(5).map(String::as_str).collect();
                let more = if files.len() > 5 { format!(" and {} more", files.len() - 5) } else { String::new() };
                write!(
                    f,
                    "refusing to replace {}: it holds files journeybook did not write ({}{more}); move them, or choose another --output",
                    folder.display(),
                    shown.join(", ")
                )
            }
            WriteError::Io { path, error } => write!(f, "cannot write {}: {error}", path.display()),
        }
    }
}

impl std::error::Error for WriteError {}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |error| WriteError::Io { path: path.to_path_buf(), error }
}

/// Where finished files go as they are made: memory for `serve`, a staging folder for `build`.
pub trait Sink: Sync {
    /// Stores one file at `path`, relative to the site's root.
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError>;

    /// Says which files are about to be stored, so that a sink that lists each file before
    /// it exists can list them all at once rather than one by one.
    /// `paths` is taken only by a sink that lists.
    fn expect(&self, _paths: &mut dyn Iterator<Item = String>) -> Result<(), WriteError> {
        Ok(())
    }

    /// Stores one file at `path` that `write` writes in parts, so it is never held whole where
    /// the sink keeps files elsewhere than in memory. An error from `write` is the file's.
    fn put_with(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), WriteError> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(io(Path::new(path)))?;
        self.put(path, bytes)
    }
}

/// Files kept in memory.
#[derive(Default)]
pub struct Memory(pub Mutex<BTreeMap<String, Vec<u8>>>);

impl Sink for Memory {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        self.0
            .lock()
            .map_err(|_| WriteError::Io { path: path.into(), error: std::io::Error::other("poisoned") })?
            .insert(path.to_string(), bytes);
        Ok(())
    }
}

/// A fresh folder beside the output that the site is written into as it is rendered, and
/// swapped in by [`Staging::commit`] only when everything succeeded. Dropped without a
/// commit, it removes what it wrote and leaves the previous output as it was. Killed, it
/// leaves a folder the next build of the same output removes (see [`leftovers`]).
pub struct Staging {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    fresh: PathBuf,
    /// `Some` until the swap succeeded; while it is, `fresh` holds this build's files.
    previous: Option<Previous>,
    journal: Journal,
    /// The folders made so far, relative to `fresh`.
    dirs: Mutex<FxHashSet<String>>,
    /// Whether a file equal to its copy in the previous output keeps that copy ([`kept`]):
    /// when that output is journeybook's, until a link fails.
    keep: AtomicBool,
    _lock: leftovers::Lock,
}

/// The marker of a staging folder, appended to before files are written.
struct Journal {
    /// Opened to append, so that each line is written whole whichever thread writes it.
    file: fs::File,
    /// The files it lists: each written, or about to be once its page is rendered.
    listed: Mutex<FxHashSet<String>>,
}

impl Staging {
    /// Checks that `output` may be replaced, removes what dead builds of it left, and makes
    /// the staging folder.
    pub fn begin(output: &Path) -> Result<Staging, WriteError> {
        let previous = previous_output(output)?;
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        leftovers::clean(&parent, &name);
        let fresh = parent.join(leftovers::name(&name, "new", std::process::id()));
        let (lock, journal) = make_staging(&fresh)?;
        let keep = AtomicBool::new(matches!(previous, Previous::Ours));
        Ok(Staging {
            output: output.to_path_buf(),
            parent,
            name,
            fresh,
            previous: Some(previous),
            journal: Journal { file: journal, listed: Default::default() },
            dirs: Default::default(),
            keep,
            _lock: lock,
        })
    }

    /// Writes the final marker and swaps the staging folder in for the output.
    pub fn commit(mut self) -> Result<(), WriteError> {
        self.seal()?;
        let old = self.parent.join(leftovers::name(&self.name, "old", std::process::id()));
        // Locked so that no other build takes the previous output, once moved aside, for a leftover.
        let _held = match self.previous {
            Some(Previous::None) => None,
            _ => leftovers::try_lock(&self.output).ok().flatten(),
        };
        let moved = match self.previous {
            Some(Previous::None) => fs::rename(&self.fresh, &self.output).map(|()| None),
            _ => swap::replace(&self.fresh, &self.output, &old).map(Some),
        };
        let moved = moved.map_err(io(&self.output))?;
        self.previous = None;
        // The old site is out of view. What its own marker lists goes (read now: a build that
        // ran alongside may have replaced it since `begin`); a failure leaves a leftover.
        if let Some(at) = moved {
            match Marker::read(&at) {
                Some(marker) => {
                    let _ = remove_written(&at, marker.files());
                }
                None => remove_empty_folders(&at),
            }
        }
        Ok(())
    }

    /// Replaces the journal, in writing order, with the sorted list, so the output is the
    /// same byte for byte from build to build. Renamed into place: a build killed meanwhile
    /// still leaves a complete marker.
    fn seal(&self) -> Result<(), WriteError> {
        let listed = self.journal.listed.lock().map_err(|_| poisoned(&self.fresh))?;
        let mut sorted: Vec<&String> = listed.iter().collect();
        sorted.sort_unstable();
        let mut marker = String::from(MARKER_HEADER);
        for rel in sorted {
            marker.push_str(rel);
            marker.push('\n');
        }
        let (sealed, path) = (self.fresh.join(MARKER_NEXT), self.fresh.join(MARKER));
        fs::write(&sealed, marker).map_err(io(&sealed))?;
        fs::rename(&sealed, &path).map_err(io(&path))
    }

    /// Lists `rel` in the marker before the file exists, so that the marker of a build
    /// killed at any point names every file it wrote.
    fn record(&self, rel: &str) -> Result<(), WriteError> {
        self.list([rel])
    }

    /// Lists in the marker those of `rels` it does not list yet, in one write.
    fn list<S: AsRef<str>>(&self, rels: impl IntoIterator<Item = S>) -> Result<(), WriteError> {
        let mut listed = self.journal.listed.lock().map_err(|_| poisoned(&self.fresh))?;
        let mut lines = String::new();
        for rel in rels {
            let rel = rel.as_ref();
            if !listed.contains(rel) {
                listed.insert(rel.to_string());
                lines.push_str(rel);
                lines.push('\n');
            }
        }
        if !lines.is_empty() {
            (&self.journal.file).write_all(lines.as_bytes()).map_err(io(&self.fresh.join(MARKER)))?;
        }
        Ok(())
    }
}

/// Makes, locks and marks the staging folder. Until it is locked, a build of the same output
/// starting at that instant may take the empty folder for a leftover and remove it; then it
/// is made again.
fn make_staging(fresh: &Path) -> Result<(leftovers::Lock, fs::File), WriteError> {
    let mut attempts = 0;
    loop {
        fs::create_dir(fresh).map_err(io(fresh))?;
        match lock_and_mark(fresh) {
            Ok(made) => return Ok(made),
            Err(e) => {
                let _ = fs::remove_file(fresh.join(MARKER));
                let _ = fs::remove_dir(fresh);
                let raced = matches!(e.kind(), std::io::ErrorKind::NotFound | std::io::ErrorKind::WouldBlock);
                attempts += 1;
                if !raced || attempts == 3 {
                    return Err(WriteError::Io { path: fresh.to_path_buf(), error: e });
                }
            }
        }
    }
}

/// Locks the new staging folder and starts its marker, so that from the first file on it is
/// recognisably journeybook's and recognisably alive.
fn lock_and_mark(fresh: &Path) -> std::io::Result<(leftovers::Lock, fs::File)> {
    let lock = leftovers::try_lock(fresh)?
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::WouldBlock, "another build holds it"))?;
    let mut journal = fs::OpenOptions::new().append(true).create_new(true).open(fresh.join(MARKER))?;
    journal.write_all(MARKER_HEADER.as_bytes())?;
    Ok((lock, journal))
}

fn poisoned(path: &Path) -> WriteError {
    WriteError::Io { path: path.to_path_buf(), error: std::io::Error::other("a writer panicked") }
}

impl Staging {
    /// Lists `rel` in the marker and creates its file, with the folders it needs.
    fn create(&self, rel: &str) -> Result<(fs::File, PathBuf), WriteError> {
        self.record(rel)?;
        self.folder(rel)?;
        let path = self.fresh.join(rel);
        let file = fs::File::create(&path).map_err(io(&path))?;
        Ok((file, path))
    }

    /// Makes the folders the file `rel` needs.
    fn folder(&self, rel: &str) -> Result<(), WriteError> {
        if let Some((dir, _)) = rel.rsplit_once('/') {
            let known = self.dirs.lock().map(|d| d.contains(dir)).unwrap_or(false);
            if !known {
                let made = self.fresh.join(dir);
                fs::create_dir_all(&made).map_err(io(&made))?;
                if let Ok(mut d) = self.dirs.lock() {
                    d.insert(dir.to_string());
                }
            }
        }
        Ok(())
    }
}

/// How much of a file written in parts is gathered before it goes to the file: most pages
/// fit whole, and the largest go in a few writes.
const WRITE_BUFFER: usize = 64 * 1024;

impl Sink for Staging {
    fn expect(&self, paths: &mut dyn Iterator<Item = String>) -> Result<(), WriteError> {
        self.list(paths)
    }

    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        if let Some(previous) = self.previous_copy(rel) {
            return self.put_compared(rel, previous, &mut |out| out.write_all(&bytes));
        }
        let (mut file, path) = self.create(rel)?;
        file.write_all(&bytes).map_err(io(&path))
    }

    fn put_with(
        &self,
        rel: &str,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<(), WriteError> {
        if let Some(previous) = self.previous_copy(rel) {
            return self.put_compared(rel, previous, write);
        }
        let (file, path) = self.create(rel)?;
        let mut out = std::io::BufWriter::with_capacity(WRITE_BUFFER, file);
        write(&mut out).and_then(|()| out.flush()).map_err(io(&path))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Not swapped in: remove only what this build wrote.
        if self.previous.is_some() {
            let listed = self.journal.listed.lock().map(|w| w.clone()).unwrap_or_default();
            let _ = remove_written(&self.fresh, listed.iter().map(String::as_str));
        }
    }
}

/// Replaces `output` with exactly `files` (output path → bytes); the tests' short way in.
#[cfg(test)]
pub fn write(output: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<(), WriteError> {
    let staging = Staging::begin(output)?;
    for (rel, bytes) in files {
        staging.put(rel, bytes.clone())?;
    }
    staging.commit()
}

enum Previous {
    None,
    Empty,
    /// A previous output holding only the files its marker lists.
    Ours,
}

fn previous_output(output: &Path) -> Result<Previous, WriteError> {
    let meta = match fs::symlink_metadata(output) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Previous::None),
        Err(e) => return Err(WriteError::Io { path: output.to_path_buf(), error: e }),
    };
    if !meta.is_dir() {
        return Err(WriteError::Foreign { folder: output.to_path_buf(), files: vec!["(it is not a folder)".into()] });
    }
    let marker = Marker::read(output);
    let known: HashSet<&str> = marker.iter().flat_map(Marker::files).chain([MARKER]).collect();
    let (present, foreign) = survey(output, "", &known).map_err(io(output))?;
    if present == 0 {
        return Ok(Previous::Empty);
    }
    match marker {
        Some(_) if foreign.is_empty() => Ok(Previous::Ours),
        _ => {
            let mut files = foreign;
            // In the order of a walk that takes each folder's entries by name.
            files.sort_unstable_by(|a, b| a.split('/').cmp(b.split('/')));
            if files.is_empty() {
                files.push("no journeybook marker".into());
            }
            Err(WriteError::Foreign { folder: output.to_path_buf(), files })
        }
    }
}

/// The marker of a folder journeybook wrote, as read from it.
struct Marker(String);

impl Marker {
    /// The marker in `dir`; `None` without one that journeybook wrote.
    fn read(dir: &Path) -> Option<Marker> {
        let text = fs::read_to_string(dir.join(MARKER)).ok()?;
        if MARKER_HEADER.starts_with(&text) {
            // A build killed between making its marker and writing the header into it.
            return Some(Marker(String::new()));
        }
        text.starts_with(MARKER_HEADER).then_some(Marker(text))
    }

    /// The files it lists.
    fn files(&self) -> impl Iterator<Item = &str> {
        let body = self.0.get(MARKER_HEADER.len()..).unwrap_or_default();
        body.lines().filter(|l| !l.starts_with('#') && !l.is_empty())
    }
}

/// How many files there are in the folder `rel` below `root`, and below it (links count as
/// files and are not followed), and those of them, relative with `/` separators, that `known`
/// does not hold. Folders are read on all cores: a large site has tens of thousands.
fn survey(root: &Path, rel: &str, known: &HashSet<&str>) -> std::io::Result<(usize, Vec<String>)> {
    use rayon::prelude::*;
    let (mut files, mut foreign, mut folders) = (0, Vec::new(), Vec::new());
    for entry in fs::read_dir(root.join(rel))? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let path = if rel.is_empty() { name.into_owned() } else { format!("{rel}/{name}") };
        if entry.file_type()?.is_dir() {
            folders.push(path);
        } else {
            files += 1;
            if !known.contains(path.as_str()) {
                foreign.push(path);
            }
        }
    }
    let below: Vec<(usize, Vec<String>)> =
        folders.par_iter().with_max_len(1).map(|f| survey(root, f, known)).collect::<Result<_, _>>()?;
    for (n, found) in below {
        files += n;
        foreign.extend(found);
    }
    Ok((files, foreign))
}

/// Removes the listed files under `root`, the folders they leave empty, the marker, and
/// `root` if that leaves it empty. The marker goes last but one, so a removal cut short
/// leaves either a marker that still names what is left, or an empty folder.
fn remove_written<'a>(root: &Path, files: impl Iterator<Item = &'a str>) -> std::io::Result<()> {
    use rayon::prelude::*;
    if !root.exists() {
        return Ok(());
    }
    let files: Vec<&str> = files
        .chain([MARKER_NEXT])
        .filter(|rel| !rel.split('/').any(|part| part == ".." || part.is_empty()) && *rel != MARKER)
        .collect();
    // Every folder below `root` that holds a listed file → whether it is a real folder, not a
    // link that leads elsewhere. A file is removed only when every folder above it is real.
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for rel in &files {
        names.extend(rel.match_indices('/').map(|(at, _)| &rel[..at]));
    }
    let folders: BTreeMap<&str, bool> = names
        .into_par_iter()
        .map(|rel| (rel, fs::symlink_metadata(root.join(rel)).is_ok_and(|m| m.file_type().is_dir())))
        .collect();
    let in_real_folders = |rel: &&&str| rel.match_indices('/').all(|(at, _)| folders.get(&rel[..at]) == Some(&true));
    files.par_iter().filter(in_real_folders).try_for_each(|rel| remove_file(&root.join(rel)))?;
    // Deepest first; a folder that still holds something is left alone.
    let depth = |rel: &str| rel.matches('/').count();
    let deepest = folders.keys().map(|rel| depth(rel)).max().unwrap_or(0);
    for level in (0..=deepest).rev() {
        folders.par_iter().filter(|(rel, real)| **real && depth(rel) == level).for_each(|(rel, _)| {
            let _ = fs::remove_dir(root.join(rel));
        });
    }
    remove_file(&root.join(MARKER))?;
    let _ = fs::remove_dir(root);
    Ok(())
}

fn remove_file(path: &Path) -> std::io::Result<()> {
    match fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// Removes `root` and the folders below it, when they hold no file; never a file.
fn remove_empty_folders(root: &Path) {
    for entry in walkdir::WalkDir::new(root).follow_links(false).contents_first(true).into_iter().flatten() {
        if entry.file_type().is_dir() {
            let _ = fs::remove_dir(entry.path());
        }
    }
}

#[cfg(test)]
mod tests;
