//! The pages of SPEC §10: pain points with filters, opportunities by impact and effort, and
//! the roadmap by status and due period.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use super::{page, Content, Page, Section};
use crate::charts;
use crate::model::action::Word;
use crate::model::{Level, OpportunityStatus, PainStatus};
use crate::render::actions::{words, OpportunityView, PainView};
use crate::render::views::Ref;
use crate::route::Route;

/// `pain-points/index.html`: every pain point by severity, with filters.
pub fn pain_points(content: &Content) -> Page {
    #[derive(Serialize)]
    struct Group<'a> {
        severity: &'static str,
        items: Vec<&'a PainView<'a>>,
    }
    let pains = &content.actions.pains;
    let groups: Vec<Group> = Level::WORDS
        .iter()
        .rev()
        .map(|(word, level)| Group { severity: word, items: pains.iter().filter(|p| p.severity == *level).collect() })
        .collect();
    let journeys: Vec<Ref> = content
        .listed
        .iter()
        .map(|&i| &content.journeys[i])
        .filter(|j| pains.iter().any(|p| p.link.journey == j.id))
        .map(crate::render::views::journey_ref)
        .collect();
    let mut c = Context::new();
    c.insert("groups", &groups);
    c.insert("count", &pains.len());
    c.insert("journeys", &journeys);
    c.insert("severities", &Level::WORDS.iter().rev().map(|(w, _)| *w).collect::<Vec<_>>());
    c.insert("statuses", &words::<PainStatus>());
    page(Route::PainPoints, "pain_points.html", "Pain points", Section::PainPoints, c)
}

/// `opportunities/index.html`: the impact × effort matrix and the list by priority.
pub fn opportunities(content: &Content) -> Page {
    let all = &content.actions.opportunities;
    let items: Vec<&OpportunityView> = content.actions.by_priority().into_iter().map(|i| &all[i]).collect();
    #[derive(Serialize)]
    struct Cell<'a> {
        impact: &'static str,
        effort: &'static str,
        items: Vec<&'a OpportunityView<'a>>,
    }
    let matrix: Vec<Vec<Cell>> = Level::WORDS
        .iter()
        .rev()
        .map(|(impact_word, impact)| {
            Level::WORDS
                .iter()
                .map(|(effort_word, effort)| Cell {
                    impact: impact_word,
                    effort: effort_word,
                    items: items.iter().copied().filter(|o| o.impact == *impact && o.effort == *effort).collect(),
                })
                .collect()
        })
        .collect();
    let pairs: Vec<(Level, Level)> = items.iter().map(|o| (o.impact, o.effort)).collect();
    let mut c = Context::new();
    c.insert("chart", &charts::opportunities::chart(&pairs));
    c.insert("matrix", &matrix);
    c.insert("items", &items);
    page(Route::Opportunities, "opportunities.html", "Opportunities", Section::Opportunities, c)
}

/// How the roadmap orders due periods: dated first, by first day, then as written.
type DueKey<'a> = (bool, Option<chrono::NaiveDate>, Option<&'a str>);

/// The statuses the roadmap has a column for; dropped opportunities are only counted.
const ROADMAP: [OpportunityStatus; 4] =
    [OpportunityStatus::Idea, OpportunityStatus::Planned, OpportunityStatus::InProgress, OpportunityStatus::Done];

/// `roadmap/index.html`: opportunities by status, then by due period.
pub fn roadmap(content: &Content) -> Page {
    #[derive(Serialize)]
    struct Due<'a> {
        /// The period as written, or `None` for opportunities without `due`.
        period: Option<&'a str>,
        items: Vec<&'a OpportunityView<'a>>,
    }
    #[derive(Serialize)]
    struct Column<'a> {
        status: &'static str,
        title: &'static str,
        count: usize,
        groups: Vec<Due<'a>>,
    }
    let all = &content.actions.opportunities;
    let ordered: Vec<&OpportunityView> = content.actions.by_priority().into_iter().map(|i| &all[i]).collect();
    let columns: Vec<Column> = ROADMAP
        .iter()
        .map(|&status| {
            // Due periods in time order, by their first day, then as written; undated last.
            let mut by_due: BTreeMap<DueKey, Vec<&OpportunityView>> = BTreeMap::new();
            for o in ordered.iter().copied().filter(|o| o.status == status) {
                let start = o.opportunity.due_period.as_ref().map(|p| p.start);
                by_due.entry((o.due.is_none(), start, o.due)).or_default().push(o);
            }
            let groups: Vec<Due> = by_due.into_iter().map(|((_, _, period), items)| Due { period, items }).collect();
            Column {
                status: status.as_str(),
                title: status.title(),
                count: groups.iter().map(|g| g.items.len()).sum(),
                groups,
            }
        })
        .collect();
    let dropped = all.iter().filter(|o| o.status == OpportunityStatus::Dropped).count();
    let mut c = Context::new();
    c.insert("columns", &columns);
    c.insert("dropped", &dropped);
    c.insert("count", &all.len());
    page(Route::Roadmap, "roadmap.html", "Roadmap", Section::Roadmap, c)
}

/// The pain points and opportunities of one stage, for its page and the journey map.
pub fn of_stage<'c>(
    content: &'c Content,
    journey: &str,
    stage: &str,
) -> (Vec<&'c PainView<'c>>, Vec<&'c OpportunityView<'c>>) {
    let a = &content.actions;
    let at = |j: &str, s: &str| j == journey && s == stage;
    let pains = a.pains.iter().filter(|p| at(p.link.journey, p.link.stage)).collect();
    let opps = a.opportunities.iter().filter(|o| at(o.link.journey, o.link.stage)).collect();
    (pains, opps)
}
