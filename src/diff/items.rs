//! Pain points and opportunities of a stage (its own and its touchpoints'), matched by id
//! (SPEC §10, §13): added, removed or resolved, and what moved: severity and status of a pain
//! point, impact, effort and status of an opportunity.

use super::report::*;
use crate::model::action::Word;
use crate::model::{Opportunity, PainPoint, PainStatus, Stage};

fn pains(s: &Stage) -> Vec<&PainPoint> {
    s.pain_points.iter().chain(s.touchpoints.iter().flat_map(|t| &t.pain_points)).collect()
}

fn opportunities(s: &Stage) -> Vec<&Opportunity> {
    s.opportunities.iter().chain(s.touchpoints.iter().flat_map(|t| &t.opportunities)).collect()
}

/// A pain point is resolved when it is gone, or when its status became `resolved`.
pub fn pain_point_changes(base: &Stage, head: &Stage, out: &mut PainPointChanges) {
    let r = |p: &PainPoint| PainPointRef {
        stage: head.id.clone(),
        id: p.id.clone(),
        text: p.text.clone(),
        severity: p.severity.as_str(),
    };
    let (before, after) = (pains(base), pains(head));
    for p in &after {
        match before.iter().find(|b| b.id == p.id) {
            None => out.added.push(r(p)),
            Some(b) => {
                let level = |field, from, to| level(&head.id, &p.id, &p.text, field, from, to);
                out.changed.extend(level("severity", b.severity.as_str(), p.severity.as_str()));
                if p.status == PainStatus::Resolved && b.status != PainStatus::Resolved {
                    out.resolved.push(r(p));
                } else {
                    out.changed.extend(level("status", b.status.as_str(), p.status.as_str()));
                }
            }
        }
    }
    let gone = before.iter().filter(|b| !after.iter().any(|p| p.id == b.id));
    out.resolved.extend(gone.filter(|b| b.status != PainStatus::Resolved).map(|b| r(b)));
}

/// Opportunities added and removed, and their impact, effort and status moves.
pub fn opportunity_changes(base: &Stage, head: &Stage, out: &mut OpportunityChanges) {
    let r = |o: &Opportunity| OpportunityRef {
        stage: head.id.clone(),
        id: o.id.clone(),
        text: o.text.clone(),
        impact: o.impact.as_str(),
        effort: o.effort.as_str(),
        status: o.status.as_str(),
    };
    let (before, after) = (opportunities(base), opportunities(head));
    for o in &after {
        match before.iter().find(|b| b.id == o.id) {
            None => out.added.push(r(o)),
            Some(b) => {
                let level = |field, from, to| level(&head.id, &o.id, &o.text, field, from, to);
                out.changed.extend(level("impact", b.impact.as_str(), o.impact.as_str()));
                out.changed.extend(level("effort", b.effort.as_str(), o.effort.as_str()));
                out.changed.extend(level("status", b.status.as_str(), o.status.as_str()));
            }
        }
    }
    out.removed.extend(before.iter().filter(|b| !after.iter().any(|o| o.id == b.id)).map(|b| r(b)));
}

fn level(
    stage: &str,
    id: &str,
    text: &str,
    field: &'static str,
    from: &'static str,
    to: &'static str,
) -> Option<LevelChange> {
    (from != to).then(|| LevelChange {
        stage: stage.to_string(),
        id: id.to_string(),
        text: text.to_string(),
        field,
        from,
        to,
    })
}
