//! A diagram as a journey file: stage ids that `check` accepts, distinct touchpoint names, and
//! the persona its actors name.

use std::collections::{HashMap, HashSet};

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
    let mut names = Distinct::default();
    let mut out = Vec::new();
    for (i, section) in diagram.sections.iter().enumerate() {
        let derived = id::derive(&section.name);
        let base = derived.clone().unwrap_or_else(|| format!("stage-{}", i + 1));
        let candidate = names.claim(&base, |n| {
            let suffix = format!("-{n}");
            let room = id::MAX_LEN - suffix.len();
            let cut = base.char_indices().nth(room).map_or(base.as_str(), |(at, _)| &base[..at]);
            format!("{}{suffix}", cut.trim_end_matches('-'))
        });
        out.push((Some(&candidate) != derived.as_ref()).then_some(candidate));
    }
    out
}

/// Names handed out so far, and for each wanted name the next number to try.
#[derive(Default)]
struct Distinct {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

impl Distinct {
    /// `wanted` if free, else the first free `numbered(n)` for n = 2, 3 …; counting on from
    /// the last number given for `wanted`, so many repeats stay linear.
    fn claim(&mut self, wanted: &str, numbered: impl Fn(usize) -> String) -> String {
        let mut name = wanted.to_string();
        let next = self.next.entry(wanted.to_string()).or_insert(2);
        while self.used.contains(&name) {
            name = numbered(*next);
            *next += 1;
        }
        self.used.insert(name.clone());
        name
    }
}

/// Gives repeated task names within a section a ` (2)`, ` (3)` … suffix, as a stage's
/// touchpoints need distinct names. Returns the new names.
pub fn distinct_task_names(diagram: &mut Diagram) -> Vec<String> {
    let mut renamed = Vec::new();
    for section in &mut diagram.sections {
        let mut names = Distinct::default();
        for task in &mut section.tasks {
            let base = task.name.clone();
            task.name = names.claim(&base, |n| format!("{base} ({n})"));
            if task.name != base {
                renamed.push(task.name.clone());
            }
        }
    }
    renamed
}

/// Every actor named in the diagram, in order of first appearance.
pub fn actors(diagram: &Diagram) -> Vec<String> {
    let mut seen = HashSet::new();
    let all = diagram.sections.iter().flat_map(|s| &s.tasks).flat_map(|t| &t.actors);
    all.filter(|a| seen.insert(a.as_str())).cloned().collect()
}

/// The persona (by id) that the most tasks name as an actor, by its id or its name (or a name
/// that gives its id); `personas` holds `(id, name)` pairs. Such actors are given the
/// persona's name; a task whose
/// only actor is the chosen persona then lists no actor, as a touchpoint without actors
/// belongs to its journey's persona.
pub fn link_persona(diagram: &mut Diagram, personas: &[(String, String)]) -> Option<String> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, (id, name)) in personas.iter().enumerate().rev() {
        index.insert(name, i);
        index.insert(id, i);
        ids.insert(id, i);
    }
    // By id or name as written, else by the id the actor's name gives (`Office Manager`).
    let find = |actor: &str| {
        index.get(actor).or_else(|| id::derive(actor).and_then(|derived| ids.get(derived.as_str()))).copied()
    };
    // For each persona named: (order of first naming, number of tasks naming it).
    let mut counts: HashMap<usize, (usize, usize)> = HashMap::new();
    for task in diagram.sections.iter().flat_map(|s| &s.tasks) {
        let mut named = HashSet::new();
        for p in task.actors.iter().filter_map(|a| find(a)).filter(|p| named.insert(*p)) {
            let order = counts.len();
            counts.entry(p).or_insert((order, 0)).1 += 1;
        }
    }
    let (&best, _) = counts.iter().max_by_key(|(_, (order, n))| (*n, std::cmp::Reverse(*order)))?;
    for task in diagram.sections.iter_mut().flat_map(|s| &mut s.tasks) {
        for actor in &mut task.actors {
            if let Some(p) = find(actor).filter(|&p| !personas[p].1.is_empty()) {
                actor.clone_from(&personas[p].1);
            }
        }
        if task.actors.len() == 1 && find(&task.actors[0]) == Some(best) {
            task.actors.clear();
        }
    }
    Some(personas[best].0.clone())
}
