//! Pain points and opportunities of every journey, indexed once per build (SPEC §10): their
//! evidence counted both ways, their cross-links, and opportunity priorities.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use crate::model::action::{opportunities, pains, split_reference, Priority, Word};
use crate::model::{reference, Journey, Level, Note, Opportunity, OpportunityStatus, PainPoint, PainStatus, Stage};
use crate::render::views::{journey_ref, stage_ref, Ref};
use crate::route::Route;

/// A link to a pain point or opportunity: where it lives and its anchor id.
#[derive(Serialize, Clone)]
pub struct ItemLink<'a> {
    pub id: &'a str,
    pub text: &'a str,
    pub journey: &'a str,
    pub stage: &'a str,
    /// The links of its stage's page (add `#pain-<id>` or `#opp-<id>` for the item) and of
    /// its journey's, as `url()` gives them, made once: the pain point, opportunity and
    /// roadmap pages link every item.
    pub href: String,
    pub journey_href: String,
}

impl<'a> ItemLink<'a> {
    fn new(id: &'a str, text: &'a str, j: &'a Journey, s: &'a Stage, base: &str) -> Self {
        ItemLink {
            id,
            text,
            journey: &j.id,
            stage: &s.id,
            href: Route::Stage(&j.id, &s.id).href(base),
            journey_href: Route::Journey(&j.id).href(base),
        }
    }
}

/// A metric an opportunity targets, as written and with the stage it belongs to.
#[derive(Serialize, Clone)]
pub struct TargetLink<'a> {
    pub metric: &'a str,
    pub name: &'a str,
    pub journey: &'a str,
    pub stage: Option<Ref<'a>>,
}

/// A pain point with where it happens, its evidence and what fixes it.
#[derive(Serialize)]
pub struct PainView<'a> {
    #[serde(flatten)]
    pub link: ItemLink<'a>,
    #[serde(skip)]
    pub point: &'a PainPoint,
    pub severity: Level,
    pub status: PainStatus,
    pub owner: &'a str,
    pub frequency: Option<String>,
    pub customers_affected: Option<String>,
    /// Built notes behind it, from its `evidence` and from notes' `supports`.
    pub evidence: Vec<Ref<'a>>,
    pub fixed_by: Vec<ItemLink<'a>>,
    pub journey_ref: Ref<'a>,
    pub stage_ref: Ref<'a>,
    pub touchpoint: Option<&'a str>,
}

/// An opportunity with where it happens, its priority, what it fixes and targets.
#[derive(Serialize)]
pub struct OpportunityView<'a> {
    #[serde(flatten)]
    pub link: ItemLink<'a>,
    #[serde(skip)]
    pub opportunity: &'a Opportunity,
    pub impact: Level,
    pub effort: Level,
    pub status: OpportunityStatus,
    pub status_title: &'static str,
    pub owner: &'a str,
    pub due: Option<&'a str>,
    pub priority: Priority,
    /// The score with its method in English (`RICE 21,333`), for themes written before
    /// `priority_score`.
    pub priority_display: String,
    /// The score alone (`21,333`); the built-in templates put `priority.rice` around a RICE
    /// score, so the method is named in the page's language.
    pub priority_score: String,
    pub fixes: Vec<ItemLink<'a>>,
    pub targets: Vec<TargetLink<'a>>,
    pub evidence: Vec<Ref<'a>>,
    pub journey_ref: Ref<'a>,
    pub stage_ref: Ref<'a>,
    pub touchpoint: Option<&'a str>,
}

/// Every pain point and opportunity, in journey and file order, and the lookups pages need.
#[derive(Default)]
pub struct Actions<'a> {
    pub pains: Vec<PainView<'a>>,
    pub opportunities: Vec<OpportunityView<'a>>,
    /// Distinct built notes (indexes into `Content::notes`) behind each stage, by journey and
    /// stage id: those that name it and those that back one of its items (SPEC §3.1).
    pub stage_notes: HashMap<(&'a str, &'a str), BTreeSet<usize>>,
    /// Pain points and opportunities (indexes, in journey order) by journey and stage id, so
    /// a stage finds its own items without scanning the whole playbook's.
    pub stage_items: HashMap<(&'a str, &'a str), StageItems>,
}

/// Indexes into [`Actions::pains`] and [`Actions::opportunities`] of one stage's items.
#[derive(Debug, Default)]
pub struct StageItems {
    pub pains: Vec<usize>,
    pub opportunities: Vec<usize>,
}

/// Where an item sits: its journey, stage and touchpoint.
type Place<'a> = (&'a Journey, &'a Stage, Option<&'a str>);

impl<'a> Actions<'a> {
    /// Indexes `journeys`; `notes` are the built notes, whose indexes pages use; `base` is
    /// the site's, for links.
    pub fn new(journeys: &'a [Journey], notes: &[&'a Note], base: &str) -> Self {
        let note_index: HashMap<&str, usize> = notes.iter().enumerate().map(|(i, n)| (n.id.as_str(), i)).collect();
        // Notes that say what they support, by the journey and item id they name.
        let mut supporters: HashMap<(&str, &str), Vec<usize>> = HashMap::default();
        for (i, n) in notes.iter().enumerate() {
            for s in &n.supports {
                if let Some((j, id)) = s.value.split_once('/') {
                    supporters.entry((j, id)).or_default().push(i);
                }
            }
        }
        // The views, the costly part, are made on all cores; the indexes in order after them.
        use rayon::prelude::*;
        let backing_of = |j: &Journey, id: &str, evidence: &[crate::model::action::Reference]| {
            let mut backing: BTreeSet<usize> =
                evidence.iter().filter_map(|e| note_index.get(e.value.as_str()).copied()).collect();
            backing.extend(supporters.get(&(j.id.as_str(), id)).into_iter().flatten());
            backing
        };
        let mut out = Actions::default();
        let found: Vec<_> = pains(journeys).collect();
        let (views, backings): (Vec<_>, Vec<_>) = found
            .par_iter()
            .with_min_len(crate::cores::BATCH)
            .map(|&(j, s, t, p)| {
                let backing = backing_of(j, &p.id, &p.evidence);
                (pain_view((j, s, t), p, &backing, notes, base), backing)
            })
            .unzip();
        out.pains = views;
        let mut pain_at: HashMap<(&str, &str), usize> = HashMap::default();
        for (at, ((j, s, _, p), backing)) in found.iter().zip(&backings).enumerate() {
            out.note_stage(j, s, backing);
            pain_at.insert((&j.id, &p.id), at);
            out.stage_items.entry((&j.id, &s.id)).or_default().pains.push(at);
        }
        let found: Vec<_> = opportunities(journeys).collect();
        let (views, backings): (Vec<_>, Vec<_>) = found
            .par_iter()
            .with_min_len(crate::cores::BATCH)
            .map(|&(j, s, t, o)| {
                let backing = backing_of(j, &o.id, &[]);
                (opportunity_view((j, s, t), o, &backing, notes, &pain_at, &out.pains, base), backing)
            })
            .unzip();
        for (at, (((j, s, _, _), backing), view)) in found.iter().zip(&backings).zip(&views).enumerate() {
            out.note_stage(j, s, backing);
            for fix in &view.fixes {
                if let Some(&p) = pain_at.get(&(fix.journey, fix.id)) {
                    out.pains[p].fixed_by.push(view.link.clone());
                }
            }
            out.stage_items.entry((&j.id, &s.id)).or_default().opportunities.push(at);
        }
        out.opportunities = views;
        let journey_by_id: HashMap<&str, &Journey> = journeys.iter().map(|j| (j.id.as_str(), j)).collect();
        for (i, n) in notes.iter().enumerate() {
            let journey = n.journey.as_ref().and_then(|r| journey_by_id.get(r.value.as_str()).copied());
            if let Some(s) = journey.zip(n.stage.as_ref()).and_then(|(j, s)| reference::find_stage(j, &s.value)) {
                out.stage_notes.entry((&journey.expect("zipped").id, &s.id)).or_default().insert(i);
            }
        }
        out
    }

    fn note_stage(&mut self, j: &'a Journey, s: &'a Stage, backing: &BTreeSet<usize>) {
        self.stage_notes.entry((&j.id, &s.id)).or_default().extend(backing);
    }

    /// Opportunities (indexes) by priority: RICE-scored first, then higher scores, then in
    /// journey order.
    pub fn by_priority(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.opportunities.len()).collect();
        order.sort_by(|&a, &b| self.opportunities[a].priority.order(&self.opportunities[b].priority));
        order
    }
}

fn note_refs<'a>(backing: &BTreeSet<usize>, notes: &[&'a Note]) -> Vec<Ref<'a>> {
    backing.iter().map(|&i| Ref { id: &notes[i].id, title: &notes[i].title }).collect()
}

fn pain_view<'a>(
    at: Place<'a>,
    p: &'a PainPoint,
    backing: &BTreeSet<usize>,
    notes: &[&'a Note],
    base: &str,
) -> PainView<'a> {
    let (j, s, t) = at;
    PainView {
        link: ItemLink::new(&p.id, &p.text, j, s, base),
        point: p,
        severity: p.severity,
        status: p.status,
        owner: &p.owner,
        frequency: p.frequency.map(|f| crate::model::Amount::Share(f).display()),
        customers_affected: p.customers_affected.map(|c| crate::model::Amount::Count(c).display()),
        evidence: note_refs(backing, notes),
        fixed_by: Vec::new(),
        journey_ref: journey_ref(j),
        stage_ref: stage_ref(s),
        touchpoint: t,
    }
}

fn opportunity_view<'a>(
    at: Place<'a>,
    o: &'a Opportunity,
    backing: &BTreeSet<usize>,
    notes: &[&'a Note],
    pain_at: &HashMap<(&str, &str), usize>,
    pains: &[PainView<'a>],
    base: &str,
) -> OpportunityView<'a> {
    let (j, s, t) = at;
    let fixes = o
        .fixes
        .iter()
        .filter_map(|f| pain_at.get(&split_reference(&f.value, &j.id)).map(|&i| pains[i].link.clone()))
        .collect();
    let targets = o.targets.iter().filter_map(|r| target(j, &r.value)).collect();
    let priority = o.priority();
    OpportunityView {
        link: ItemLink::new(&o.id, &o.text, j, s, base),
        opportunity: o,
        impact: o.impact,
        effort: o.effort,
        status: o.status,
        status_title: o.status.title(),
        owner: &o.owner,
        due: o.due.as_deref(),
        priority,
        priority_display: priority.display(),
        priority_score: priority.score_display(),
        fixes,
        targets,
        evidence: note_refs(backing, notes),
        journey_ref: journey_ref(j),
        stage_ref: stage_ref(s),
        touchpoint: t,
    }
}

/// The metric `reference` names in `j`: `metric` at journey level, `<stage>/<metric>` else.
pub fn target<'a>(j: &'a Journey, reference: &str) -> Option<TargetLink<'a>> {
    match reference.split_once('/') {
        None => j.metrics.iter().find(|m| m.id == reference).map(|m| TargetLink {
            metric: &m.id,
            name: &m.name,
            journey: &j.id,
            stage: None,
        }),
        Some((stage, metric)) => {
            let s = reference::find_stage(j, stage)?;
            let m = s.metrics.iter().find(|m| m.id == metric)?;
            Some(TargetLink { metric: &m.id, name: &m.name, journey: &j.id, stage: Some(stage_ref(s)) })
        }
    }
}

/// The words of a closed set, for filters and headings.
pub fn words<T: Word>() -> Vec<&'static str> {
    T::WORDS.iter().map(|(w, _)| *w).collect()
}

// How amounts and priorities read on pages: numbers formatted as metrics are, which the model
// below the metrics layer cannot reach.
impl crate::model::Amount {
    /// The amount for people, in the language of the page being made: `42%` or `12,000`.
    pub fn display(self) -> String {
        use crate::i18n::amounts;
        use crate::metrics::format::Unit;
        match self {
            Self::Share(v) => amounts::value(Unit::Percent, v, ""),
            Self::Count(c) => amounts::value(Unit::Count, c as f64, ""),
        }
    }
}

impl crate::model::action::Priority {
    /// The score for people, with the method in English: `RICE 21,333` or `1.5`.
    pub fn display(&self) -> String {
        use crate::model::action::PriorityMethod;
        match self.method {
            PriorityMethod::Rice => format!("RICE {}", self.score_display()),
            PriorityMethod::Levels => self.score_display(),
        }
    }

    /// The score alone: `21,333` for RICE, `1.5` for levels.
    pub fn score_display(&self) -> String {
        use crate::metrics::format::{self, Unit};
        use crate::model::action::PriorityMethod;
        match self.method {
            PriorityMethod::Rice => format::value(Unit::Count, self.score, ""),
            PriorityMethod::Levels => format::value(Unit::Ratio, self.score, ""),
        }
    }
}
