//! E035: lane ids in `lanes:`, `custom_lanes:` and stages' `custom:` must name real lanes
//! (SPEC §3.1).

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::action::Word;
use crate::model::lanes::{is_builtin, BuiltinLane, CustomLane};
use crate::project::fields::Spanned;
use crate::project::Project;

/// Checks the config's lanes, then each journey's against the config's.
pub fn check(project: &Project, diagnostics: &mut Diagnostics) {
    let config = &project.config;
    let config_file = "journeybook.yaml";
    let mut declared: Vec<(&CustomLane, &str)> = Vec::new();
    declare(&config.custom_lanes, config_file, &mut declared, diagnostics);
    if let Some(order) = &config.lanes {
        listed(order, &declared, config_file, diagnostics);
    }
    for j in &project.journeys {
        let mut known = declared.clone();
        declare(&j.custom_lanes, &j.file, &mut known, diagnostics);
        if let Some(order) = &j.lanes {
            listed(order, &known, &j.file, diagnostics);
        }
        for s in &j.stages {
            for cell in &s.custom {
                if known.iter().any(|(l, _)| l.id == cell.lane) {
                    continue;
                }
                diagnostics.push(
                    Diagnostic::error("E035", &j.file, cell.pos, format!("no custom lane `{}` is declared", cell.lane))
                        .suggest(&cell.lane, known.iter().map(|(l, _)| l.id.as_str()))
                        .with_default_help("declare it under `custom_lanes:` in the journey or in journeybook.yaml"),
                );
            }
        }
    }
}

/// Adds `lanes` (declared in `file`) to `known`, reporting built-in ids and repeats.
fn declare<'a>(
    lanes: &'a [CustomLane],
    file: &'a str,
    known: &mut Vec<(&'a CustomLane, &'a str)>,
    diagnostics: &mut Diagnostics,
) {
    for lane in lanes {
        if is_builtin(&lane.id) {
            diagnostics.push(
                Diagnostic::error(
                    "E035",
                    file,
                    lane.pos,
                    format!("custom lane `{}` has a built-in lane's id", lane.id),
                )
                .with_help(format!(
                    "a built-in lane needs no declaration: list `{}` in `lanes`, or choose another id",
                    lane.id
                )),
            );
        } else if let Some((first, first_file)) = known.iter().find(|(l, _)| l.id == lane.id) {
            diagnostics.push(
                Diagnostic::error("E035", file, lane.pos, format!("custom lane `{}` is declared twice", lane.id))
                    .with_help(format!("the first is at {first_file}:{}:{}", first.pos.line, first.pos.column)),
            );
        } else {
            known.push((lane, file));
        }
    }
}

/// Reports ids in a `lanes:` list that name no lane, and ids listed twice.
fn listed(order: &[Spanned<String>], custom: &[(&CustomLane, &str)], file: &str, diagnostics: &mut Diagnostics) {
    let known = || BuiltinLane::WORDS.iter().map(|(id, _)| *id).chain(custom.iter().map(|(l, _)| l.id.as_str()));
    for (i, lane) in order.iter().enumerate() {
        if !known().any(|k| k == lane.value) {
            diagnostics.push(
                Diagnostic::error("E035", file, lane.pos, format!("unknown lane `{}`", lane.value))
                    .suggest(&lane.value, known())
                    .with_default_help("lanes are the built-in ones of SPEC §3.1 and those under `custom_lanes:`"),
            );
        } else if let Some(first) = order[..i].iter().find(|l| l.value == lane.value) {
            diagnostics.push(
                Diagnostic::error("E035", file, lane.pos, format!("lane `{}` is listed twice", lane.value))
                    .with_help(format!("the first is at line {}, column {}", first.pos.line, first.pos.column)),
            );
        }
    }
}
