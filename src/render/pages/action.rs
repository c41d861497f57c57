//! The pages of SPEC §10: pain points with filters, opportunities by impact and effort, and
//! the roadmap by status and due period.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{page, Content, Page, Section};
use crate::charts;
use crate::model::action::Word;
use crate::model::{Level, OpportunityStatus, PainStatus};
use crate::render::actions::{words, OpportunityView, PainView};
use crate::render::views::Ref;
use crate::route::Route;

/// The pain points of one severity.
#[derive(Serialize)]
pub struct SeverityGroup<'a> {
    pub severity: &'static str,
    pub items: Vec<&'a PainView<'a>>,
}

/// What `pain_points.html` receives.
#[derive(Serialize)]
pub struct PainPointsContext<'a> {
    /// Pain points by severity, highest first; a severity without any has an empty group.
    pub groups: Vec<SeverityGroup<'a>>,
    /// How many pain points there are in all.
    pub count: usize,
    /// The journeys that have pain points, in list order, for the filter.
    pub journeys: Vec<Ref<'a>>,
    /// The severity and status words, for the filters.
    pub severities: Vec<&'static str>,
    pub statuses: Vec<&'static str>,
}

/// `pain-points/index.html`: every pain point by severity, with filters.
pub fn pain_points(content: &Content) -> Page {
    let pains = &content.actions.pains;
    let groups: Vec<SeverityGroup> = Level::WORDS
        .iter()
        .rev()
        .map(|(word, level)| SeverityGroup {
            severity: word,
            items: pains.iter().filter(|p| p.severity == *level).collect(),
        })
        .collect();
    let journeys: Vec<Ref> = content
        .listed
        .iter()
        .map(|&i| &content.journeys[i])
        .filter(|j| pains.iter().any(|p| p.link.journey == j.id))
        .map(crate::render::views::journey_ref)
        .collect();
    let c = PainPointsContext {
        groups,
        count: pains.len(),
        journeys,
        severities: Level::WORDS.iter().rev().map(|(w, _)| *w).collect(),
        statuses: words::<PainStatus>(),
    };
    page(Route::PainPoints, "Pain points", Section::PainPoints, &c)
}

/// One cell of the impact × effort matrix.
#[derive(Serialize)]
pub struct MatrixCell<'a> {
    pub impact: &'static str,
    pub effort: &'static str,
    pub items: Vec<&'a OpportunityView<'a>>,
}

/// What `opportunities.html` receives.
#[derive(Serialize)]
pub struct OpportunitiesContext<'a> {
    /// The impact × effort chart (SVG); `None` without opportunities.
    pub chart: Option<String>,
    /// The matrix as rows of cells: impact from high to low, effort from low to high.
    pub matrix: Vec<Vec<MatrixCell<'a>>>,
    /// Every opportunity by priority.
    pub items: Vec<&'a OpportunityView<'a>>,
}

/// `opportunities/index.html`: the impact × effort matrix and the list by priority.
pub fn opportunities(content: &Content) -> Page {
    let all = &content.actions.opportunities;
    let items: Vec<&OpportunityView> = content.actions.by_priority().into_iter().map(|i| &all[i]).collect();
    let matrix: Vec<Vec<MatrixCell>> = Level::WORDS
        .iter()
        .rev()
        .map(|(impact_word, impact)| {
            Level::WORDS
                .iter()
                .map(|(effort_word, effort)| MatrixCell {
                    impact: impact_word,
                    effort: effort_word,
                    items: items.iter().copied().filter(|o| o.impact == *impact && o.effort == *effort).collect(),
                })
                .collect()
        })
        .collect();
    let pairs: Vec<(Level, Level)> = items.iter().map(|o| (o.impact, o.effort)).collect();
    let c = OpportunitiesContext { chart: charts::opportunities::chart(&pairs), matrix, items };
    page(Route::Opportunities, "Opportunities", Section::Opportunities, &c)
}

/// How the roadmap orders due periods: dated first, by first day, then as written.
type DueKey<'a> = (bool, Option<chrono::NaiveDate>, Option<&'a str>);

/// The statuses the roadmap has a column for; dropped opportunities are only counted.
const ROADMAP: [OpportunityStatus; 4] =
    [OpportunityStatus::Idea, OpportunityStatus::Planned, OpportunityStatus::InProgress, OpportunityStatus::Done];

/// The opportunities of one roadmap column due in one period.
#[derive(Serialize)]
pub struct Due<'a> {
    /// The period as written, or `None` for opportunities without `due`.
    pub period: Option<&'a str>,
    pub items: Vec<&'a OpportunityView<'a>>,
}

/// A roadmap column: one status and its opportunities by due period.
#[derive(Serialize)]
pub struct Column<'a> {
    pub status: &'static str,
    pub title: &'static str,
    pub count: usize,
    pub groups: Vec<Due<'a>>,
}

/// What `roadmap.html` receives.
#[derive(Serialize)]
pub struct RoadmapContext<'a> {
    /// One column per status: idea, planned, in progress, done.
    pub columns: Vec<Column<'a>>,
    /// How many opportunities were dropped (they have no column), and how many there are in all.
    pub dropped: usize,
    pub count: usize,
}

/// `roadmap/index.html`: opportunities by status, then by due period.
pub fn roadmap(content: &Content) -> Page {
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
    let c = RoadmapContext { columns, dropped, count: all.len() };
    page(Route::Roadmap, "Roadmap", Section::Roadmap, &c)
}

/// The pain points and opportunities of one stage, for its page and the journey map.
pub fn of_stage<'c>(
    content: &'c Content,
    journey: &str,
    stage: &str,
) -> (Vec<&'c PainView<'c>>, Vec<&'c OpportunityView<'c>>) {
    let a = &content.actions;
    let Some(items) = a.stage_items.get(&(journey, stage)) else { return (Vec::new(), Vec::new()) };
    let pains = items.pains.iter().map(|&i| &a.pains[i]).collect();
    let opps = items.opportunities.iter().map(|&i| &a.opportunities[i]).collect();
    (pains, opps)
}
