//! Pain points and opportunities as records (SPEC §10): reading them, and giving each an id
//! unique within its journey.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::metrics::period::Period;
use crate::model::action::{derive_id, Rice};
use crate::model::id::Slugify;
use crate::model::{id, Level, Opportunity, OpportunityStatus, PainPoint, PainStatus, Stage};
use crate::project::fields::Fields;
use crate::project::metrics::parse_number;
use crate::project::yaml::Node;

/// Keys a pain point written as a mapping may have.
pub const PAIN_POINT_KEYS: &[&str] =
    &["text", "id", "severity", "status", "owner", "frequency", "customers_affected", "evidence"];
/// Keys an opportunity written as a mapping may have.
pub const OPPORTUNITY_KEYS: &[&str] =
    &["text", "id", "impact", "effort", "status", "owner", "due", "fixes", "targets", "rice"];
/// Keys of an opportunity's `rice`.
pub const RICE_KEYS: &[&str] = &["reach", "impact", "confidence", "effort"];

/// Reads one pain point: a bare string, or a record. Its id is settled by [`assign_ids`].
pub fn pain_point(node: &Node, file: &str, diagnostics: &mut Diagnostics) -> Option<PainPoint> {
    if let Some(text) = node.as_text() {
        return Some(PainPoint {
            id: String::new(),
            text: text.to_string(),
            severity: Level::Medium,
            status: PainStatus::Open,
            owner: String::new(),
            frequency: None,
            customers_affected: None,
            evidence: Vec::new(),
            explicit_id: false,
            pos: node.pos,
        });
    }
    let mut f = Fields::new(node, file, "a pain point", PAIN_POINT_KEYS, diagnostics)?;
    let text = f.required_string("text");
    let explicit = explicit_id(&mut f);
    let point = PainPoint {
        explicit_id: explicit.is_some(),
        id: explicit.unwrap_or_default(),
        text: String::new(),
        severity: f.word("severity").unwrap_or_default(),
        status: f.word("status").unwrap_or_default(),
        owner: f.string("owner").map(|s| s.value).unwrap_or_default(),
        frequency: share(&mut f, "frequency"),
        customers_affected: f.count("customers_affected").map(|c| c.value),
        evidence: f.references("evidence"),
        pos: node.pos,
    };
    f.finish();
    Some(PainPoint { text: text?.value, ..point })
}

/// Reads one opportunity: a bare string, or a record.
pub fn opportunity(node: &Node, file: &str, diagnostics: &mut Diagnostics) -> Option<Opportunity> {
    if let Some(text) = node.as_text() {
        return Some(Opportunity {
            id: String::new(),
            text: text.to_string(),
            impact: Level::Medium,
            effort: Level::Medium,
            status: OpportunityStatus::Idea,
            owner: String::new(),
            due: None,
            fixes: Vec::new(),
            targets: Vec::new(),
            rice: None,
            due_period: None,
            explicit_id: false,
            status_pos: node.pos,
            pos: node.pos,
        });
    }
    let mut f = Fields::new(node, file, "an opportunity", OPPORTUNITY_KEYS, diagnostics)?;
    let text = f.required_string("text");
    let explicit = explicit_id(&mut f);
    let status_pos = f.get("status").map_or(node.pos, |n| n.pos);
    let (due, due_period) = due(&mut f);
    let opportunity = Opportunity {
        explicit_id: explicit.is_some(),
        id: explicit.unwrap_or_default(),
        text: String::new(),
        impact: f.word("impact").unwrap_or_default(),
        effort: f.word("effort").unwrap_or_default(),
        status: f.word("status").unwrap_or_default(),
        owner: f.string("owner").map(|s| s.value).unwrap_or_default(),
        due,
        fixes: f.references("fixes"),
        targets: f.references("targets"),
        rice: f.get("rice").and_then(|n| rice(n, file, f.diagnostics)),
        due_period,
        status_pos,
        pos: node.pos,
    };
    f.finish();
    Some(Opportunity { text: text?.value, ..opportunity })
}

/// An explicit `id:`, checked against SPEC §8; an invalid one is reported and left out.
fn explicit_id(f: &mut Fields) -> Option<String> {
    let given = f.string("id")?;
    let file = f.file();
    crate::project::resolve_id(Some(given), "", Pos::default(), Slugify::Unicode, file, f.diagnostics).map(|(id, _)| id)
}

/// A share of customers: a fraction 0..1 or an `N%` string.
fn share(f: &mut Fields, key: &str) -> Option<f64> {
    let node = f.get(key)?;
    let number = node.as_text().and_then(parse_number).filter(|n| (0.0..=1.0).contains(&n.value));
    if number.is_none() {
        let text = node.as_text().unwrap_or_default().to_string();
        f.error(
            "E023",
            node.span(),
            format!("`{key}` must be a share between 0 and 1 or a percentage such as \"42%\", found `{text}`"),
        );
    }
    number.map(|n| n.value)
}

/// `due`: a period (SPEC §5) or a date.
fn due(f: &mut Fields) -> (Option<String>, Option<Period>) {
    let Some(text) = f.string("due") else { return (None, None) };
    match Period::parse(&text.value) {
        Some(period) => (Some(text.value), Some(period)),
        None => {
            let message = format!(
                "`due` must be a period (YYYY, YYYY-MM, YYYY-Qn, YYYY-Wnn) or a date YYYY-MM-DD, found `{}`",
                text.value
            );
            f.error("E024", text.span(), message);
            (None, None)
        }
    }
}

fn rice(node: &Node, file: &str, diagnostics: &mut Diagnostics) -> Option<Rice> {
    let mut f = Fields::new(node, file, "`rice`", RICE_KEYS, diagnostics)?;
    let part = |f: &mut Fields, key: &str, range: std::ops::RangeInclusive<f64>| -> Option<f64> {
        if f.get(key).is_none() {
            let pos = f.pos();
            f.error("E021", pos, format!("`rice` needs `{key}`"));
            return None;
        }
        if key == "confidence" {
            return share(f, key);
        }
        f.number(key, range).map(|n| n.value)
    };
    let reach = part(&mut f, "reach", 0.0..=1e15);
    let impact = part(&mut f, "impact", 0.0..=1e6);
    let confidence = part(&mut f, "confidence", 0.0..=1.0);
    let effort = part(&mut f, "effort", 0.0..=1e6);
    let effort = effort.filter(|&e| e > 0.0).or_else(|| {
        if effort.is_some() {
            let at = f.get("effort").map_or(f.pos(), |n| n.pos);
            f.error("E023", at, "`effort` of `rice` must be above 0");
        }
        None
    });
    f.finish();
    Some(Rice { reach: reach?, impact: impact?, confidence: confidence?, effort: effort? })
}

/// Gives every pain point and opportunity of a journey's `stages` an id, one id space per
/// journey (SPEC §8, §10): explicit ids first, each once (E031 for a repeat); then derived
/// ids in file order by the `slugify` rule, a repeat getting `-2`, `-3`.
pub fn assign_ids(stages: &mut [Stage], file: &str, mode: Slugify, diagnostics: &mut Diagnostics) {
    let mut items: Vec<(Pos, &mut String, bool, &str)> = Vec::new();
    for s in stages.iter_mut() {
        for p in s.pain_points.iter_mut() {
            items.push((p.pos, &mut p.id, p.explicit_id, &p.text));
        }
        for o in s.opportunities.iter_mut() {
            items.push((o.pos, &mut o.id, o.explicit_id, &o.text));
        }
        for t in s.touchpoints.iter_mut() {
            for p in t.pain_points.iter_mut() {
                items.push((p.pos, &mut p.id, p.explicit_id, &p.text));
            }
            for o in t.opportunities.iter_mut() {
                items.push((o.pos, &mut o.id, o.explicit_id, &o.text));
            }
        }
    }
    items.sort_by_key(|(pos, ..)| (pos.line, pos.column));
    let mut taken: HashMap<String, Pos> = HashMap::new();
    for (pos, id, ..) in items.iter_mut().filter(|i| i.2) {
        if let Some(first) = taken.get(id.as_str()) {
            let message = format!("two pain points or opportunities of this journey have the id `{id}`");
            let help = format!(
                "the first is at line {}; ids are shared by a journey's pain points and opportunities",
                first.line
            );
            diagnostics.push(Diagnostic::error("E031", file, *pos, message).with_help(help));
        } else {
            taken.insert(id.to_string(), *pos);
        }
    }
    for (n, (pos, id, explicit, text)) in items.iter_mut().enumerate() {
        if *explicit {
            continue;
        }
        // Words in a script the slug rule does not keep still name the item: by its place
        // among the journey's items, as a stage whose name leaves nothing is `stage-N`.
        // Text with no letters or digits at all asks for an id.
        let letters = text.chars().any(char::is_alphanumeric);
        let Some(base) = derive_id(text, mode).or_else(|| letters.then(|| format!("item-{}", n + 1))) else {
            diagnostics.push(
                Diagnostic::error("E032", file, *pos, format!("cannot make an id from `{text}`"))
                    .with_help("add an `id:` of lowercase letters, digits and -"),
            );
            continue;
        };
        let unique = free_id(&base, &taken);
        taken.insert(unique.clone(), *pos);
        **id = unique;
    }
}

/// `base`, or the first of `base-2`, `base-3`, … not taken, cut to fit the id length limit.
fn free_id(base: &str, taken: &HashMap<String, Pos>) -> String {
    if !taken.contains_key(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| {
            let suffix = format!("-{n}");
            let head = id::cut_to(base, id::MAX_LEN - suffix.len(), id::MAX_BYTES - suffix.len()).trim_end_matches('-');
            format!("{head}{suffix}")
        })
        .find(|candidate| !taken.contains_key(candidate))
        .expect("some suffix is free")
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::diagnostic::Diagnostics;
    use crate::model::action::{opportunities, pains};

    /// A journey whose one stage lists `items` as pain points (`true`) or opportunities, each
    /// with an explicit id when one is given.
    fn journey_text(items: &[(bool, String, Option<String>)]) -> String {
        let mut pains = String::from("    pain_points:\n");
        let mut opps = String::from("    opportunities:\n");
        for (pain, text, id) in items {
            let entry = match id {
                Some(id) => format!("      - {{text: \"{text}\", id: {id}}}\n"),
                None => format!("      - \"{text}\"\n"),
            };
            if *pain {
                pains.push_str(&entry)
            } else {
                opps.push_str(&entry)
            }
        }
        format!("title: T\nstages:\n  - name: S\n{pains}{opps}")
    }

    proptest! {
        /// Derived ids never collide: every id in a journey is unique, or the load reports why.
        #[test]
        fn derived_ids_are_unique_or_an_error(
            items in prop::collection::vec(
                (any::<bool>(),
                 prop::sample::select(vec!["Slow", "slow", "Slow page", "slow-page", "Slow page 2", "✈️", "a b c d e f g h", "a b c d e f"]),
                 prop::option::of(prop::sample::select(vec!["slow", "slow-page", "slow-2", "a-b-c-d-e-f"]))),
                1..12)
        ) {
            let items: Vec<(bool, String, Option<String>)> =
                items.into_iter().map(|(p, t, id)| (p, t.to_string(), id.map(str::to_string))).collect();
            let mut d = Diagnostics::default();
            let journey = crate::project::journey::parse(&journey_text(&items), "j.yaml", "j", &mut d);
            let codes: Vec<&str> = d.iter().map(|d| d.code).collect();
            prop_assert!(codes.iter().all(|c| *c == "E031" || *c == "E032"), "{:?}", codes);
            if d.is_empty() {
                let j = journey.expect("a journey without errors");
                let js = std::slice::from_ref(&j);
                let mut ids: Vec<&str> = pains(js).map(|(.., p)| p.id.as_str()).chain(opportunities(js).map(|(.., o)| o.id.as_str())).collect();
                prop_assert_eq!(ids.len(), items.len());
                prop_assert!(ids.iter().all(|id| crate::model::id::is_valid(id)));
                ids.sort_unstable();
                let before = ids.len();
                ids.dedup();
                prop_assert_eq!(ids.len(), before);
            } else {
                let explicit: Vec<&String> = items.iter().filter_map(|i| i.2.as_ref()).collect();
                let repeat = explicit.iter().enumerate().any(|(i, a)| explicit[..i].contains(a));
                let nothing = items.iter().any(|i| i.2.is_none() && i.1 == "✈️");
                prop_assert!(repeat || nothing, "an error without a repeated id or an empty text: {:?}", codes);
            }
        }
    }
}
