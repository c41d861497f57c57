//! Small, borrowed views of the model that page templates receive.

use serde::Serialize;

use crate::charts;
use crate::i18n::current::t;
use crate::metrics::status;
use crate::model::{Journey, JourneyState, Level, Metric, Note, NoteKind, Persona, Stage};
use crate::route::Route;

/// A link to a journey, stage or persona: its id and what to call it.
#[derive(Serialize, Clone)]
pub struct Ref<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

/// A journey as listed on the home, persona and tag pages.
#[derive(Serialize)]
pub struct JourneyCard<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub state: JourneyState,
    pub owner: &'a str,
    pub updated: Option<String>,
    pub excerpt: &'a str,
    pub persona: Option<Ref<'a>>,
    pub tags: &'a [String],
    pub stages: usize,
    pub touchpoints: usize,
    pub pain_points: usize,
    pub opportunities: usize,
    pub emotion: Option<f64>,
    /// A small emotion curve, one point per stage.
    pub sparkline: Option<&'a str>,
    /// `updated` is older than `stale_after` days: the journey needs review (SPEC §10).
    pub stale: bool,
    /// A nested journey's parent (SPEC §10).
    pub parent: Option<Ref<'a>>,
    /// The link of the journey's page, as `url(to="journey", …)` gives it.
    pub href: String,
}

impl<'a> JourneyCard<'a> {
    /// The card of `j`, with its emotion curve `sparkline` drawn beforehand.
    /// `parent` is the journey `j` zooms into, when it names one that exists; `base` is the
    /// site's.
    pub fn new(
        j: &'a Journey,
        personas: &'a [Persona],
        sparkline: Option<&'a str>,
        stale: bool,
        parent: Option<&'a Journey>,
        base: &str,
    ) -> Self {
        let emotions: Vec<f64> = j.stages.iter().filter_map(|s| s.emotion).collect();
        JourneyCard {
            id: &j.id,
            title: &j.title,
            state: j.state,
            owner: &j.owner,
            updated: j.updated.map(|d| d.to_string()),
            excerpt: &j.summary.excerpt,
            persona: persona_ref(j, personas),
            tags: &j.tags,
            stages: j.stages.len(),
            touchpoints: j.stages.iter().map(|s| s.touchpoints.len()).sum(),
            pain_points: crate::model::action::pains(std::slice::from_ref(j)).count(),
            opportunities: crate::model::action::opportunities(std::slice::from_ref(j)).count(),
            emotion: (!emotions.is_empty()).then(|| emotions.iter().sum::<f64>() / emotions.len() as f64),
            sparkline,
            stale,
            parent: parent.map(journey_ref),
            href: Route::Journey(&j.id).href(base),
        }
    }
}

/// The persona a journey names, if it exists.
pub fn persona_ref<'a>(j: &Journey, personas: &'a [Persona]) -> Option<Ref<'a>> {
    let id = &j.persona.as_ref()?.value;
    personas.iter().find(|p| &p.id == id).map(|p| Ref { id: &p.id, title: &p.name })
}

/// A note as listed on index, journey, stage and tag pages.
#[derive(Serialize)]
pub struct NoteCard<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub date: String,
    pub kind: NoteKind,
    pub confidence: Level,
    pub author: &'a str,
    pub excerpt: &'a str,
    pub tags: &'a [String],
    pub draft: bool,
    pub journey: Option<Ref<'a>>,
    pub stage: Option<Ref<'a>>,
    pub touchpoint: Option<&'a str>,
    /// The links of the note's page and of its journey's and stage's, below the site's base
    /// (what `url()` gives): a card is drawn on several pages, and a link read from the card
    /// costs a fraction of a function call.
    pub href: String,
    pub journey_href: Option<String>,
    pub stage_href: Option<String>,
}

impl<'a> NoteCard<'a> {
    /// The card of `n`; `journey` is the journey it names, when that exists; `base` is the
    /// site's.
    pub fn new(n: &'a Note, journey: Option<&'a Journey>, base: &str) -> Self {
        let stage = journey.zip(n.stage.as_ref()).and_then(|(j, r)| crate::model::reference::find_stage(j, &r.value));
        NoteCard {
            href: Route::Note(&n.id).href(base),
            journey_href: journey.map(|j| Route::Journey(&j.id).href(base)),
            stage_href: journey.zip(stage).map(|(j, s)| Route::Stage(&j.id, &s.id).href(base)),
            id: &n.id,
            title: &n.title,
            date: n.date.to_string(),
            kind: n.kind,
            confidence: n.confidence,
            author: &n.author,
            excerpt: &n.body.excerpt,
            tags: &n.tags,
            draft: n.draft,
            journey: journey.map(|j| Ref { id: &j.id, title: &j.title }),
            stage: stage.map(stage_ref),
            touchpoint: n.touchpoint.as_ref().map(|t| t.value.as_str()),
        }
    }
}

pub fn stage_ref(s: &Stage) -> Ref<'_> {
    Ref { id: &s.id, title: &s.name }
}

pub fn journey_ref(j: &Journey) -> Ref<'_> {
    Ref { id: &j.id, title: &j.title }
}

/// One stage's line in the funnel table.
#[derive(Serialize)]
pub struct FunnelRow<'a> {
    pub stage: Ref<'a>,
    /// The link of the stage's page, as `url(to="stage", …)` gives it.
    pub stage_href: &'a str,
    pub entered: Option<u64>,
    pub drop_off: Option<f64>,
    pub largest: bool,
}

/// A touchpoint with the stage it belongs to, for the by-channel view.
#[derive(Serialize)]
pub struct ChannelTouchpoint<'a> {
    pub stage: Ref<'a>,
    /// The link of the stage's page, as `url(to="stage", …)` gives it.
    pub stage_href: &'a str,
    pub name: &'a str,
    pub emotion: Option<f64>,
    pub moment_of_truth: bool,
    pub owner: &'a str,
}

/// Touchpoints that share a channel.
#[derive(Serialize)]
pub struct Channel<'a> {
    pub name: &'a str,
    pub touchpoints: Vec<ChannelTouchpoint<'a>>,
}

/// A metric with the journey and stage it belongs to, for the dashboard and the home page.
#[derive(Serialize)]
pub struct PlacedMetric<'a> {
    pub journey: Ref<'a>,
    pub stage: Option<Ref<'a>>,
    /// The links of the journey's page and the stage's, as `url()` gives them.
    pub journey_href: String,
    pub stage_href: Option<String>,
    pub metric: &'a Metric,
    pub sparkline: Option<String>,
    /// 3 off track, 2 at risk, 1 on track, 0 no target: higher sorts first.
    pub rank: usize,
}

/// Every metric of every journey, furthest off target first, then in journey order.
pub fn placed_metrics<'a>(journeys: &'a [Journey], base: &str) -> Vec<PlacedMetric<'a>> {
    let mut out = placed(journeys, true, base);
    out.iter_mut().for_each(draw_sparkline);
    out
}

/// The first `n` journey-level metrics of [`placed_metrics`], drawing only their sparklines.
pub fn headline_metrics<'a>(journeys: &'a [Journey], n: usize, base: &str) -> Vec<PlacedMetric<'a>> {
    // A stable sort of the journey-level rows keeps the order they have among all rows.
    let mut out: Vec<PlacedMetric> = placed(journeys, false, base).into_iter().take(n).collect();
    out.iter_mut().for_each(draw_sparkline);
    out
}

/// The rows of [`placed_metrics`] without their sparklines; stage metrics when `stages`.
fn placed<'a>(journeys: &'a [Journey], stages: bool, base: &str) -> Vec<PlacedMetric<'a>> {
    let mut out = Vec::new();
    for j in journeys {
        let journey_href = Route::Journey(&j.id).href(base);
        for m in &j.metrics {
            out.push(PlacedMetric {
                journey: journey_ref(j),
                stage: None,
                journey_href: journey_href.clone(),
                stage_href: None,
                metric: m,
                sparkline: None,
                rank: status::rank(m.status),
            });
        }
        for s in j.stages.iter().filter(|_| stages) {
            for m in &s.metrics {
                out.push(PlacedMetric {
                    journey: journey_ref(j),
                    stage: Some(stage_ref(s)),
                    journey_href: journey_href.clone(),
                    stage_href: Some(Route::Stage(&j.id, &s.id).href(base)),
                    metric: m,
                    sparkline: None,
                    rank: status::rank(m.status),
                });
            }
        }
    }
    // A stable sort keeps journey and stage order within each status.
    out.sort_by_key(|p| std::cmp::Reverse(p.rank));
    out
}

fn draw_sparkline(p: &mut PlacedMetric) {
    let id = match &p.stage {
        Some(s) => format!("spark-{}-{}-{}", p.journey.id, s.id, p.metric.id),
        None => format!("spark-{}-{}", p.journey.id, p.metric.id),
    };
    p.sparkline = charts::trend::sparkline(p.metric, &id);
}

/// A metric card: the metric and its sparkline.
#[derive(Serialize)]
pub struct Kpi<'a> {
    pub metric: &'a Metric,
    pub sparkline: Option<String>,
    /// The full trend chart, where the page has room for it.
    pub trend: Option<String>,
}

/// Cards for `metrics`; `scope` keeps chart ids unique on the page.
pub fn kpis<'a>(metrics: &'a [Metric], scope: &str, with_trend: bool) -> Vec<Kpi<'a>> {
    metrics
        .iter()
        .map(|m| Kpi {
            metric: m,
            sparkline: charts::trend::sparkline(m, &format!("spark-{scope}-{}", m.id)),
            trend: if with_trend { charts::trend::chart(m, &format!("trend-{scope}-{}", m.id)) } else { None },
        })
        .collect()
}

/// A persona as its card and page show it: photo or initials, segment size, demographics.
#[derive(Serialize)]
pub struct PersonaCard<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub role: &'a str,
    pub quote: &'a str,
    pub primary: bool,
    /// Where the photo is: a URL as written, or a path under the site's base.
    pub photo: Option<String>,
    /// One or two letters for the avatar shown when there is no photo.
    pub initials: String,
    pub segment_size: Option<String>,
    /// `demographics` as rows of label and value, sorted by label.
    pub demographics: Vec<(String, String)>,
}

impl<'a> PersonaCard<'a> {
    /// The card of `p`; `base` is the site's path prefix, for a photo under `static/`.
    pub fn new(p: &'a Persona, base: &str) -> Self {
        let photo = p.photo.as_ref().map(|ph| {
            let path = ph.value.trim();
            if path.contains("://") {
                path.to_string()
            } else {
                format!("{base}{}", path.trim_start_matches('/'))
            }
        });
        let demographics = match &p.demographics {
            serde_json::Value::Object(map) => map
                .iter()
                .map(|(k, v)| {
                    let value = match v {
                        serde_json::Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.replace('_', " "), value)
                })
                .collect(),
            _ => Vec::new(),
        };
        PersonaCard {
            id: &p.id,
            name: &p.name,
            role: &p.role,
            quote: &p.quote,
            primary: p.primary,
            photo,
            initials: initials(&p.name),
            segment_size: p.segment_size.map(|s| match s {
                crate::model::Amount::Share(_) => t("persona.segment_share", &[("share", &s.display())]),
                crate::model::Amount::Count(_) => t("persona.segment_count", &[("count", &s.display())]),
            }),
            demographics,
        }
    }
}

/// The first letters of the first two words of `name` before any comma, skipping words that
/// do not start with a letter or digit: "Maya, office manager" gives "M", "Sam Lee" gives
/// "SL", "คุณนภา (Napa)" gives "คุ". A letter is a whole grapheme (a vowel mark stays on its
/// consonant), and a Thai or Lao vowel written before its consonant brings the consonant
/// along ("เจน" gives "เจ").
fn initials(name: &str) -> String {
    let head = name.split(',').next().unwrap_or(name);
    head.split_whitespace().filter_map(first_letter).take(2).flat_map(str::chars).flat_map(char::to_uppercase).collect()
}

/// The first grapheme of `word` when it is a letter or digit, with the next one after a
/// vowel that is written first but read after its consonant.
fn first_letter(word: &str) -> Option<&str> {
    let first = word.chars().next().filter(|c| c.is_alphanumeric())?;
    let bounds = crate::i18n::words::graphemes(word);
    let leading_vowel = matches!(first, '\u{0E40}'..='\u{0E44}' | '\u{0EC0}'..='\u{0EC4}');
    let end = bounds.get(if leading_vowel { 2 } else { 1 }).or(bounds.last()).copied().unwrap_or(word.len());
    Some(&word[..end])
}

#[cfg(test)]
mod tests {
    use super::initials;

    #[test]
    fn initials_are_whole_letters_of_words() {
        assert_eq!(initials("Maya, office manager"), "M");
        assert_eq!(initials("Sam Lee"), "SL");
        assert_eq!(initials("คุณนภา (Napa)"), "คุ");
        assert_eq!(initials("เจน ใจดี"), "เจใจ");
        assert_eq!(initials("(anon)"), "");
    }
}
