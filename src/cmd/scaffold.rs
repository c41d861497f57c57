//! `journeybook new journey` and `journeybook new note`: files that validate, dated today.

use std::path::{Path, PathBuf};

use crate::cmd::cli::NewCommand;
use crate::cmd::exit::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::console::{errln, outln};
use crate::diagnostic::Diagnostics;
use crate::model::action::Word;
use crate::model::{id, NoteKind};
use crate::project;

/// Runs `new`, returning the exit status.
pub fn run(what: NewCommand) -> u8 {
    let result = match what {
        NewCommand::Journey { name, id, source } => journey(&source, &name, id.as_deref()),
        NewCommand::Note { title, id, journey, stage, kind, source } => {
            note(&source, &title, id.as_deref(), journey.as_deref(), stage.as_deref(), &kind)
        }
    };
    match result {
        Ok(path) => {
            outln!("Wrote {}", path.display());
            OK
        }
        Err((code, message)) => {
            errln!("error: {message}");
            code
        }
    }
}

type Outcome = Result<PathBuf, (u8, String)>;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

/// The id given with `--id`, checked, or else the one derived from `name` (SPEC §8).
fn file_id(name: &str, given: Option<&str>) -> Result<String, (u8, String)> {
    if let Some(given) = given {
        let given = id::nfc(given);
        if !id::is_valid(&given) {
            return Err((USAGE_ERROR, format!("`{given}` is not a valid id: {}", id::explain(&given))));
        }
        return Ok(given);
    }
    id::derive(name).ok_or_else(|| {
        (USAGE_ERROR, format!("cannot make an id from `{name}`: it has no letters or digits; give one with --id"))
    })
}

fn write_new(path: &Path, text: &str) -> Outcome {
    if path.exists() {
        return Err((USAGE_ERROR, format!("{} already exists", path.display())));
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| (USAGE_ERROR, format!("cannot create {}: {e}", dir.display())))?;
    }
    std::fs::write(path, text).map_err(|e| (USAGE_ERROR, format!("cannot write {}: {e}", path.display())))?;
    Ok(path.to_path_buf())
}

fn journey(source: &Path, name: &str, given: Option<&str>) -> Outcome {
    let slug = file_id(name, given)?;
    let path = source.join("content/journeys").join(format!("{slug}.yaml"));
    let schema = if source.join("schema/journey.schema.json").is_file() {
        "# yaml-language-server: $schema=../../schema/journey.schema.json\n"
    } else {
        ""
    };
    let text = format!(
        "{schema}title: {title}
state: current
updated: {today}
tags: []
summary: |
  Who walks this journey, and what they are trying to get done.
stages:
  - name: Awareness
    goal: What the customer wants at this point
    doing: [What they do]
    thinking: [\"What they ask themselves\"]
    feeling: How they feel
    emotion: 3
    touchpoints:
      - name: First contact
        channel: web
    pain_points: []
    opportunities: []
  - name: Consideration
    goal: Decide whether this is for them
    emotion: 3
  - name: Purchase
    goal: Get started without surprises
    emotion: 3
",
        title = quoted(name),
        today = today()
    );
    write_new(&path, &text)
}

fn note(
    source: &Path,
    title: &str,
    given: Option<&str>,
    journey: Option<&str>,
    stage: Option<&str>,
    kind: &str,
) -> Outcome {
    if NoteKind::parse(kind).is_none() {
        let kinds = NoteKind::words();
        let d = crate::suggest::nearest(kind, kinds.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        return Err((USAGE_ERROR, format!("`{kind}` is not a kind of note ({}){d}", kinds.join(", "))));
    }
    if let Some(journey_id) = journey {
        check_reference(source, journey_id, stage)?;
    }
    let slug = file_id(title, given)?;
    let today = today();
    let path = source.join("content/insights").join(today.format("%Y").to_string()).join(format!("{slug}.md"));
    let mut front = format!("---\ntitle: {}\ndate: {today}\nkind: {kind}\n", quoted(title));
    if let Some(j) = journey {
        front.push_str(&format!("journey: {j}\n"));
    }
    if let Some(s) = stage {
        front.push_str(&format!("stage: {s}\n"));
    }
    front.push_str(
        "tags: []\nconfidence: medium\n---\n\nWhat did you learn, from whom, and what should change because of it?\n",
    );
    write_new(&path, &front)
}

/// The journey (and stage) must exist, so the new note validates.
fn check_reference(source: &Path, journey_id: &str, stage: Option<&str>) -> Result<(), (u8, String)> {
    let mut diagnostics = Diagnostics::default();
    let loaded = project::load(source, &mut diagnostics);
    let ids: Vec<&str> = loaded.journeys.iter().map(|j| j.id.as_str()).collect();
    let Some(j) = loaded.journeys.iter().find(|j| j.id == journey_id) else {
        let hint =
            crate::suggest::nearest(journey_id, ids).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
        return Err((CONTENT_ERROR, format!("there is no journey `{journey_id}`{hint}")));
    };
    if let Some(stage_id) = stage {
        if !j.stages.iter().any(|s| s.id == stage_id) {
            let hint = crate::suggest::nearest(stage_id, j.stages.iter().map(|s| s.id.as_str()))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err((CONTENT_ERROR, format!("journey `{journey_id}` has no stage `{stage_id}`{hint}")));
        }
    }
    Ok(())
}
