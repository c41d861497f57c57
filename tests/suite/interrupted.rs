//! Builds killed at any moment, as CI kills cancelled jobs: the output is always one complete
//! site, old or new, and the next build removes whatever the killed one left beside it.
#![cfg(unix)]

use crate::harness;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use harness::read_tree;

const KILLS: u32 = 50;

/// The tests here run one at a time: each times builds, and two at once slow each other down.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn one_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The example playbook with `notes` more notes and every template replaced by one line
/// showing the site's title, so each build writes a few hundred small files, spends its time
/// in loading, writing and swapping rather than in parsing templates, and any page shows
/// which of the two titles built it.
fn project(notes: usize) -> tempfile::TempDir {
    let project = harness::example();
    let templates = project.path().join("templates");
    fs::create_dir(&templates).unwrap();
    let builtin = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
    for entry in fs::read_dir(builtin).unwrap() {
        fs::write(templates.join(entry.unwrap().file_name()), "<title>{{ site.title }}</title>\n").unwrap();
    }
    let generated = project.path().join("content/insights/generated");
    fs::create_dir(&generated).unwrap();
    for i in 0..notes {
        let note = format!("---\ntitle: Note {i}\ndate: 2026-01-01\ntags: [t{}]\n---\nNote *{i}*.\n", i % 10);
        fs::write(generated.join(format!("note-{i}.md")), note).unwrap();
    }
    project
}

fn set_title(project: &Path, title: &str) {
    let path = project.join("journeybook.yaml");
    let config = fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = config.lines().filter(|l| !l.starts_with("title:")).collect();
    fs::write(&path, format!("title: {title}\n{}\n", kept.join("\n"))).unwrap();
}

fn build(project: &Path, output: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_journeybook"));
    cmd.arg("build").arg("--source").arg(project).arg("--output").arg(output);
    cmd.stdout(Stdio::null()).stderr(Stdio::null());
    cmd
}

/// Builds `project` with `title` to completion and returns the output's files.
fn complete(project: &Path, title: &str, output: &Path) -> BTreeMap<String, Vec<u8>> {
    set_title(project, title);
    assert!(build(project, output).status().unwrap().success());
    read_tree(output)
}

/// Names in `dir` other than `keep`.
fn beside(dir: &Path, keep: &str) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != keep)
        .collect();
    names.sort();
    names
}

/// What each folder in `names` holds, for a failure message: its files, and its marker.
fn describe(parent: &Path, names: &[String]) -> Vec<(String, Vec<String>, String)> {
    let describe = |name: &String| {
        let dir = parent.join(name);
        let files = read_tree(&dir).into_keys().collect();
        let marker = fs::read_to_string(dir.join(".journeybook-output")).unwrap_or_default();
        (name.clone(), files, marker.chars().take(400).collect())
    };
    names.iter().map(describe).collect()
}

#[test]
fn a_killed_build_leaves_the_old_site_or_the_new_one() {
    let _alone = one_at_a_time();
    let project = project(15);
    let outside = tempfile::tempdir().unwrap();
    let sites = [("Site A", outside.path().join("a/public")), ("Site B", outside.path().join("b/public"))];
    let started = Instant::now();
    let expected: Vec<_> = sites.iter().map(|(title, out)| complete(project.path(), title, out)).collect();
    assert_ne!(expected[0], expected[1]);
    assert!(expected[0].contains_key(".journeybook-output") && expected[0].len() > 80, "{}", expected[0].len());

    let parent = outside.path().join("site");
    let output = parent.join("public");
    assert_eq!(complete(project.path(), "Site A", &output), expected[0]);
    // How long a build takes that replaces a previous output, as every one below does.
    let timed = Instant::now();
    assert_eq!(complete(project.path(), "Site B", &output), expected[1]);
    let duration = timed.elapsed();
    let mut current = 1;
    let mut killed_pids = Vec::new();
    let (mut outcomes, mut leftovers) = ([0; 2], 0);
    for kill in 0..KILLS {
        let next = 1 - current;
        set_title(project.path(), sites[next].0);
        // Spread over the whole build, and a little past its usual end.
        let delay = duration.mul_f64(1.1 * f64::from(kill) / f64::from(KILLS));
        let mut child = build(project.path(), &output).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        killed_pids.push(child.id());

        let tree = read_tree(&output);
        let which = expected.iter().position(|e| *e == tree);
        let Some(which) = which else {
            panic!("kill {kill} after {delay:?}: the output is neither complete site ({} files)", tree.len());
        };
        assert!(!finished || which == next, "kill {kill}: a finished build left the old site");
        current = which;
        outcomes[usize::from(which == next)] += 1;
        let left = beside(&parent, "public");
        for name in &left {
            let pid = name.rsplit('-').next().and_then(|p| p.parse::<u32>().ok());
            let ours = name.starts_with(".public.journeybook-") && pid.is_some_and(|p| killed_pids.contains(&p));
            assert!(ours, "kill {kill}: unexpected {name} beside the output");
        }
        // Each build removes what the one before left before it makes its own folder, and a
        // one-step swap needs no second folder: a kill never leaves more than one behind.
        let most = if cfg!(any(target_os = "linux", target_vendor = "apple")) { 1 } else { 2 };
        assert!(left.len() <= most, "kill {kill}: beside the output {:#?}", describe(&parent, &left));
        leftovers += left.len();

        if kill % 10 == 9 {
            let title = sites[1 - current].0;
            assert_eq!(complete(project.path(), title, &output), expected[1 - current], "after kill {kill}");
            current = 1 - current;
            assert_eq!(beside(&parent, "public"), Vec::<String>::new(), "left beside the output after kill {kill}");
        }
    }
    eprintln!(
        "{KILLS} kills over a build of {duration:?}: {} left the old site, {} the new, {leftovers} a folder beside; {:?} in all",
        outcomes[0],
        outcomes[1],
        started.elapsed()
    );
}

/// Two builds of one output at once (two CI jobs on one runner): each ends in a complete
/// site or a clear refusal, and together they leave nothing beside the output.
#[test]
fn two_builds_of_one_output_at_once() {
    let _alone = one_at_a_time();
    let project = project(25);
    let outside = tempfile::tempdir().unwrap();
    let output = outside.path().join("public");
    let site = complete(project.path(), "Site A", &output);
    for round in 0..5 {
        let mut builds: Vec<_> = (0..2).map(|_| build(project.path(), &output).spawn().unwrap()).collect();
        let codes: Vec<_> = builds.iter_mut().map(|b| b.wait().unwrap().code()).collect();
        assert!(codes.contains(&Some(0)) && codes.iter().all(|c| [Some(0), Some(2)].contains(c)), "{codes:?}");
        assert_eq!(read_tree(&output), site, "round {round}");
        assert_eq!(beside(outside.path(), "public"), Vec::<String>::new(), "round {round}");
    }
}

/// A build that fails on content writes nothing and keeps the previous output, even with a
/// killed build's leftovers beside it (only a build that writes removes them).
#[test]
fn a_content_error_writes_nothing() {
    let _alone = one_at_a_time();
    let project = project(0);
    let outside = tempfile::tempdir().unwrap();
    let output = outside.path().join("public");
    let before = complete(project.path(), "Site A", &output);
    // What a build killed while writing leaves: its marker lists what it wrote.
    let leftover = outside.path().join(".public.journeybook-new-1");
    fs::create_dir(&leftover).unwrap();
    fs::write(leftover.join("index.html"), "x").unwrap();
    let marker = "# Written by journeybook. Files it wrote, one a line; it replaces only these.\nindex.html\n";
    fs::write(leftover.join(".journeybook-output"), marker).unwrap();
    fs::write(project.path().join("content/journeys/broken.yaml"), "title: [unclosed\n").unwrap();
    let status = build(project.path(), &output).status().unwrap();
    assert_eq!(status.code(), Some(1));
    assert_eq!(read_tree(&output), before);
    assert_eq!(beside(outside.path(), "public"), [".public.journeybook-new-1"]);
    // The next build that writes removes it.
    fs::remove_file(project.path().join("content/journeys/broken.yaml")).unwrap();
    assert_eq!(complete(project.path(), "Site B", &output).len(), before.len());
    assert_eq!(beside(outside.path(), "public"), Vec::<String>::new());
}
