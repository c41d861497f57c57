//! A small harness: copy a fixture into a temporary folder, run the real binary, read results.
//! Shared by several test binaries, each of which uses only part of it.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One run of the binary.
pub struct Run {
    args: Vec<String>,
    source: Option<PathBuf>,
}

/// What a run did.
pub struct Output {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn new(args: &[&str]) -> Self {
        Run { args: args.iter().map(|a| a.to_string()).collect(), source: None }
    }

    /// Adds `--source DIR`.
    pub fn source(mut self, dir: &Path) -> Self {
        self.source = Some(dir.to_path_buf());
        self
    }

    pub fn go(self) -> Output {
        self.go_in(Path::new("."))
    }

    /// Runs the binary with `dir` as the current folder.
    pub fn go_in(self, dir: &Path) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_journeybook"));
        cmd.current_dir(dir);
        cmd.args(&self.args).env("NO_COLOR", "1");
        if let Some(source) = &self.source {
            cmd.arg("--source").arg(source);
        }
        let out = cmd.output().expect("the binary runs");
        Output {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// A copy of `tests/fixtures/<name>` in a fresh temporary folder.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&from, dir.path());
    dir
}

/// A copy of the example playbook at the repository root (config and `content/`).
pub fn example() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    fs::copy(root.join("journeybook.yaml"), dir.path().join("journeybook.yaml")).unwrap();
    copy_tree(&root.join("content"), &dir.path().join("content"));
    dir
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else if !entry.file_name().to_string_lossy().starts_with("expected") {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Compares `actual` with the expected output kept in `path`, trailing blank lines aside.
/// With `BLESS=1` a difference rewrites the file instead of failing; otherwise it is returned,
/// to be reported with the others.
pub fn expect_file(path: &Path, actual: &str) -> Result<(), String> {
    let expected = fs::read_to_string(path).unwrap_or_default();
    if expected.trim_end() == actual.trim_end() {
        return Ok(());
    }
    if std::env::var_os("BLESS").is_some() {
        fs::write(path, format!("{}\n", actual.trim_end())).unwrap();
        return Ok(());
    }
    Err(format!("expected ({}):\n{expected}\nactual:\n{actual}", path.display()))
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// `--format json` output as one readable line per diagnostic:
/// `CODE [severity ]file:line:column message (help: …)`; the severity is shown for warnings.
pub fn json_diagnostics(stdout: &str) -> String {
    let mut out = String::new();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let d: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        let severity = if d["severity"] == "warning" { "warning " } else { "" };
        out.push_str(&format!(
            "{} {severity}{}:{}:{} {}",
            d["code"].as_str().unwrap(),
            d["file"].as_str().unwrap(),
            d["line"],
            d["column"],
            d["message"].as_str().unwrap()
        ));
        if let Some(help) = d["help"].as_str() {
            out.push_str(&format!(" (help: {help})"));
        }
        out.push('\n');
    }
    out
}

/// Runs git in `dir` with a fixed identity and clock, so commits are the same on every run.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_AUTHOR_DATE", "2026-10-01T12:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-10-01T12:00:00Z")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Writes (`Some`) or deletes (`None`) files, commits them and tags the commit.
pub fn commit(dir: &Path, tag: &str, files: &[(&str, Option<&str>)]) {
    for (path, text) in files {
        let path = dir.join(path);
        match text {
            Some(text) => {
                fs::create_dir_all(path.parent().unwrap()).unwrap();
                fs::write(&path, text).unwrap();
            }
            None => fs::remove_file(&path).unwrap(),
        }
    }
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", tag]);
    git(dir, &["tag", tag]);
}
