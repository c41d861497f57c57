//! Which pages depend on which sources, for `serve`: after any edit of existing files under
//! `content/` (a journey, a persona, a note, a CSV file), the project is read again, compared
//! with the previous one, and only the pages that show something that changed are rendered.
//!
//! The comparison is of the model, not of files, so a CSV row reaches exactly the journeys
//! whose metrics it moves. Anything that changes what pages exist (a new or deleted file, a
//! changed id, a draft flag, a compared pair) or how all of them look (the configuration,
//! templates, static files) is left to a full build, so a page is never stale. A page made
//! from more than the journeys, personas and notes must be added to [`affected`].

use std::collections::{BTreeSet, HashSet};

use rayon::prelude::*;

use super::{content_of, data_files, model, render_markdown, render_pages, Live, Purpose, Timings, DATA_FILES};
use crate::diagnostic::Diagnostics;
use crate::project::{Project, Texts};
use crate::render::pages::{self, Content, Key};
use crate::render::search;
use crate::route::Route;

/// Remakes the pages that depend on the `changed` files; `None` when the change needs a full
/// build (or has errors, which a full build reports). The pages drawn from the whole playbook
/// ([`whole_playbook`]) and the data files are made last: `early` is first given the site
/// with every other page made, and the files still to come.
pub fn content(live: &mut Live, changed: &[String], early: super::Early) -> Option<usize> {
    if changed.is_empty() || !changed.iter().all(|f| f.starts_with("content/")) {
        return None;
    }
    let mut diagnostics = Diagnostics::default();
    let previous = crate::project::Previous { project: &live.project, changed };
    let mut project = model(
        &live.root,
        &live.options,
        Some(previous),
        Purpose::Pages,
        Texts::All,
        &mut diagnostics,
        &mut Timings::default(),
    );
    if diagnostics.has_errors() || !same_structure(&live.project, &project) {
        return None;
    }
    // Link targets depend only on the structure, so an unchanged note renders as before:
    // loading took it, body and all, from the previous project.
    let unchanged = unchanged_notes(&live.project, &project);
    render_markdown(&mut project, &mut diagnostics, &unchanged, Some(&live.project.journeys), crate::markdown::render);
    if diagnostics.has_errors() {
        return None;
    }
    let changes = Changes::between(&live.project, &project, &unchanged, changed);
    // The words of the changed notes replace their old ones in place: should this update
    // fail, the full build that follows makes them all again.
    for note in project.notes.iter().filter(|n| !unchanged.contains(n.file.as_str())) {
        live.note_words.insert(note.id.clone(), search::note_words(note));
    }
    // Evidence counts and links reach pages all over the site: a note that backs something
    // takes a full build.
    let backs = |p: &Project| p.notes.iter().any(|n| changes.notes.contains(&n.id) && backs_something(p, &n.id));
    if backs(&live.project) || backs(&project) {
        return None;
    }
    let mut sparklines = live.sparklines.clone();
    for &j in &changes.journeys {
        sparklines[j] =
            pages::sparklines(&live.renderer, &project.config, std::slice::from_ref(&project.journeys[j])).pop()?;
    }
    let count = {
        let history = live.options.history;
        let (old, new) = rayon::join(
            || content_of(&live.renderer, &live.project, &live.sparklines, history, Vec::new()),
            || content_of(&live.renderer, &project, &sparklines, history, Vec::new()),
        );
        let keys = pages::keys(&new);
        if keys != pages::keys(&old) || !same_addresses(&old, &new) {
            return None;
        }
        let evidence = [cited_by_changed(&old, &changes), cited_by_changed(&new, &changes)];
        let keys: Vec<Key> = keys.into_iter().filter(|k| affected(&old, &new, &changes, &evidence, k)).collect();
        let (later, first): (Vec<Key>, Vec<Key>) = keys.iter().cloned().partition(|k| whole_playbook(k).is_some());
        let memory = super::output::Memory::default();
        render_pages(&live.renderer, &new, &first, &memory).ok()?;
        live.files.extend(super::shared(memory));
        let mut pending: HashSet<String> = later.iter().filter_map(whole_playbook).map(|r| r.file()).collect();
        pending.extend(DATA_FILES.map(String::from));
        early(&live.files, &pending);
        let memory = super::output::Memory::default();
        render_pages(&live.renderer, &new, &later, &memory).ok()?;
        data_files(&new, &live.note_words, !changes.journeys.is_empty(), &memory).ok()?;
        live.files.extend(super::shared(memory));
        keys.len()
    };
    // Freeing the previous project takes as long as rendering a few pages; the browser need
    // not wait for it.
    let previous = std::mem::replace(&mut live.project, project);
    std::thread::spawn(move || drop(previous));
    live.sparklines = sparklines;
    Some(count)
}

/// The route of `key` when it is a page drawn from every journey of the playbook: the slowest
/// pages to make, and seldom the one open while a journey, a persona or a CSV file is edited.
fn whole_playbook(key: &Key) -> Option<Route<'static>> {
    match key {
        Key::PainPoints => Some(Route::PainPoints),
        Key::Opportunities => Some(Route::Opportunities),
        Key::Roadmap => Some(Route::Roadmap),
        Key::Metrics => Some(Route::Metrics),
        _ => None,
    }
}

/// Whether `new` has the same files, ids, drafts and configuration as `old`: the same pages,
/// at the same addresses, with the same links between them.
fn same_structure(old: &Project, new: &Project) -> bool {
    let journeys = |p: &Project| p.journeys.iter().map(|j| (j.id.clone(), j.file.clone())).collect::<Vec<_>>();
    let personas = |p: &Project| p.personas.iter().map(|x| (x.id.clone(), x.file.clone())).collect::<Vec<_>>();
    let notes = |p: &Project| p.notes.iter().map(|n| (n.id.clone(), n.file.clone(), n.draft)).collect::<Vec<_>>();
    old.sources.keys().eq(new.sources.keys())
        && old.static_files == new.static_files
        && journeys(old) == journeys(new)
        && personas(old) == personas(new)
        && notes(old) == notes(new)
        && json(&old.config) == json(&new.config)
}

/// Whether every page of `new` has the address of the page with the same key in `old`
/// (journey, persona and note ids are already the same).
fn same_addresses(old: &Content, new: &Content) -> bool {
    let stages =
        |c: &Content| c.journeys.iter().flat_map(|j| j.stages.iter().map(|s| s.id.clone())).collect::<Vec<_>>();
    let tags = |c: &Content| c.tags.iter().map(|t| t.slug.clone()).collect::<Vec<_>>();
    old.pairs == new.pairs && stages(old) == stages(new) && tags(old) == tags(new)
}

fn json(value: &impl serde::Serialize) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// The files of the notes whose text is as before: a note is made from its own file alone.
fn unchanged_notes<'a>(old: &'a Project, new: &Project) -> HashSet<&'a str> {
    old.notes
        .iter()
        .filter(|n| old.sources.get(&n.file).is_some_and(|text| new.sources.get(&n.file) == Some(text)))
        .map(|n| n.file.as_str())
        .collect()
}

/// What changed between two projects of the same structure, as indexes into their lists
/// (the same in both) and ids.
struct Changes {
    journeys: BTreeSet<usize>,
    journey_ids: HashSet<String>,
    personas: HashSet<String>,
    /// Personas whose name changed: other pages show a persona by its name alone.
    persona_names: HashSet<String>,
    notes: HashSet<String>,
    /// Changed journeys whose notes' cards and pages change too: what those show of the
    /// journey a note is about ([`noted`]) changed.
    noted_journeys: HashSet<String>,
}

/// What a note's card and page show of the journey the note is about: its title and its
/// stages' names (see `NoteCard::new`), and its language and calendar, which the note's page
/// takes when the note has none (see `pages::locale`).
type Noted<'a> = (&'a str, Option<&'a str>, Option<crate::model::Calendar>, Vec<(&'a str, &'a str)>);

fn noted(j: &crate::model::Journey) -> Noted<'_> {
    let stages = j.stages.iter().map(|s| (s.id.as_str(), s.name.as_str())).collect();
    (&j.title, j.language.as_deref(), j.calendar, stages)
}

impl Changes {
    fn between(old: &Project, new: &Project, unchanged_notes: &HashSet<&str>, changed: &[String]) -> Changes {
        // Journeys also change through CSV files and notes through nothing else, so journeys
        // and personas are compared as pages see them, notes by their text. A journey is made
        // from its own file, the data, survey and event files and (for metrics by persona)
        // the personas: when only journey files and notes changed, a journey whose file reads
        // as before is as before.
        let only_journeys_and_notes =
            changed.iter().all(|c| c.starts_with("content/journeys/") || c.starts_with("content/insights/"));
        let same_file = |a: &crate::model::Journey| old.sources.get(&a.file) == new.sources.get(&a.file);
        let journeys: BTreeSet<usize> = old
            .journeys
            .par_iter()
            .zip(&new.journeys)
            .enumerate()
            .filter(|(_, (a, b))| !(only_journeys_and_notes && a.file == b.file && same_file(a)) && json(a) != json(b))
            .map(|(i, _)| i)
            .collect();
        Changes {
            journey_ids: journeys.iter().map(|&i| new.journeys[i].id.clone()).collect(),
            noted_journeys: journeys
                .iter()
                .filter(|&&i| noted(&old.journeys[i]) != noted(&new.journeys[i]))
                .map(|&i| new.journeys[i].id.clone())
                .collect(),
            journeys,
            personas: old
                .personas
                .iter()
                .zip(&new.personas)
                .filter(|(a, b)| json(a) != json(b))
                .map(|(a, _)| a.id.clone())
                .collect(),
            persona_names: old
                .personas
                .iter()
                .zip(&new.personas)
                .filter(|(a, b)| a.name != b.name)
                .map(|(a, _)| a.id.clone())
                .collect(),
            notes: old
                .notes
                .iter()
                .filter(|n| !unchanged_notes.contains(n.file.as_str()))
                .map(|n| n.id.clone())
                .collect(),
        }
    }

    fn is_empty(&self) -> bool {
        self.journeys.is_empty() && self.personas.is_empty() && self.notes.is_empty()
    }
}

/// The notes that a pain point of a changed journey of `content` names as evidence: their pages
/// list it by the names the journey gives it. Found once, not once a note.
fn cited_by_changed<'a>(content: &Content<'a>, changes: &Changes) -> HashSet<&'a str> {
    crate::model::action::pains(content.journeys)
        .filter(|(j, ..)| changes.journey_ids.contains(&j.id))
        .flat_map(|(.., p)| p.evidence.iter().map(|e| e.value.as_str()))
        .collect()
}

/// Whether the page `key` shows anything that `changes` changed, in the old content or the
/// new; `evidence` is [`cited_by_changed`] of each.
fn affected(old: &Content, new: &Content, changes: &Changes, evidence: &[HashSet<&str>; 2], key: &Key) -> bool {
    let both = [old, new];
    let journey_changed = |id: &str| changes.journey_ids.contains(id);
    // A journey's card, page and diagram show its personas by name alone; its card also shows
    // the title of the journey it zooms into.
    let card_changed = |c: &Content, j: usize| {
        let journey = &c.journeys[j];
        journey_changed(&journey.id)
            || journey.parent.as_ref().is_some_and(|p| journey_changed(&p.value))
            || journey.persona.iter().chain(&journey.personas).any(|p| changes.persona_names.contains(&p.value))
    };
    // A nested journey's pages name its parent, and the parent's pages link its children.
    let family_changed = |c: &Content, j: usize| {
        let journey = &c.journeys[j];
        journey.parent.as_ref().is_some_and(|p| journey_changed(&p.value))
            || c.journeys
                .iter()
                .any(|k| k.parent.as_ref().is_some_and(|p| p.value == journey.id) && journey_changed(&k.id))
    };
    // A note's card shows its journey's and stage's titles.
    let note_changed = |c: &Content, n: usize| {
        let note = c.notes[n];
        changes.notes.contains(&note.id)
            || note.journey.as_ref().is_some_and(|j| changes.noted_journeys.contains(&j.value))
    };
    let notes_of =
        |c: &Content, id: &str| c.notes_by_journey.get(id).is_some_and(|ns| ns.iter().any(|&n| note_changed(c, n)));
    match key {
        Key::Home => !changes.is_empty(),
        Key::Journeys(_) => both.iter().any(|c| (0..c.journeys.len()).any(|j| card_changed(c, j))),
        Key::Personas => !changes.personas.is_empty(),
        // The order of notes changes only with a note; then every list page may change.
        Key::Insights(p) => {
            let shown = (p.max(&1) - 1) * pages::PAGE_SIZE..(*p * pages::PAGE_SIZE).min(new.notes.len());
            !changes.notes.is_empty() || shown.into_iter().any(|n| note_changed(new, n))
        }
        Key::Tags => !changes.journeys.is_empty() || !changes.notes.is_empty(),
        Key::Tag(t, _) => {
            let slug = &new.tags[*t].slug;
            both.iter().any(|c| {
                c.tags.iter().filter(|tag| &tag.slug == slug).any(|tag| {
                    tag.journeys.iter().any(|&j| card_changed(c, j)) || tag.notes.iter().any(|&n| note_changed(c, n))
                })
            })
        }
        Key::PainPoints | Key::Opportunities | Key::Roadmap | Key::Metrics => !changes.journeys.is_empty(),
        Key::Journey(j) => both.iter().any(|c| {
            let id = c.journeys[*j].id.as_str();
            let partners = c.pairs.iter().filter_map(|&(a, b)| match (a == *j, b == *j) {
                (true, _) => Some(b),
                (_, true) => Some(a),
                _ => None,
            });
            let compared = c.journeys[*j].compare_to.as_ref().is_some_and(|o| journey_changed(&o.value));
            card_changed(c, *j)
                || family_changed(c, *j)
                || notes_of(c, id)
                || compared
                || partners.into_iter().any(|o| card_changed(c, o))
        }),
        Key::Stage(j, s) => both.iter().any(|c| {
            let journey = &c.journeys[*j];
            let stage = journey.stages.get(*s).map_or("", |s| s.id.as_str());
            let notes = c.notes_by_stage.get(&(journey.id.as_str(), stage));
            card_changed(c, *j)
                || family_changed(c, *j)
                || notes.is_some_and(|ns| ns.iter().any(|&n| note_changed(c, n)))
        }),
        // A persona's page draws the journeys whose `personas` name it (see
        // `pages::lists::persona`), with their cards: a changed card redraws the pages of the
        // personas its journey names, before or after the change, and a changed persona name
        // redraws them all.
        Key::Persona(p) => {
            !changes.persona_names.is_empty()
                || both.iter().any(|c| {
                    let id = c.personas[*p].id.as_str();
                    changes.personas.contains(id)
                        || c.journeys
                            .iter()
                            .enumerate()
                            .any(|(k, j)| j.personas.iter().any(|r| r.value == id) && card_changed(c, k))
                })
        }
        // A note's page lists what it backs, by the names the journeys give them.
        Key::Note(n) => both.iter().zip(evidence).any(|(c, cited)| {
            let note = c.notes[*n];
            note_changed(c, *n)
                || note.supports.iter().any(|r| r.value.split('/').next().is_some_and(journey_changed))
                || cited.contains(note.id.as_str())
        }),
        Key::Compare(a, b) => both.iter().any(|c| card_changed(c, *a) || card_changed(c, *b)),
        Key::NotFound => false,
    }
}

/// Whether the note `id` backs a pain point or opportunity: it supports one, or one names it.
fn backs_something(project: &Project, id: &str) -> bool {
    project.notes.iter().any(|n| n.id == id && !n.supports.is_empty())
        || project.journeys.iter().any(|j| backs_something_in(j, id))
}

/// Whether a pain point of `journey` names the note `id` as evidence.
fn backs_something_in(journey: &crate::model::Journey, id: &str) -> bool {
    crate::model::action::pains(std::slice::from_ref(journey)).any(|(.., p)| p.evidence.iter().any(|e| e.value == id))
}
