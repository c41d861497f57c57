//! Rules that span files: references, unique ids, the one primary persona, the theme.
//!
//! Each rule pushes diagnostics and goes on, so one run reports everything.

mod action;
mod lanes;
pub mod review;

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{id, reference, Journey};
use crate::project::Project;

/// Checks every cross-file rule of the contract.
pub fn check(project: &Project, diagnostics: &mut Diagnostics) {
    // The pain points and opportunities, the longest check on a large playbook, are checked
    // beside the rest. The order findings are gathered in is not what a person sees: they are
    // shown sorted by file, line and column (`Diagnostics::sorted`).
    let (found, actions) = rayon::join(
        || {
            let mut found = Diagnostics::default();
            unique_ids(project, &mut found);
            journey_references(project, &mut found);
            primary_personas(project, &mut found);
            note_references(project, &mut found);
            theme(project, &mut found);
            lanes::check(project, &mut found);
            crate::i18n::check(project, &mut found);
            found
        },
        || {
            let mut found = Diagnostics::default();
            action::check(project, &mut found);
            found
        },
    );
    diagnostics.extend(found);
    diagnostics.extend(actions);
    // Review warnings are about content that is otherwise sound; on a broken playbook they
    // would only bury the errors to fix first.
    if !diagnostics.has_errors() {
        review::check(project, diagnostics);
    }
}

fn unique_ids(project: &Project, diagnostics: &mut Diagnostics) {
    let mut journeys: BTreeMap<&str, &str> = BTreeMap::new();
    for j in &project.journeys {
        if let Some(first) = journeys.insert(&j.id, &j.file) {
            diagnostics.push(
                Diagnostic::error("E031", &j.file, j.id_pos, format!("two journeys have the id `{}`", j.id))
                    .with_help(format!("the other is {first}")),
            );
        }
    }
    let mut personas: BTreeMap<&str, &str> = BTreeMap::new();
    for p in &project.personas {
        if let Some(first) = personas.insert(&p.id, &p.file) {
            diagnostics.push(
                Diagnostic::error("E031", &p.file, p.id_pos, format!("two personas have the id `{}`", p.id))
                    .with_help(format!("the other is {first}")),
            );
        }
    }
}

fn journey_references(project: &Project, diagnostics: &mut Diagnostics) {
    let persona_ids: Vec<&str> = project.personas.iter().map(|p| p.id.as_str()).collect();
    let journey_ids: Vec<&str> = project.journeys.iter().map(|j| j.id.as_str()).collect();
    for j in &project.journeys {
        for persona in &j.personas {
            if !persona_ids.contains(&persona.value.as_str()) {
                diagnostics.push(
                    Diagnostic::error("E040", &j.file, persona.span(), format!("unknown persona `{}`", persona.value))
                        .suggest(&persona.value, persona_ids.iter().copied())
                        .with_default_help("personas live in content/personas/<id>.yaml"),
                );
            }
        }
        if let Some(other) = &j.compare_to {
            if other.value == j.id {
                diagnostics.push(Diagnostic::error(
                    "E041",
                    &j.file,
                    other.span(),
                    "a journey cannot be compared to itself",
                ));
            } else if !journey_ids.contains(&other.value.as_str()) {
                diagnostics.push(
                    Diagnostic::error("E041", &j.file, other.span(), format!("unknown journey `{}`", other.value))
                        .suggest(&other.value, journey_ids.iter().copied()),
                );
            }
        }
    }
}

fn primary_personas(project: &Project, diagnostics: &mut Diagnostics) {
    let primary: Vec<_> = project.personas.iter().filter(|p| p.primary).collect();
    for p in primary.iter().skip(1) {
        diagnostics.push(
            Diagnostic::error("E045", &p.file, p.primary_pos, "only one persona may be `primary: true`")
                .with_help(format!("{} is already the primary persona", primary[0].file)),
        );
    }
}

fn note_references(project: &Project, diagnostics: &mut Diagnostics) {
    let journey_ids: Vec<&str> = project.journeys.iter().map(|j| j.id.as_str()).collect();
    // The first journey of each id, as a search from the start finds it.
    let mut by_id: HashMap<&str, &Journey> = HashMap::with_capacity(project.journeys.len());
    for j in &project.journeys {
        by_id.entry(&j.id).or_insert(j);
    }
    for note in &project.notes {
        let Some(journey_ref) = &note.journey else { continue };
        let Some(&journey) = by_id.get(journey_ref.value.as_str()) else {
            diagnostics.push(
                Diagnostic::error(
                    "E041",
                    &note.file,
                    journey_ref.span(),
                    format!("unknown journey `{}`", journey_ref.value),
                )
                .suggest(&journey_ref.value, journey_ids.iter().copied()),
            );
            continue;
        };
        let Some(stage_ref) = &note.stage else { continue };
        let stage = match reference::stage(journey, &stage_ref.value, &note.file, stage_ref.span()) {
            Ok(stage) => stage,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        let Some(touchpoint) = &note.touchpoint else { continue };
        if !stage.touchpoints.iter().any(|t| t.name == touchpoint.value) {
            diagnostics.push(
                Diagnostic::error(
                    "E043",
                    &note.file,
                    touchpoint.span(),
                    format!("stage `{}` of `{}` has no touchpoint `{}`", stage.id, journey.id, touchpoint.value),
                )
                .suggest(&touchpoint.value, stage.touchpoints.iter().map(|t| t.name.as_str())),
            );
        }
    }
}

fn theme(project: &Project, diagnostics: &mut Diagnostics) {
    let name = &project.config.theme;
    if name == "default" {
        return;
    }
    let valid = id::is_valid(name);
    if !valid || !project.root.join("themes").join(name).is_dir() {
        let installed: Vec<String> = std::fs::read_dir(project.root.join("themes"))
            .map(|dir| dir.flatten().filter_map(|e| e.file_name().to_str().map(str::to_string)).collect())
            .unwrap_or_default();
        diagnostics.push(
            Diagnostic::error(
                "E060",
                "journeybook.yaml",
                project.config.theme_pos,
                format!("theme `{name}` is not in themes/"),
            )
            .suggest(name, installed.iter().map(String::as_str).chain(["default"]))
            .with_default_help("put the theme in themes/<name>/, or use `default`"),
        );
    }
}
