//! `init --ci github` and the workflow it writes: the workflow's `run:` steps are taken from
//! the file and run with bash against a git repository, with the real binary, as the hosting
//! would run them (the hosting's own actions — checkout, Pages — are not run).

use crate::harness;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use harness::{commit, git, Run};

const JOURNEY: &str = "content/journeys/shop.yaml";

fn shop(emotion: &str, nps: &str) -> String {
    format!(
        "title: Online shop\nmetrics:\n  nps: {{value: {nps}, target: 40}}\nstages:\n  - name: Browse\n    emotion: {emotion}\n  - name: Buy\n    emotion: 4\n"
    )
}

/// A playbook repository with a base commit and a pull request's commit on top.
fn pull_request(emotion_after: &str, nps: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"]);
    commit(dir.path(), "base", &[("journeybook.yaml", Some("title: Shop\n")), (JOURNEY, Some(&shop("3.5", nps)))]);
    commit(dir.path(), "head", &[(JOURNEY, Some(&shop(emotion_after, nps)))]);
    dir
}

/// The workflow's `run:` scripts by step name, and its top-level `env:`.
struct Workflow {
    steps: BTreeMap<String, String>,
    env: Vec<(String, String)>,
}

/// Reads the workflow by its layout: steps are `- name:` items with a `run: |` block, the
/// top-level `env:` a block of `KEY: value` lines.
fn workflow(text: &str) -> Workflow {
    let mut steps = BTreeMap::new();
    let mut env = Vec::new();
    let mut lines = text.lines().peekable();
    let mut name = String::new();
    let mut in_env = false;
    while let Some(line) = lines.next() {
        if line == "env:" {
            in_env = true;
            continue;
        }
        if in_env {
            match line.strip_prefix("  ").and_then(|l| l.split_once(": ")) {
                Some((key, value)) => env.push((key.to_string(), value.trim_matches('"').to_string())),
                None => in_env = false,
            }
        }
        if let Some(n) = line.trim_start().strip_prefix("- name: ") {
            name = n.to_string();
        }
        if line.trim_start() == "run: |" {
            let indent = line.len() - line.trim_start().len() + 2;
            let mut script = String::new();
            while let Some(next) =
                lines.next_if(|l| l.trim().is_empty() || l.len() > indent && l[..indent].trim().is_empty())
            {
                script.push_str(next.get(indent..).unwrap_or(""));
                script.push('\n');
            }
            steps.insert(name.clone(), script);
        }
    }
    Workflow { steps, env }
}

/// A runner: a temp folder, a `gh` that records its calls, and the variables GitHub sets.
struct Runner {
    temp: tempfile::TempDir,
    path: String,
}

impl Runner {
    fn new() -> Runner {
        let temp = tempfile::tempdir().unwrap();
        let bin = temp.path().join("bin");
        fs::create_dir_all(&bin).unwrap();
        // `--edit-last` fails until a comment exists, as it does on a new pull request.
        let gh =
            "#!/bin/bash\nif [[ \" $* \" == *' --edit-last '* && ! -e \"$RUNNER_TEMP/commented\" ]]; then exit 1; fi\n\
                  touch \"$RUNNER_TEMP/commented\"\necho \"$*\" >> \"$RUNNER_TEMP/gh-calls\"\n";
        fs::write(bin.join("gh"), gh).unwrap();
        Command::new("chmod").arg("+x").arg(bin.join("gh")).status().unwrap();
        let journeybook = Path::new(env!("CARGO_BIN_EXE_journeybook")).parent().unwrap();
        let path = format!("{}:{}:{}", bin.display(), journeybook.display(), std::env::var("PATH").unwrap());
        Runner { temp, path }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.temp.path().join(name)
    }

    /// Runs one step in `repo` with the workflow's env, then `vars`; returns (status, stdout).
    fn step(&self, flow: &Workflow, name: &str, repo: &Path, vars: &[(&str, &str)]) -> (i32, String) {
        let script = flow.steps.get(name).unwrap_or_else(|| panic!("no step {name}"));
        let mut cmd = Command::new("bash");
        cmd.args(["--noprofile", "--norc", "-eo", "pipefail", "-c", script]).current_dir(repo);
        cmd.env("PATH", &self.path).env("NO_COLOR", "1").env("HOME", self.temp.path());
        cmd.env("RUNNER_TEMP", self.temp.path()).env("GITHUB_STEP_SUMMARY", self.file("summary.md"));
        cmd.env("GITHUB_PATH", self.file("github-path"));
        for (k, v) in &flow.env {
            cmd.env(k, v);
        }
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        eprintln!("{name}: {stdout}{}", String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), stdout)
    }
}

fn written_workflow(repo: &Path) -> Workflow {
    let out = Run::new(&["init", "--ci", "github", "."]).go_in(repo);
    assert_eq!(out.status, 0, "{}", out.stderr);
    workflow(&fs::read_to_string(repo.join(".github/workflows/journeybook.yml")).unwrap())
}

#[test]
fn init_ci_writes_only_the_workflow_and_never_replaces_it() {
    let repo = pull_request("3.2", "45");
    let before = harness::read_tree(repo.path());
    let out = Run::new(&["init", "--ci", "github", "."]).go_in(repo.path());
    assert_eq!((out.status, out.stdout.as_str()), (0, "Wrote ./.github/workflows/journeybook.yml\n"));
    let mut after = harness::read_tree(repo.path());
    let written = after.remove(".github/workflows/journeybook.yml").expect("the workflow is written");
    assert_eq!(after, before);
    fs::write(repo.path().join(".github/workflows/journeybook.yml"), "# ours\n").unwrap();
    let out = Run::new(&["init", "--ci", "github", "."]).go_in(repo.path());
    assert_eq!(
        (out.status, out.stderr.as_str()),
        (2, "error: ./.github/workflows/journeybook.yml already exists; init --ci never replaces a workflow\n")
    );
    assert_eq!(fs::read_to_string(repo.path().join(".github/workflows/journeybook.yml")).unwrap(), "# ours\n");
    assert!(String::from_utf8(written).unwrap().contains("actions/deploy-pages@v4"));
    let empty = tempfile::tempdir().unwrap();
    let out = Run::new(&["init", "--ci", "github", "."]).go_in(empty.path());
    assert_eq!(out.status, 2);
    assert!(out.stderr.starts_with("error: . is not a playbook"), "{}", out.stderr);
    assert!(harness::read_tree(empty.path()).is_empty());
}

#[test]
fn the_workflow_checks_builds_and_comments_on_a_pull_request() {
    let repo = pull_request("2.5", "45");
    let flow = written_workflow(repo.path());
    let runner = Runner::new();
    let base = git(repo.path(), &["rev-parse", "base"]).trim().to_string();
    assert_eq!(runner.step(&flow, "Check", repo.path(), &[]).0, 0);
    assert_eq!(runner.step(&flow, "Build", repo.path(), &[("SITE_URL", "")]).0, 0);
    assert!(runner.file("site/journeys/shop/browse/index.html").is_file());
    let pr = [("BASE_SHA", base.as_str()), ("PR_NUMBER", "7"), ("GH_TOKEN", "x")];
    assert_eq!(runner.step(&flow, "Summarise the change for the customer", repo.path(), &pr).0, 0);
    let summary = fs::read_to_string(runner.file("summary.md")).unwrap();
    assert!(summary.starts_with(&format!("## Customer journey changes: `{base}` → working tree\n")), "{summary}");
    assert!(summary.contains("| Browse | 3.5 | 2.5 | **▼ −1.0** |\n"), "{summary}");
    let body = runner.file("journeybook-diff.md");
    assert_eq!(fs::read_to_string(&body).unwrap(), summary);
    let calls = fs::read_to_string(runner.file("gh-calls")).unwrap();
    assert_eq!(calls, format!("pr comment 7 --body-file {}\n", body.display()));
    // A second push edits the same comment.
    runner.step(&flow, "Summarise the change for the customer", repo.path(), &pr);
    let calls = fs::read_to_string(runner.file("gh-calls")).unwrap();
    assert!(calls.ends_with(&format!("pr comment 7 --body-file {} --edit-last\n", body.display())), "{calls}");
    assert_eq!(git(repo.path(), &["status", "--porcelain"]), "?? .github/\n");
}

#[test]
fn a_comment_that_cannot_be_posted_only_warns() {
    let repo = pull_request("3.2", "45");
    let flow = written_workflow(repo.path());
    let runner = Runner::new();
    fs::write(runner.file("bin/gh"), "#!/bin/bash\nexit 1\n").unwrap();
    let base = git(repo.path(), &["rev-parse", "base"]).trim().to_string();
    let pr = [("BASE_SHA", base.as_str()), ("PR_NUMBER", "7")];
    let (status, stdout) = runner.step(&flow, "Summarise the change for the customer", repo.path(), &pr);
    assert_eq!(
        (status, stdout.as_str()),
        (0, "::warning::could not comment on the pull request; see the run's summary\n")
    );
    assert!(fs::read_to_string(runner.file("summary.md")).unwrap().contains("▼ −0.3"));
}

#[test]
fn the_team_chooses_what_fails_the_workflow() {
    let repo = pull_request("2.5", "20");
    let flow = written_workflow(repo.path());
    let runner = Runner::new();
    let base = git(repo.path(), &["rev-parse", "base"]).trim().to_string();
    assert_eq!(runner.step(&flow, "Check", repo.path(), &[]).0, 0);
    let (status, stdout) = runner.step(&flow, "Check", repo.path(), &[("JOURNEYBOOK_FAIL_ON_OFF_TRACK", "true")]);
    assert_eq!(status, 1);
    assert!(stdout.starts_with("::error file=content/journeys/shop.yaml,"), "{stdout}");
    let pr = [("BASE_SHA", base.as_str()), ("PR_NUMBER", "7"), ("JOURNEYBOOK_FAIL_ON_REGRESSION", "true")];
    assert_eq!(runner.step(&flow, "Summarise the change for the customer", repo.path(), &pr).0, 1);
    // The summary and the comment still go out before the step fails.
    assert!(fs::read_to_string(runner.file("summary.md")).unwrap().contains("▼ −1.0"));
    assert!(runner.file("gh-calls").is_file());
}

#[test]
fn the_install_step_takes_a_release_binary_or_refuses_an_unknown_way() {
    let repo = pull_request("3.2", "45");
    let flow = written_workflow(repo.path());
    let runner = Runner::new();
    let release = runner.file("journeybook.tar.gz");
    let bin = Path::new(env!("CARGO_BIN_EXE_journeybook"));
    let tar = Command::new("tar")
        .arg("-czf")
        .arg(&release)
        .arg("-C")
        .arg(bin.parent().unwrap())
        .arg("journeybook")
        .status()
        .unwrap();
    assert!(tar.success());
    let url = format!("file://{}", release.display());
    let vars = [("JOURNEYBOOK_INSTALL", "release"), ("JOURNEYBOOK_RELEASE_URL", url.as_str())];
    assert_eq!(runner.step(&flow, "Install journeybook", repo.path(), &vars).0, 0);
    let installed = runner.file(".local/bin/journeybook");
    assert_eq!(fs::read(&installed).unwrap(), fs::read(bin).unwrap());
    let github_path = fs::read_to_string(runner.file("github-path")).unwrap();
    assert_eq!(github_path, format!("{}\n", runner.file(".local/bin").display()));
    let (status, stdout) = runner.step(&flow, "Install journeybook", repo.path(), &[("JOURNEYBOOK_INSTALL", "apt")]);
    assert_eq!((status, stdout.as_str()), (2, "::error::JOURNEYBOOK_INSTALL must be cargo or release, not 'apt'\n"));
}
