//! Review warnings of SPEC §10: stale journeys (W020), high-severity pain points without
//! evidence (W021) and active opportunities without their own owner (W022).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::action::{opportunities, pains};
use crate::model::{Journey, Level, OpportunityStatus};
use crate::project::Project;

/// Today for review purposes: the day of `SOURCE_DATE_EPOCH` when it is set, so builds stay
/// reproducible, else the system clock's (UTC).
pub fn today() -> NaiveDate {
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok());
    match epoch.and_then(|secs| chrono::DateTime::from_timestamp(secs, 0)) {
        Some(time) => time.date_naive(),
        None => chrono::Utc::now().date_naive(),
    }
}

/// Whether `j` is due for review on `today`: `updated` more than `stale_after` days before.
pub fn is_stale(j: &Journey, stale_after: u64, today: NaiveDate) -> bool {
    j.updated.is_some_and(|updated| (today - updated).num_days() > stale_after as i64)
}

/// Pushes the review warnings of every journey.
pub fn check(project: &Project, diagnostics: &mut Diagnostics) {
    let today = today();
    let stale_after = project.config.stale_after;
    for j in project.journeys.iter().filter(|j| is_stale(j, stale_after, today)) {
        let updated = j.updated.expect("a stale journey has a date");
        let days = (today - updated).num_days();
        let message = format!("journey `{}` was last updated {days} days ago ({updated}); it needs review", j.id);
        let help = format!("review it and set `updated`, or raise `stale_after` (now {stale_after} days)");
        diagnostics.push(Diagnostic::warning("W020", &j.file, j.updated_pos, message).with_help(help));
    }
    let built = |draft: bool| !draft || project.config.build_drafts;
    let supported: BTreeSet<&str> = project
        .notes
        .iter()
        .filter(|n| built(n.draft))
        .flat_map(|n| n.supports.iter().map(|s| s.value.as_str()))
        .collect();
    let notes: BTreeSet<&str> = project.notes.iter().filter(|n| built(n.draft)).map(|n| n.id.as_str()).collect();
    for (j, _, _, p) in pains(&project.journeys).filter(|(.., p)| p.severity == Level::High) {
        let has_evidence = p.evidence.iter().any(|e| notes.contains(e.value.as_str()))
            || supported.contains(format!("{}/{}", j.id, p.id).as_str());
        if !has_evidence {
            let message = format!("high-severity pain point `{}` has no evidence", p.id);
            let help = "list the notes behind it under `evidence`, or name it in a note's `supports`";
            diagnostics.push(Diagnostic::warning("W021", &j.file, p.pos, message).with_help(help));
        }
    }
    let active = [OpportunityStatus::Planned, OpportunityStatus::InProgress];
    for (j, _, _, o) in opportunities(&project.journeys).filter(|(.., o)| active.contains(&o.status)) {
        if o.owner.trim().is_empty() {
            let message = format!("opportunity `{}` is {} but has no `owner`", o.id, o.status.title().to_lowercase());
            let help = "name who delivers it with `owner:`";
            diagnostics.push(Diagnostic::warning("W022", &j.file, o.status_pos, message).with_help(help));
        }
    }
}
