//! Every diagram of the shared corpus of real Mermaid `journey` diagrams, imported by the real
//! binary and compared with what Mermaid's own parser reads from it (`NN-name.expect.json`).
//!
//! The corpus lives outside the project (`../shared/mermaid-journeys/`) and is read in place.

use crate::harness;

use harness::Run;
use journeybook::diagnostic::Diagnostics;
use journeybook::project::journey;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/mermaid-journeys")
}

/// A task as journeybook keeps it: trimmed name, score clamped to 1–5 (none when not a
/// number), actors trimmed without empty ones.
#[derive(Debug, PartialEq)]
struct Task {
    name: String,
    score: Option<f64>,
    actors: Vec<String>,
}

/// What Mermaid read, in journeybook's terms.
struct Expected {
    title: Option<String>,
    sections: Vec<(String, Vec<Task>)>,
    /// Scores that W050 must report: outside 1–5, or not a number.
    odd_scores: usize,
}

fn text(v: &Value) -> Option<String> {
    v.as_str().map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

fn expected(json: &Value) -> Expected {
    let mut odd_scores = 0;
    let mut task = |t: &Value| {
        let score = t["score"].as_f64();
        if score.is_none_or(|s| !(1.0..=5.0).contains(&s)) {
            odd_scores += 1;
        }
        let actors = t["actors"].as_array().unwrap().iter().filter_map(text).collect();
        Task { name: text(&t["name"]).unwrap(), score: score.map(|s| s.clamp(1.0, 5.0)), actors }
    };
    let sections = json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let name = text(&s["name"]).unwrap_or_else(|| "Start".into());
            (name, s["tasks"].as_array().unwrap().iter().map(&mut task).collect())
        })
        .collect();
    Expected { title: text(&json["title"]).or_else(|| text(&json["accTitle"])), sections, odd_scores }
}

/// Imports one diagram into an empty project; what went wrong, or nothing.
fn import_one(mmd: &Path, json: &Value) -> Vec<String> {
    let project = tempfile::tempdir().unwrap();
    fs::write(project.path().join("journeybook.yaml"), "title: Corpus\n").unwrap();
    fs::create_dir_all(project.path().join("content/journeys")).unwrap();
    let run = Run::new(&["import", "mermaid", mmd.to_str().unwrap()]).source(project.path()).go();
    let written: Vec<PathBuf> =
        fs::read_dir(project.path().join("content/journeys")).unwrap().map(|e| e.unwrap().path()).collect();
    let accepted = json["accepted"].as_bool().unwrap();
    if !accepted || json["sections"].as_array().unwrap().is_empty() {
        let mut problems = Vec::new();
        if run.status != 1 || !run.stderr.contains("error[E10") {
            problems.push(format!("status: expected an E10x error and exit 1, got {}: {}", run.status, run.stderr));
        }
        if accepted != run.stderr.contains("no sections or tasks") {
            problems.push(format!("error: wrong reason: {}", run.stderr));
        }
        let place = format!("{}:", mmd.display());
        let line: Option<usize> = run.stderr.split(&place).nth(1).and_then(|rest| rest.split(':').next()?.parse().ok());
        let lines = fs::read_to_string(mmd).unwrap().lines().count().max(1);
        if !line.is_some_and(|l| (1..=lines).contains(&l)) {
            problems.push(format!("error: names no line of the file: {}", run.stderr));
        }
        if !written.is_empty() {
            problems.push("files: a rejected diagram wrote a journey".into());
        }
        return problems;
    }
    if run.status != 0 || written.len() != 1 {
        return vec![format!("status: exit {}, {} files written: {}", run.status, written.len(), run.stderr)];
    }
    let expect = expected(json);
    let mut problems = compare(&fs::read_to_string(&written[0]).unwrap(), &expect);
    let warnings = run.stderr.matches("warning[W050]").count();
    if warnings != expect.odd_scores {
        problems.push(format!("W050: expected {} warnings, got {warnings}: {}", expect.odd_scores, run.stderr));
    }
    let check = Run::new(&["check", "--strict"]).source(project.path()).go();
    if check.status != 0 {
        problems.push(format!("check: exit {}: {}{}", check.status, check.stdout, check.stderr));
    }
    problems
}

fn compare(yaml: &str, expect: &Expected) -> Vec<String> {
    let mut d = Diagnostics::default();
    let Some(j) = journey::parse(yaml, "imported.yaml", "imported", &mut d) else {
        return vec![format!("yaml: not a journey: {:?}\n{yaml}", d.sorted())];
    };
    let mut problems = Vec::new();
    if let Some(title) = &expect.title {
        if &j.title != title {
            problems.push(format!("title: expected {title:?}, got {:?}", j.title));
        }
    }
    let names: Vec<&str> = j.stages.iter().map(|s| s.name.as_str()).collect();
    let want: Vec<&str> = expect.sections.iter().map(|(n, _)| n.as_str()).collect();
    if names != want {
        problems.push(format!("sections: expected {want:?}, got {names:?}"));
        return problems;
    }
    for (stage, (name, tasks)) in j.stages.iter().zip(&expect.sections) {
        let got: Vec<Task> = stage
            .touchpoints
            .iter()
            .map(|t| Task { name: t.name.clone(), score: t.emotion, actors: t.actors.clone() })
            .collect();
        for (i, (g, w)) in got.iter().zip(tasks).enumerate() {
            if g != w {
                problems.push(format!("tasks of {name:?}, #{}: expected {w:?}, got {g:?}", i + 1));
            }
        }
        if got.len() != tasks.len() {
            problems.push(format!("tasks of {name:?}: expected {}, got {}", tasks.len(), got.len()));
        }
    }
    problems
}

#[test]
fn every_corpus_diagram_imports_as_mermaid_reads_it() {
    let mut files: Vec<PathBuf> = fs::read_dir(corpus())
        .expect("the corpus is at ../shared/mermaid-journeys")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "mmd"))
        .collect();
    files.sort();
    assert!(files.len() >= 50, "only {} diagrams in the corpus", files.len());
    let mut failures = Vec::new();
    for mmd in &files {
        let json: Value =
            serde_json::from_str(&fs::read_to_string(mmd.with_extension("expect.json")).unwrap()).unwrap();
        let name = mmd.file_name().unwrap().to_string_lossy().into_owned();
        failures.extend(import_one(mmd, &json).into_iter().map(|p| format!("{name}: {p}")));
    }
    let wrong: std::collections::BTreeSet<&str> = failures.iter().map(|f| f.split(':').next().unwrap()).collect();
    println!("{} of {} corpus diagrams import exactly", files.len() - wrong.len(), files.len());
    assert!(failures.is_empty(), "{} of {} diagrams differ:\n{}", wrong.len(), files.len(), failures.join("\n"));
}
