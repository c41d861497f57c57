//! `init --ci`: a CI workflow that checks, builds, summarises pull requests and deploys.

use std::path::{Path, PathBuf};

use crate::cmd::cli::CiHost;

/// The GitHub Actions workflow, kept as a file so it reads and diffs as YAML.
pub const GITHUB_WORKFLOW: &str = include_str!("ci/github.yml");

/// Writes the workflow for `host` into the playbook at `dir`; never replaces an existing file.
pub fn write(dir: &Path, host: CiHost) -> Result<PathBuf, String> {
    let is_playbook = dir.join("journeybook.yaml").is_file() || dir.join("content").is_dir();
    if !is_playbook {
        return Err(format!(
            "{} is not a playbook (it has neither journeybook.yaml nor content/); run `journeybook init` first",
            dir.display()
        ));
    }
    let (path, text) = match host {
        CiHost::Github => (dir.join(".github/workflows/journeybook.yml"), GITHUB_WORKFLOW),
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    // `create_new` refuses an existing file even if it appears after the check above.
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    let mut file = match file {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(format!("{} already exists; init --ci never replaces a workflow", path.display()))
        }
        Err(e) => return Err(format!("cannot write {}: {e}", path.display())),
    };
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}
