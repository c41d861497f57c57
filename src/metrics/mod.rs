//! Metrics (SPEC §5): the catalogue, derived values, status and funnels. Pure functions, no I/O.

pub mod catalogue;
pub mod funnel;

use serde::Serialize;

use crate::model::Journey;

#[derive(Serialize)]
struct JsonJourney<'a> {
    id: &'a str,
    title: &'a str,
    state: &'a str,
    metrics: Vec<()>,
    stages: Vec<JsonStage<'a>>,
}

#[derive(Serialize)]
struct JsonStage<'a> {
    id: &'a str,
    name: &'a str,
    entered: Option<u64>,
    drop_off: Option<f64>,
    emotion: Option<f64>,
    metrics: Vec<()>,
}

/// `metrics.json` (SPEC §7): every journey's stages, funnel and metrics, values unrounded.
pub fn json(journeys: &[Journey]) -> Vec<u8> {
    #[derive(Serialize)]
    struct Root<'a> {
        journeys: Vec<JsonJourney<'a>>,
    }
    let journeys = journeys
        .iter()
        .map(|j| {
            let drops = funnel::drop_offs(&j.stages.iter().map(|s| s.entered).collect::<Vec<_>>());
            JsonJourney {
                id: &j.id,
                title: &j.title,
                state: j.state,
                metrics: Vec::new(),
                stages: j
                    .stages
                    .iter()
                    .zip(drops)
                    .map(|(s, drop_off)| JsonStage {
                        id: &s.id,
                        name: &s.name,
                        entered: s.entered,
                        drop_off,
                        emotion: s.emotion,
                        metrics: Vec::new(),
                    })
                    .collect(),
            }
        })
        .collect();
    let mut out = serde_json::to_vec_pretty(&Root { journeys }).expect("metrics serialise");
    out.push(b'\n');
    out
}
