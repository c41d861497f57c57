//! Remaking only the pages a change affects, for `serve`. The one case handled is the common
//! one, editing existing notes; anything else (a journey, the config, a template, a new or
//! deleted file, a draft flag) is left to a full build, so a page is never stale.

use std::collections::BTreeSet;

use super::output::Sink;
use super::{link_targets, render_pages, Live};
use crate::diagnostic::Diagnostics;
use crate::markdown;
use crate::model::Note;
use crate::project::{self, note};
use crate::render::pages::{self, Key};
use crate::validate;

/// What list pages show of a note; if this is unchanged, only the note's own page changes.
fn listing(n: &Note) -> impl PartialEq + '_ {
    let refs = (
        n.journey.as_ref().map(|r| &r.value),
        n.stage.as_ref().map(|r| &r.value),
        n.touchpoint.as_ref().map(|r| &r.value),
    );
    (&n.title, n.date, refs, n.kind, &n.tags, &n.author, n.confidence, n.draft, &n.body.excerpt)
}

/// Whether `n` supports a pain point or opportunity, or one names it as evidence.
fn backs_something(project: &crate::project::Project, n: &Note) -> bool {
    let named =
        crate::model::action::pains(&project.journeys).any(|(.., p)| p.evidence.iter().any(|e| e.value == n.id));
    named || !n.supports.is_empty()
}

/// Remakes the pages of the changed notes; `None` when the change needs a full build.
pub fn notes(live: &mut Live, changed: &[String]) -> Option<usize> {
    if changed.is_empty() || !changed.iter().all(|f| f.starts_with("content/insights/") && f.ends_with(".md")) {
        return None;
    }
    let mut diagnostics = Diagnostics::default();
    let mut replacements = Vec::new();
    for file in changed {
        let index = live.project.notes.iter().position(|n| &n.file == file)?;
        let path = live.root.join(file);
        let text = project::read_text(&live.root, &path, live.project.config.max_file_size, &mut diagnostics)?;
        let id = live.project.notes[index].id.clone();
        let new = note::parse(&text, file, id, &mut diagnostics)?;
        if new.draft != live.project.notes[index].draft || diagnostics.has_errors() {
            return None;
        }
        // Evidence (SPEC §10) shows a note on pain-point, stage and map pages and in
        // `playbook.json`: a note that backs something takes a full build.
        if backs_something(&live.project, &live.project.notes[index]) || !new.supports.is_empty() {
            return None;
        }
        replacements.push((index, new, text));
    }
    let targets = link_targets(&live.project);
    for (_, new, _) in &mut replacements {
        markdown::render(&mut new.body, &new.file, &targets, &mut diagnostics);
    }
    if diagnostics.has_errors() {
        return None;
    }
    // Swap the new notes in, keeping the old ones to restore if a rule now fails.
    let mut old_notes = Vec::new();
    for (index, new, text) in replacements {
        live.project.sources.insert(new.file.clone(), text);
        old_notes.push((index, std::mem::replace(&mut live.project.notes[index], new)));
    }
    validate::check(&live.project, &mut diagnostics);
    if diagnostics.has_errors() {
        for (index, old) in old_notes {
            live.project.notes[index] = old;
        }
        return None;
    }
    let mut ids = BTreeSet::new();
    let mut listed_changed = false;
    let mut journeys = BTreeSet::new();
    let mut stages = BTreeSet::new();
    let mut tags = BTreeSet::new();
    for (index, old) in &old_notes {
        let new = &live.project.notes[*index];
        ids.insert(new.id.clone());
        if listing(old) == listing(new) {
            continue;
        }
        listed_changed = true;
        for n in [old, new] {
            if let Some(j) = &n.journey {
                journeys.insert(j.value.clone());
                if let Some(s) = &n.stage {
                    stages.insert((j.value.clone(), s.value.clone()));
                }
            }
            tags.extend(n.tags.iter().filter_map(|t| crate::model::id::derive(t)));
        }
    }
    for (index, _) in &old_notes {
        let note = &live.project.notes[*index];
        live.note_words.insert(note.id.clone(), crate::render::search::note_words(note));
    }
    let content = live.content();
    let keys: Vec<Key> = pages::keys(&content)
        .into_iter()
        .filter(|key| match key {
            Key::Note(i) => ids.contains(&content.notes[*i].id),
            Key::Home | Key::Insights(_) | Key::Tags => listed_changed,
            Key::Journey(j) => journeys.contains(&content.journeys[*j].id),
            Key::Stage(j, s) => {
                let journey = &content.journeys[*j];
                stages.contains(&(journey.id.clone(), journey.stages[*s].id.clone()))
            }
            Key::Tag(t, _) => tags.contains(&content.tags[*t].slug),
            _ => false,
        })
        .collect();
    // List pages of a tag can shrink; a full build handles the page count changing.
    let memory = crate::site::output::Memory::default();
    render_pages(&live.renderer, &content, &keys, &memory).ok()?;
    // The search index holds every note's words and titles. `playbook.json` lists each note's
    // title, date, kind, confidence and place, so it changes only with what lists show; the
    // other files (assets, sitemap, `metrics.json`) do not depend on notes' text at all.
    let index = crate::render::search::index(&content, &live.note_words);
    memory.put("search-index.json", index).ok()?;
    if listed_changed {
        memory.put("playbook.json", crate::render::playbook::json(&content)).ok()?;
    }
    drop(content);
    if diagnostics.has_errors() {
        return None;
    }
    let count = keys.len();
    let rendered = super::shared(memory);
    live.files.extend(rendered);
    Some(count)
}
