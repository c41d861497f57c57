//! `build --history`: a page per journey of how its emotion curve and metrics moved across
//! the repository's tags (SPEC §13). Each tag is read like `diff` reads a revision and goes
//! through the same loading, validation and metrics as the build.

use std::path::Path;

use serde::Serialize;
use tera::Context;

use crate::diff::git::Repo;
use crate::model::{Journey, Metric};
use crate::project::Project;

/// How many versions the emotion chart draws: its palette has six colours.
const CHART_VERSIONS: usize = 6;

/// The playbook as it was at one tag.
pub struct Version {
    pub name: String,
    pub date: String,
    pub project: Project,
}

/// The tags' playbooks, oldest first, and the names of tags left out because their playbook
/// does not validate.
pub fn versions(source: &Path) -> Result<(Vec<Version>, Vec<String>), String> {
    let repo = Repo::find(source)?;
    let mut versions = Vec::new();
    let mut invalid = Vec::new();
    for (name, date) in repo.tags()? {
        let commit = repo.commit(&name)?;
        let snapshot = repo.checkout(&commit)?;
        let checked = crate::site::check(&snapshot.path, &crate::site::Options::default());
        if checked.diagnostics.has_errors() {
            invalid.push(name);
            continue;
        }
        versions.push(Version { name, date, project: checked.project });
    }
    Ok((versions, invalid))
}

/// One history page: its output path, its template context (without `site`), and the
/// language and calendar it is written in: its journey's (SPEC §12).
pub struct HistoryPage {
    pub path: String,
    pub context: Context,
    pub language: String,
    pub calendar: crate::model::Calendar,
}

/// What `history.html` (a journey across the repository's tags) receives.
#[derive(Serialize)]
pub struct HistoryContext<'a> {
    /// The journey's id and title.
    pub journey: crate::render::views::Ref<'a>,
    /// One column per tag, oldest first, then the working tree, named by `history.now`.
    pub columns: Vec<Column<'a>>,
    /// One row per stage: its emotion in each column.
    pub emotions: Vec<Row>,
    /// One row per metric, journey-level first: its value and status in each column.
    pub metrics: Vec<Row>,
    /// The emotion curves of the latest tags on one chart (SVG), and the same laid out for
    /// phones.
    pub chart: Option<String>,
    pub chart_narrow: Option<String>,
}

/// A version of the playbook: a tag's name and date.
#[derive(Serialize)]
pub struct Column<'a> {
    name: &'a str,
    /// The tag's date in the page's language and calendar; empty for the working tree.
    date: String,
}

/// A stage or metric across the versions.
#[derive(Serialize)]
pub struct Row {
    name: String,
    /// The metric's id, for a metric's row (its name in the page's language is
    /// `metric.<id>`).
    metric: Option<String>,
    /// The stage's id and name, for a stage's row or a stage-level metric.
    stage: Option<String>,
    stage_name: Option<String>,
    cells: Vec<Cell>,
}

/// A value at one version, as shown, and its status.
#[derive(Serialize)]
pub struct Cell {
    display: Option<String>,
    status: Option<crate::model::MetricStatus>,
}

/// The history page of every journey of `current`;
/// `within` runs the making of each page with the words of its language, so its title,
/// chart and values are in that language.
pub fn pages(
    current: &Project,
    versions: &[Version],
    within: impl Fn((&str, crate::model::Calendar), &dyn Fn() -> HistoryPage) -> HistoryPage,
) -> Vec<HistoryPage> {
    current
        .journeys
        .iter()
        .map(|j| {
            let locale = crate::render::pages::locale::journey(&current.config, j);
            within(locale, &|| page(j, versions, locale))
        })
        .collect()
}

fn page(journey: &Journey, versions: &[Version], (language, calendar): (&str, crate::model::Calendar)) -> HistoryPage {
    let now = crate::i18n::current::t("history.now", &[]);
    let mut sides: Vec<(&str, &str, Option<&Journey>)> = versions
        .iter()
        .map(|v| (v.name.as_str(), v.date.as_str(), v.project.journeys.iter().find(|j| j.id == journey.id)))
        .collect();
    sides.push((&now, "", Some(journey)));
    let shown = |date: &str| match chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d") {
        Ok(day) => crate::i18n::current::with(|w| w.locale.date(day)),
        Err(_) => date.to_string(),
    };
    let columns: Vec<Column> = sides.iter().map(|(name, date, _)| Column { name, date: shown(date) }).collect();
    let emotions: Vec<Row> = journey
        .stages
        .iter()
        .map(|stage| Row {
            name: stage.name.clone(),
            metric: None,
            stage: Some(stage.id.clone()),
            stage_name: Some(stage.name.clone()),
            cells: sides
                .iter()
                .map(|(_, _, j)| {
                    let emotion = j.and_then(|j| j.stages.iter().find(|s| s.id == stage.id)).and_then(|s| s.emotion);
                    Cell { display: emotion.map(|e| format!("{e:.1}")), status: None }
                })
                .collect(),
        })
        .collect();
    let (chart, chart_narrow) = charts(journey, &sides);
    let history = HistoryContext {
        journey: crate::render::views::journey_ref(journey),
        columns,
        emotions,
        metrics: metric_rows(journey, &sides),
        chart,
        chart_narrow,
    };
    // A context is a struct, so it always serialises to the map Tera needs.
    let mut context = Context::from_serialize(&history).expect("a page context is a struct");
    let path = crate::route::Route::History(&journey.id).dir();
    let title = crate::i18n::current::t("history.title", &[("name", &journey.title)]);
    context.insert(
        "page",
        &crate::render::pages::PageInfo {
            title: &title,
            section: crate::render::pages::Section::Journeys,
            path: &path,
        },
    );
    HistoryPage { path: format!("{path}index.html"), context, language: language.to_string(), calendar }
}

/// A row per metric of the current journey: its journey-level ones, then each stage's.
fn metric_rows(journey: &Journey, sides: &[(&str, &str, Option<&Journey>)]) -> Vec<Row> {
    let at = |j: &Journey, stage: Option<&str>, id: &str| -> Option<Metric> {
        let list = match stage {
            None => &j.metrics,
            Some(s) => &j.stages.iter().find(|st| st.id == s)?.metrics,
        };
        list.iter().find(|m| m.id == id).cloned()
    };
    let mut keys: Vec<(Option<&str>, &Metric)> = journey.metrics.iter().map(|m| (None, m)).collect();
    for s in &journey.stages {
        keys.extend(s.metrics.iter().map(|m| (Some(s.id.as_str()), m)));
    }
    keys.into_iter()
        .map(|(stage, metric)| Row {
            name: metric.name.clone(),
            metric: Some(metric.id.clone()),
            stage: stage.map(str::to_string),
            stage_name: stage.and_then(|id| journey.stages.iter().find(|s| s.id == id)).map(|s| s.name.clone()),
            cells: sides
                .iter()
                .map(|(_, _, j)| {
                    let m = j.and_then(|j| at(j, stage, &metric.id));
                    Cell {
                        display: m.as_ref().map(|m| crate::i18n::amounts::texts(m).value),
                        status: m.and_then(|m| m.status),
                    }
                })
                .collect(),
        })
        .collect()
}

/// The emotion curves of the latest versions on one chart, each named by its tag with the
/// stage names under it: drawn wide, and laid out for phones.
fn charts(journey: &Journey, sides: &[(&str, &str, Option<&Journey>)]) -> (Option<String>, Option<String>) {
    let renamed: Vec<Journey> =
        sides.iter().filter_map(|(name, _, j)| j.map(|j| Journey { title: name.to_string(), ..j.clone() })).collect();
    let latest: Vec<&Journey> = renamed.iter().skip(renamed.len().saturating_sub(CHART_VERSIONS)).collect();
    let title = crate::i18n::current::t("history.chart_title", &[("name", &journey.title)]);
    let id = format!("history-{}", journey.id);
    (crate::charts::persona::curves(&latest, &id, &title), crate::charts::persona::curves_narrow(&latest, &id, &title))
}
