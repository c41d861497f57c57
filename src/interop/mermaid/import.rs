//! A diagram as a journey file: stage ids that `check` accepts, distinct touchpoint names, and
//! the persona its actors name.

use std::collections::HashSet;

use super::Diagram;
use crate::model::id;

/// What the journey file needs besides the diagram.
#[derive(Debug, Clone, Copy, Default)]
pub struct Target<'a> {
    /// Written as `id:` when the file's name does not give the journey's id.
    pub id: Option<&'a str>,
    /// The title when the diagram has none (neither `title` nor `accTitle`).
    pub fallback_title: &'a str,
    /// The persona the journey follows, by id.
    pub persona: Option<&'a str>,
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialise")
}

/// The journey file (YAML) for a diagram.
pub fn to_yaml(diagram: &Diagram, target: &Target) -> String {
    let title = diagram.heading().unwrap_or(target.fallback_title);
    let mut out = format!("title: {}\n", quote(title));
    if let Some(id) = target.id {
        out.push_str(&format!("id: {id}\n"));
    }
    if let Some(persona) = target.persona {
        out.push_str(&format!("persona: {persona}\n"));
    }
    if !diagram.description.is_empty() {
        out.push_str(&format!("summary: {}\n", quote(&diagram.description)));
    }
    out.push_str("stages:\n");
    for (section, stage_id) in diagram.sections.iter().zip(stage_ids(diagram)) {
        out.push_str(&format!("  - name: {}\n", quote(&section.name)));
        if let Some(stage_id) = stage_id {
            out.push_str(&format!("    id: {stage_id}\n"));
        }
        if section.tasks.is_empty() {
            continue;
        }
        out.push_str("    touchpoints:\n");
        for t in &section.tasks {
            out.push_str(&format!("      - name: {}\n", quote(&t.name)));
            if let Some(score) = t.score {
                out.push_str(&format!("        emotion: {score}\n"));
            }
            if !t.actors.is_empty() {
                let actors: Vec<String> = t.actors.iter().map(|a| quote(a)).collect();
                out.push_str(&format!("        actors: [{}]\n", actors.join(", ")));
            }
        }
    }
    out
}

/// For each section, the id to write: `None` where the one derived from its name will do;
/// `stage-N` where the name gives none; a `-2`, `-3` … suffix where a name repeats.
fn stage_ids(diagram: &Diagram) -> Vec<Option<String>> {
    let mut used = HashSet::new();
    let mut out = Vec::new();
    for (i, section) in diagram.sections.iter().enumerate() {
        let derived = id::derive(&section.name);
        let base = derived.clone().unwrap_or_else(|| format!("stage-{}", i + 1));
        let mut candidate = base.clone();
        let mut n = 2;
        while used.contains(&candidate) {
            let suffix = format!("-{n}");
            let room = id::MAX_LEN - suffix.len();
            let cut = base.char_indices().nth(room).map_or(base.as_str(), |(at, _)| &base[..at]);
            candidate = format!("{}{suffix}", cut.trim_end_matches('-'));
            n += 1;
        }
        used.insert(candidate.clone());
        out.push((Some(&candidate) != derived.as_ref()).then_some(candidate));
    }
    out
}

/// Gives repeated task names within a section a ` (2)`, ` (3)` … suffix, as a stage's
/// touchpoints need distinct names. Returns the new names.
pub fn distinct_task_names(diagram: &mut Diagram) -> Vec<String> {
    let mut renamed = Vec::new();
    for section in &mut diagram.sections {
        let mut used: HashSet<String> = HashSet::new();
        for task in &mut section.tasks {
            let mut n = 2;
            let base = task.name.clone();
            while used.contains(&task.name) {
                task.name = format!("{base} ({n})");
                n += 1;
            }
            if task.name != base {
                renamed.push(task.name.clone());
            }
            used.insert(task.name.clone());
        }
    }
    renamed
}

/// Every actor named in the diagram, in order of first appearance.
pub fn actors(diagram: &Diagram) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in diagram.sections.iter().flat_map(|s| &s.tasks).flat_map(|t| &t.actors) {
        if !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

/// The persona (by id) that the most tasks name as an actor, by its id or its name; `personas`
/// holds `(id, name)` pairs. A task whose only actor is that persona then lists no actor, as a
/// touchpoint without actors belongs to its journey's persona.
pub fn link_persona(diagram: &mut Diagram, personas: &[(String, String)]) -> Option<String> {
    let find = |actor: &str| personas.iter().position(|(id, name)| actor == id || actor == name);
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for task in diagram.sections.iter().flat_map(|s| &s.tasks) {
        let mut named: Vec<usize> = task.actors.iter().filter_map(|a| find(a)).collect();
        named.sort_unstable();
        named.dedup();
        for p in named {
            match counts.iter_mut().find(|(q, _)| *q == p) {
                Some((_, n)) => *n += 1,
                None => counts.push((p, 1)),
            }
        }
    }
    let best = counts.iter().fold(None, |best: Option<(usize, usize)>, &(p, n)| match best {
        Some((_, m)) if m >= n => best,
        _ => Some((p, n)),
    })?;
    for task in diagram.sections.iter_mut().flat_map(|s| &mut s.tasks) {
        if task.actors.len() == 1 && find(&task.actors[0]) == Some(best.0) {
            task.actors.clear();
        }
    }
    Some(personas[best.0].0.clone())
}
