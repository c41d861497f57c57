//! References of SPEC §10 (evidence, fixes, targets, supports, parent, parent_stage), each
//! checked to name something (E033, with the nearest valid name), and cycles of parents (E034).

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::action::{opportunities, pains, split_reference};
use crate::model::{reference, Journey};
use crate::project::fields::Spanned;
use crate::project::Project;

/// Checks every reference of SPEC §10 and the parent chain of every journey.
pub fn check(project: &Project, diagnostics: &mut Diagnostics) {
    let notes: BTreeSet<&str> = project.notes.iter().map(|n| n.id.as_str()).collect();
    // Pain point ids, and all item ids, as (journey, id); joined as `<journey>/<id>`, in order,
    // only to suggest one for a reference that names none.
    let pain_ids: HashSet<(&str, &str)> = pains(&project.journeys).map(|(j, _, _, p)| (&*j.id, &*p.id)).collect();
    let mut item_ids = pain_ids.clone();
    item_ids.extend(opportunities(&project.journeys).map(|(j, _, _, o)| (&*j.id, &*o.id)));
    // Made on the first reference that needs them, once: a playbook with many broken
    // references must not sort every id again for each.
    let joined = |ids: &HashSet<(&str, &str)>| -> BTreeSet<String> {
        ids.iter().map(|(journey, id)| format!("{journey}/{id}")).collect()
    };
    let (mut pain_names, mut item_names) = (None, None);
    for (j, _, _, p) in pains(&project.journeys) {
        for e in &p.evidence {
            if !notes.contains(e.value.as_str()) {
                let message = format!("evidence `{}` names no insight note", e.value);
                diagnostics.push(unknown(&j.file, e, message, notes.iter().copied()));
            }
        }
    }
    let mut journey_metrics: Option<(&Journey, BTreeSet<String>)> = None;
    for (j, _, _, o) in opportunities(&project.journeys) {
        for f in &o.fixes {
            if !pain_ids.contains(&split_reference(&f.value, &j.id)) {
                let message = format!("`fixes` names no pain point `{}`", f.value);
                let all = pain_names.get_or_insert_with(|| joined(&pain_ids));
                let near = all.iter().map(|p| p.strip_prefix(&format!("{}/", j.id)).unwrap_or(p));
                diagnostics.push(unknown(&j.file, f, message, near));
            }
        }
        if o.targets.is_empty() {
            continue;
        }
        // A journey's opportunities come one after another: its metric ids are found once.
        let metrics = match journey_metrics.take() {
            Some((at, ids)) if std::ptr::eq(at, j) => ids,
            _ => metric_ids(j),
        };
        for t in &o.targets {
            if !metrics.contains(&t.value) {
                let message = format!("`targets` names no metric `{}` of journey `{}`", t.value, j.id);
                diagnostics.push(unknown(&j.file, t, message, metrics.iter().map(String::as_str)));
            }
        }
        journey_metrics = Some((j, metrics));
    }
    for n in &project.notes {
        for s in &n.supports {
            let full = match (s.value.split_once('/'), &n.journey) {
                (None, Some(j)) => Some((j.value.as_str(), s.value.as_str())),
                (split, _) => split,
            };
            if !full.is_some_and(|id| item_ids.contains(&id)) {
                let message = format!("`supports` names no pain point or opportunity `{}`", s.value);
                let all = item_names.get_or_insert_with(|| joined(&item_ids));
                let d = unknown(&n.file, s, message, all.iter().map(String::as_str));
                diagnostics.push(d.with_default_help("write `<journey>/<pain point or opportunity id>`"));
            }
        }
    }
    parents(project, diagnostics);
    photos(project, diagnostics);
}

/// A persona's `photo` is a URL or a file under `static/` (SPEC §4).
fn photos(project: &Project, diagnostics: &mut Diagnostics) {
    let files: BTreeSet<&str> = project.static_files.iter().map(|(rel, _)| rel.as_str()).collect();
    for p in &project.personas {
        let Some(photo) = &p.photo else { continue };
        let path = photo.value.trim().trim_start_matches('/');
        let url = photo.value.starts_with("https://") || photo.value.starts_with("http://");
        if !url && !files.contains(path) {
            let message = format!("photo `{}` is not a file under static/", photo.value);
            diagnostics.push(unknown(&p.file, photo, message, files.iter().copied()));
        }
    }
}

/// E033 at `reference` with the nearest of `candidates`.
fn unknown<'a>(
    file: &str,
    reference: &Spanned<String>,
    message: String,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    Diagnostic::error("E033", file, reference.span(), message).suggest(&reference.value, candidates)
}

/// The metric ids an opportunity of `j` may target: journey-level ones and `<stage>/<metric>`.
fn metric_ids(j: &Journey) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = j.metric_inputs.iter().map(|m| m.id.clone()).collect();
    for s in &j.stages {
        ids.extend(s.metric_inputs.iter().map(|m| format!("{}/{}", s.id, m.id)));
    }
    let has = |id: &str| j.metric_inputs.iter().any(|m| m.id == id);
    if has("cltv") && has("cac") {
        ids.insert("ltv_cac_ratio".into());
    }
    ids
}

fn parents(project: &Project, diagnostics: &mut Diagnostics) {
    let by_id: HashMap<&str, &Journey> = project.journeys.iter().map(|j| (j.id.as_str(), j)).collect();
    for j in &project.journeys {
        let Some(parent) = &j.parent else { continue };
        let Some(wider) = by_id.get(parent.value.as_str()).filter(|w| w.id != j.id) else {
            let message = format!("`parent` names no other journey `{}`", parent.value);
            let others = by_id.keys().copied().filter(|id| *id != j.id);
            diagnostics.push(unknown(&j.file, parent, message, others));
            continue;
        };
        if let Some(stage) = &j.parent_stage {
            if let Err(mut d) = reference::stage(wider, &stage.value, &j.file, stage.span()) {
                if d.code == "E042" {
                    d.code = "E033";
                    d.message = format!("`parent_stage` names no stage `{}` of `{}`", stage.value, wider.id);
                }
                diagnostics.push(d);
            }
        }
        if let Some(cycle) = cycle_from(j, &by_id) {
            diagnostics.push(
                Diagnostic::error("E034", &j.file, parent.span(), format!("journeys' parents form a cycle: {cycle}"))
                    .with_help("a journey cannot sit inside itself; remove one `parent`"),
            );
        }
    }
}

/// The cycle `j`'s parents lead back to `j` through, as `a → b → a`, if they do.
fn cycle_from(j: &Journey, by_id: &HashMap<&str, &Journey>) -> Option<String> {
    let mut path = vec![j.id.as_str()];
    let mut at = j;
    while let Some(parent) = at.parent.as_ref().and_then(|p| by_id.get(p.value.as_str())) {
        if parent.id == j.id {
            path.push(&j.id);
            return Some(path.join(" → "));
        }
        if path.contains(&parent.id.as_str()) {
            return None;
        }
        path.push(&parent.id);
        at = parent;
    }
    None
}
