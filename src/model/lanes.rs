//! The lanes of the journey map (SPEC §3.1): which rows it has and in what order.

use serde::Serialize;

use crate::diagnostic::Pos;
use crate::model::action::Word;
use crate::model::{Config, Journey};

/// The built-in lanes (SPEC §3.1); custom lanes add to them by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BuiltinLane {
    Emotion,
    Goal,
    Doing,
    Thinking,
    Feeling,
    Touchpoints,
    Channels,
    PainPoints,
    Opportunities,
    Metrics,
    Evidence,
    Influencers,
    People,
    Process,
    Tech,
}

impl Word for BuiltinLane {
    const WORDS: &'static [(&'static str, Self)] = &[
        ("emotion", BuiltinLane::Emotion),
        ("goal", BuiltinLane::Goal),
        ("doing", BuiltinLane::Doing),
        ("thinking", BuiltinLane::Thinking),
        ("feeling", BuiltinLane::Feeling),
        ("touchpoints", BuiltinLane::Touchpoints),
        ("channels", BuiltinLane::Channels),
        ("pain_points", BuiltinLane::PainPoints),
        ("opportunities", BuiltinLane::Opportunities),
        ("metrics", BuiltinLane::Metrics),
        ("evidence", BuiltinLane::Evidence),
        ("influencers", BuiltinLane::Influencers),
        ("people", BuiltinLane::People),
        ("process", BuiltinLane::Process),
        ("tech", BuiltinLane::Tech),
    ];
}

impl BuiltinLane {
    /// The title its row is labelled with.
    pub fn title(self) -> &'static str {
        match self {
            BuiltinLane::Emotion => "Emotion",
            BuiltinLane::Goal => "Goal",
            BuiltinLane::Doing => "Doing",
            BuiltinLane::Thinking => "Thinking",
            BuiltinLane::Feeling => "Feeling",
            BuiltinLane::Touchpoints => "Touchpoints",
            BuiltinLane::Channels => "Channels",
            BuiltinLane::PainPoints => "Pain points",
            BuiltinLane::Opportunities => "Opportunities",
            BuiltinLane::Metrics => "Metrics",
            BuiltinLane::Evidence => "Evidence",
            BuiltinLane::Influencers => "Influencers",
            BuiltinLane::People => "People",
            BuiltinLane::Process => "Process",
            BuiltinLane::Tech => "Tech",
        }
    }

    /// Whether the lane shows what the company does rather than what the customer meets.
    pub fn backstage(self) -> bool {
        matches!(self, BuiltinLane::People | BuiltinLane::Process | BuiltinLane::Tech)
    }
}

/// The order used when neither the journey nor the config lists its lanes: every built-in
/// lane but `channels`.
pub const DEFAULT: &[BuiltinLane] = &[
    BuiltinLane::Emotion,
    BuiltinLane::Goal,
    BuiltinLane::Doing,
    BuiltinLane::Thinking,
    BuiltinLane::Feeling,
    BuiltinLane::Touchpoints,
    BuiltinLane::PainPoints,
    BuiltinLane::Opportunities,
    BuiltinLane::Metrics,
    BuiltinLane::Evidence,
    BuiltinLane::Influencers,
    BuiltinLane::People,
    BuiltinLane::Process,
    BuiltinLane::Tech,
];

/// A lane declared under `custom_lanes:` in the config or a journey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomLane {
    pub id: String,
    pub title: String,
    /// Where its `id` is written.
    #[serde(skip)]
    pub pos: Pos,
}

/// One stage's items for a custom lane: `custom: {quotes: [...]}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomCell {
    pub lane: String,
    #[serde(skip)]
    pub pos: Pos,
    pub items: Vec<crate::model::Markdown>,
}

/// A row of the journey map, before the empty ones are dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lane {
    pub id: String,
    pub title: String,
    pub custom: bool,
}

/// Whether `id` names a built-in lane.
pub fn is_builtin(id: &str) -> bool {
    BuiltinLane::parse(id).is_some()
}

/// The custom lanes a journey may use: the config's, then its own, first declaration wins.
pub fn custom_lanes<'a>(config: &'a Config, journey: &'a Journey) -> Vec<&'a CustomLane> {
    let mut out: Vec<&CustomLane> = Vec::new();
    for lane in config.custom_lanes.iter().chain(&journey.custom_lanes) {
        if !is_builtin(&lane.id) && !out.iter().any(|l| l.id == lane.id) {
            out.push(lane);
        }
    }
    out
}

/// The lanes of `journey`'s map in order: its `lanes`, else the config's, else [`DEFAULT`];
/// custom lanes not listed follow in the order declared. Unknown and repeated ids are skipped
/// (validation reports them).
pub fn order(config: &Config, journey: &Journey) -> Vec<Lane> {
    let custom = custom_lanes(config, journey);
    let listed: Vec<&str> = match journey.lanes.as_ref().or(config.lanes.as_ref()) {
        Some(list) => list.iter().map(|l| l.value.as_str()).collect(),
        None => DEFAULT.iter().map(|l| l.as_str()).collect(),
    };
    let mut out: Vec<Lane> = Vec::new();
    let ids = listed.into_iter().chain(custom.iter().map(|c| c.id.as_str()));
    for id in ids {
        if out.iter().any(|l| l.id == id) {
            continue;
        }
        let lane = match (BuiltinLane::parse(id), custom.iter().find(|c| c.id == id)) {
            (Some(b), _) => Lane { id: b.as_str().to_string(), title: b.title().to_string(), custom: false },
            (None, Some(c)) => Lane { id: c.id.clone(), title: c.title.clone(), custom: true },
            (None, None) => continue,
        };
        out.push(lane);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::fields::Spanned;

    fn custom(id: &str) -> CustomLane {
        CustomLane { id: id.into(), title: id.to_uppercase(), pos: Pos::default() }
    }

    fn journey(lanes: Option<&[&str]>, custom_lanes: Vec<CustomLane>) -> Journey {
        let text = "title: T\nstages:\n  - name: A\n";
        let mut d = crate::diagnostic::Diagnostics::default();
        let mut j = crate::project::journey::parse(text, "t.yaml", "t", &mut d).expect("parses");
        j.lanes = lanes.map(|l| l.iter().map(|id| Spanned::new(id.to_string(), Pos::default())).collect());
        j.custom_lanes = custom_lanes;
        j
    }

    fn ids(lanes: Vec<Lane>) -> Vec<String> {
        lanes.into_iter().map(|l| l.id).collect()
    }

    #[test]
    fn the_default_order_then_custom_lanes_as_declared() {
        let config = Config { custom_lanes: vec![custom("quotes")], ..Config::default() };
        let order = ids(order(&config, &journey(None, vec![custom("moods")])));
        let default: Vec<&str> = DEFAULT.iter().map(|l| l.as_str()).collect();
        assert_eq!(&order[..DEFAULT.len()], default);
        assert_eq!(&order[DEFAULT.len()..], ["quotes", "moods"]);
    }

    #[test]
    fn the_journey_list_wins_over_the_config_and_skips_unknown_and_repeated_ids() {
        let listed = vec![Spanned::new("tech".to_string(), Pos::default())];
        let config = Config { lanes: Some(listed), custom_lanes: vec![custom("quotes")], ..Config::default() };
        assert_eq!(ids(order(&config, &journey(None, Vec::new()))), ["tech", "quotes"]);
        let own = journey(Some(&["quotes", "goal", "nope", "goal"]), vec![custom("goal"), custom("quotes")]);
        assert_eq!(ids(order(&config, &own)), ["quotes", "goal"]);
    }
}
