//! Reading a playbook as it was at a git revision, through the `git` command.
//!
//! The revision's files are copied into a private temporary folder (removed on drop), so the
//! project loader reads them exactly as it reads a working tree, and the working tree itself
//! is never touched.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The folder `--source` names, placed in its git repository.
pub struct Repo {
    /// The repository's top folder.
    top: PathBuf,
    /// The source folder's path from the top, with a trailing `/`, or empty at the top.
    prefix: String,
}

impl Repo {
    /// Finds the repository that holds `source`; an error when there is none.
    pub fn find(source: &Path) -> Result<Repo, String> {
        let out = git(source, &["rev-parse", "--show-toplevel", "--show-prefix"]).map_err(|e| {
            if e.starts_with(CANNOT_RUN) {
                e
            } else {
                format!("{} is not in a git repository", source.display())
            }
        })?;
        let mut lines = out.lines();
        let top = PathBuf::from(lines.next().unwrap_or_default());
        let prefix = lines.next().unwrap_or_default().to_string();
        Ok(Repo { top, prefix })
    }

    /// The full commit id of `rev`; an error naming it when it does not exist.
    pub fn commit(&self, rev: &str) -> Result<String, String> {
        let spec = format!("{rev}^{{commit}}");
        if rev.starts_with('-') {
            return Err(format!("revision `{rev}` does not exist in this repository"));
        }
        git(&self.top, &["rev-parse", "--verify", "--quiet", &spec])
            .map(|s| s.trim().to_string())
            .map_err(|_| format!("revision `{rev}` does not exist in this repository"))
    }

    /// Writes the source folder as it is at `commit` into a new temporary folder.
    pub fn checkout(&self, commit: &str) -> Result<Snapshot, String> {
        let dir = Snapshot::create()?;
        let listing = self.files(commit)?;
        let mut batch = Command::new("git")
            .arg("-C")
            .arg(&self.top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot run git: {e}"))?;
        let mut stdin = batch.stdin.take().ok_or("cannot write to git")?;
        let objects: Vec<String> = listing.iter().map(|(object, _)| object.clone()).collect();
        // A writer thread keeps git from blocking on a full pipe while we read its answers.
        let writer = std::thread::spawn(move || {
            for object in objects {
                if writeln!(stdin, "{object}").is_err() {
                    break;
                }
            }
        });
        let mut answers = BufReader::new(batch.stdout.take().ok_or("cannot read from git")?);
        let result = listing.iter().try_for_each(|(_, path)| copy_blob(&mut answers, &dir.path.join(path)));
        let _ = writer.join();
        let _ = batch.wait();
        result.map(|()| dir)
    }

    /// The repository's tags as `(name, date)`, oldest first (ties by name), with the date
    /// as `YYYY-MM-DD`: the tagging date of an annotated tag, else its commit's.
    pub fn tags(&self) -> Result<Vec<(String, String)>, String> {
        let format = "--format=%(refname:short)%09%(creatordate:short)";
        let out = git(&self.top, &["for-each-ref", "--sort=creatordate", format, "refs/tags"])?;
        Ok(out
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(name, date)| (name.to_string(), date.to_string()))
            .collect())
    }

    /// `(object id, path below the source folder)` of every regular file at `commit`.
    fn files(&self, commit: &str) -> Result<Vec<(String, String)>, String> {
        let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", commit];
        if !self.prefix.is_empty() {
            args.extend(["--", &self.prefix]);
        }
        let out = git(&self.top, &args).map_err(|e| format!("cannot list the files of {commit}: {e}"))?;
        let mut files = Vec::new();
        for entry in out.split('\0').filter(|e| !e.is_empty()) {
            let Some((meta, path)) = entry.split_once('\t') else { continue };
            let mut fields = meta.split(' ');
            let (mode, kind, object) = (fields.next(), fields.next(), fields.next());
            // Symbolic links and submodules have no text of their own to compare.
            if kind != Some("blob") || mode == Some("120000") {
                continue;
            }
            let Some(rest) = path.strip_prefix(&self.prefix) else { continue };
            if rest.split('/').any(|part| part.is_empty() || part == "." || part == "..") {
                continue;
            }
            files.push((object.unwrap_or_default().to_string(), rest.to_string()));
        }
        Ok(files)
    }
}

/// Reads one `git cat-file --batch` answer and writes its content to `target`.
fn copy_blob(answers: &mut impl BufRead, target: &Path) -> Result<(), String> {
    let mut header = String::new();
    answers.read_line(&mut header).map_err(|e| format!("cannot read from git: {e}"))?;
    let size: usize = header
        .split_whitespace()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("unexpected answer from git: {}", header.trim()))?;
    let mut content = vec![0; size + 1];
    answers.read_exact(&mut content).map_err(|e| format!("cannot read from git: {e}"))?;
    content.pop();
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot write {}: {e}", parent.display()))?;
    }
    std::fs::write(target, content).map_err(|e| format!("cannot write {}: {e}", target.display()))
}

/// A temporary folder holding one revision's files, removed when dropped.
pub struct Snapshot {
    /// Where the files are.
    pub path: PathBuf,
}

impl Snapshot {
    fn create() -> Result<Snapshot, String> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        for attempt in 0..100u32 {
            let name = format!("journeybook-diff-{}-{nanos}-{attempt}", std::process::id());
            let path = std::env::temp_dir().join(name);
            // `create_dir` fails on an existing folder, so no one else's files are reused.
            if std::fs::create_dir(&path).is_ok() {
                return Ok(Snapshot { path });
            }
        }
        Err(format!("cannot create a temporary folder in {}", std::env::temp_dir().display()))
    }
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The start of the message when git itself cannot be started (not installed, not on `PATH`).
const CANNOT_RUN: &str = "cannot run git";

/// Runs git in `dir` and returns its standard output; its standard error on failure.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{CANNOT_RUN}: {e}"))?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}
