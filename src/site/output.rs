//! Writing the site: into a fresh folder beside the output, swapped in only when complete.
//!
//! A marker file in the output lists every file journeybook wrote. An output folder is
//! replaced only when it is absent, empty, or a previous output holding nothing but the files
//! its marker lists, so no command ever deletes a file it did not write.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The marker file's name, at the root of every output folder.
pub const MARKER: &str = ".journeybook-output";
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
}

/// Files kept in memory.
#[derive(Default)]
pub struct Memory(pub std::sync::Mutex<BTreeMap<String, Vec<u8>>>);

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
/// commit, it removes what it wrote and leaves the previous output as it was.
pub struct Staging {
    output: PathBuf,
    parent: PathBuf,
    name: String,
    fresh: PathBuf,
    previous: Option<Previous>,
    written: std::sync::Mutex<BTreeSet<String>>,
    dirs: std::sync::Mutex<BTreeSet<PathBuf>>,
}

impl Staging {
    /// Checks that `output` may be replaced and makes the staging folder.
    pub fn begin(output: &Path) -> Result<Staging, WriteError> {
        let previous = previous_output(output)?;
        let parent = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
        fs::create_dir_all(&parent).map_err(io(&parent))?;
        let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        let fresh = parent.join(format!(".{name}.journeybook-new-{}", std::process::id()));
        fs::create_dir(&fresh).map_err(io(&fresh))?;
        Ok(Staging {
            output: output.to_path_buf(),
            parent,
            name,
            fresh,
            previous: Some(previous),
            written: Default::default(),
            dirs: Default::default(),
        })
    }

    /// Writes the marker and swaps the staging folder in for the output.
    pub fn commit(mut self) -> Result<(), WriteError> {
        let written = std::mem::take(&mut *self.written.lock().expect("not poisoned"));
        let mut marker = String::from(MARKER_HEADER);
        for rel in &written {
            marker.push_str(rel);
            marker.push('\n');
        }
        let path = self.fresh.join(MARKER);
        fs::write(&path, marker).map_err(io(&path))?;
        let (output, fresh) = (self.output.clone(), self.fresh.clone());
        let result = match self.previous.take().expect("committed once") {
            Previous::None => fs::rename(&fresh, &output).map_err(io(&output)),
            Previous::Empty => fs::remove_dir(&output).and_then(|()| fs::rename(&fresh, &output)).map_err(io(&output)),
            Previous::Ours(old_files) => {
                let old = self.parent.join(format!(".{}.journeybook-old-{}", self.name, std::process::id()));
                fs::rename(&output, &old).map_err(io(&output))?;
                match fs::rename(&fresh, &output) {
                    Ok(()) => remove_written(&old, old_files.iter()).map_err(io(&old)),
                    Err(e) => {
                        let _ = fs::rename(&old, &output);
                        Err(WriteError::Io { path: output.clone(), error: e })
                    }
                }
            }
        };
        if result.is_err() {
            let _ = remove_written(&fresh, written.iter());
        }
        result
    }
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> Result<(), WriteError> {
        let path = self.fresh.join(rel);
        if let Some(dir) = path.parent() {
            let known = self.dirs.lock().map(|d| d.contains(dir)).unwrap_or(false);
            if !known {
                fs::create_dir_all(dir).map_err(io(dir))?;
                if let Ok(mut d) = self.dirs.lock() {
                    d.insert(dir.to_path_buf());
                }
            }
        }
        let mut file = fs::File::create(&path).map_err(io(&path))?;
        file.write_all(&bytes).map_err(io(&path))?;
        if let Ok(mut w) = self.written.lock() {
            w.insert(rel.to_string());
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // Not committed: remove only what this build wrote.
        if self.previous.is_some() {
            let written = self.written.lock().map(|w| w.clone()).unwrap_or_default();
            let _ = remove_written(&self.fresh, written.iter());
        }
    }
}

/// Replaces `output` with exactly `files` (output path → bytes).
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
    /// A previous output; the files its marker lists.
    Ours(BTreeSet<String>),
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
    let present = list_files(output).map_err(io(output))?;
    if present.is_empty() {
        return Ok(Previous::Empty);
    }
    let listed: BTreeSet<String> = match fs::read_to_string(output.join(MARKER)) {
        Ok(text) => text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(str::to_string).collect(),
        Err(_) => BTreeSet::new(),
    };
    let foreign: Vec<String> = present.into_iter().filter(|f| f != MARKER && !listed.contains(f)).collect();
    if !foreign.is_empty() || !output.join(MARKER).is_file() {
        let files = if foreign.is_empty() { vec!["no journeybook marker".into()] } else { foreign };
        return Err(WriteError::Foreign { folder: output.to_path_buf(), files });
    }
    Ok(Previous::Ours(listed))
}

/// Every file below `dir`, relative, with `/` separators; links count as files and are not followed.
fn list_files(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name() {
        let entry = entry.map_err(std::io::Error::other)?;
        if !entry.file_type().is_dir() {
            out.push(crate::project::relative(dir, entry.path()));
        }
    }
    Ok(out)
}

/// Removes the listed files and the marker under `root`, then the folders left empty.
fn remove_written<'a>(root: &Path, files: impl Iterator<Item = &'a String>) -> std::io::Result<()> {
    if !root.exists() {
        return Ok(());
    }
    let mut dirs = BTreeSet::new();
    for rel in files.map(String::as_str).chain([MARKER]) {
        let path = root.join(rel);
        if rel.split('/').any(|part| part == ".." || part.is_empty()) {
            continue;
        }
        match fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        let mut dir = path.parent();
        while let Some(d) = dir {
            if !d.starts_with(root) || d == root {
                break;
            }
            dirs.insert(d.to_path_buf());
            dir = d.parent();
        }
    }
    // Deepest first; a folder that still holds something is left alone.
    for dir in dirs.iter().rev() {
        let _ = fs::remove_dir(dir);
    }
    let _ = fs::remove_dir(root);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pairs: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.as_bytes().to_vec())).collect()
    }

    #[test]
    fn replaces_a_previous_output() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write(&out, &files(&[("index.html", "one"), ("old/index.html", "x")])).unwrap();
        write(&out, &files(&[("index.html", "two")])).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "two");
        assert!(!out.join("old").exists());
        let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
    }

    #[test]
    fn refuses_a_folder_it_did_not_write() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("mine.txt"), "keep").unwrap();
        let err = write(&out, &files(&[("index.html", "x")])).unwrap_err();
        assert!(matches!(err, WriteError::Foreign { .. }));
        assert_eq!(fs::read_to_string(out.join("mine.txt")).unwrap(), "keep");
    }

    #[test]
    fn refuses_a_previous_output_with_foreign_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write(&out, &files(&[("index.html", "one")])).unwrap();
        fs::write(out.join("notes.txt"), "mine").unwrap();
        let err = write(&out, &files(&[("index.html", "two")])).unwrap_err();
        assert!(err.to_string().contains("notes.txt"), "{err}");
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
    }

    #[test]
    fn fills_an_empty_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        fs::create_dir(&out).unwrap();
        write(&out, &files(&[("a/b.html", "x")])).unwrap();
        assert!(out.join(MARKER).is_file());
    }
}
