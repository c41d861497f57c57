//! Which language and calendar each page is in (SPEC §12): a journey's, persona's or note's
//! own, else the site's. A note about a journey without a language of its own takes the
//! journey's, so a Thai journey's notes read in Thai.

use std::collections::BTreeSet;

use super::{Content, Key};
use crate::model::{Calendar, Config, Journey, Note, Persona};

/// A page's language tag and calendar.
pub type PageLocale<'a> = (&'a str, Calendar);

/// The locale of the page `key` names.
pub fn of<'a>(content: &Content<'a>, key: &Key) -> PageLocale<'a> {
    let config = content.config;
    match key {
        Key::Journey(j) | Key::Stage(j, _) | Key::Compare(j, _) => journey(config, &content.journeys[*j]),
        Key::Persona(p) => persona(config, &content.personas[*p]),
        Key::Note(n) => {
            let note = content.notes[*n];
            self::note(config, note.journey.as_ref().and_then(|r| content.journey(&r.value)), note)
        }
        _ => (config.language.as_str(), config.calendar),
    }
}

/// The locale of a journey's pages.
pub fn journey<'a>(config: &'a Config, j: &'a Journey) -> PageLocale<'a> {
    (j.language.as_deref().unwrap_or(&config.language), j.calendar.unwrap_or(config.calendar))
}

fn persona<'a>(config: &'a Config, p: &'a Persona) -> PageLocale<'a> {
    (p.language.as_deref().unwrap_or(&config.language), config.calendar)
}

/// The locale of the page of `n`, a note about the journey `about`.
fn note<'a>(config: &'a Config, about: Option<&'a Journey>, n: &'a Note) -> PageLocale<'a> {
    let (language, calendar) = about.map_or((config.language.as_str(), config.calendar), |j| journey(config, j));
    (n.language.as_deref().unwrap_or(language), calendar)
}

/// Every locale some page of the site is in, the site's first.
pub fn all<'a>(
    config: &'a Config,
    journeys: &'a [Journey],
    personas: &'a [Persona],
    notes: &'a [Note],
) -> Vec<PageLocale<'a>> {
    let mut seen = BTreeSet::new();
    let site = (config.language.as_str(), config.calendar);
    let pages = journeys.iter().map(|j| journey(config, j));
    let pages = pages.chain(personas.iter().map(|p| persona(config, p)));
    let by_id: rustc_hash::FxHashMap<&str, &Journey> = journeys.iter().map(|j| (j.id.as_str(), j)).collect();
    let about = |n: &Note| n.journey.as_ref().and_then(|r| by_id.get(r.value.as_str()).copied());
    let pages = pages.chain(notes.iter().map(|n| note(config, about(n), n)));
    std::iter::once(site).chain(pages).filter(|l| seen.insert(*l)).collect()
}
