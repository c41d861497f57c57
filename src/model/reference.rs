//! Finding the stage or touchpoint that a note or a data row names (SPEC §8), and saying
//! which one was probably meant when none matches.

use crate::diagnostic::{Diagnostic, Span};
use crate::model::id::nfc;
use crate::model::{Journey, Stage};

/// The stage `reference` names: by id first, then by exact name. A name that two stages share
/// names none of them; the error (E036) lists their ids. An unknown reference gets E042 with
/// the nearest id or name, compared ignoring case, blanks and small typos.
pub fn stage<'j>(journey: &'j Journey, reference: &str, file: &str, at: Span) -> Result<&'j Stage, Diagnostic> {
    if let Some(stage) = find_stage(journey, reference) {
        return Ok(stage);
    }
    let key = nfc(reference);
    let named: Vec<&Stage> = journey.stages.iter().filter(|s| nfc(&s.name) == key).collect();
    match named.as_slice() {
        [stage] => Ok(stage),
        [] => Err(unknown_stage(journey, reference, file, at)),
        shared => {
            let ids: Vec<String> = shared.iter().map(|s| format!("`{}`", s.id)).collect();
            let message = format!("stages {} of `{}` are all named `{reference}`", ids.join(", "), journey.id);
            Err(Diagnostic::error("E036", file, at, message).with_help("refer to the stage by its id"))
        }
    }
}

/// The stage `reference` names, by id first, then by a name no other stage shares; for pages
/// built after validation has accepted every reference.
pub fn find_stage<'j>(journey: &'j Journey, reference: &str) -> Option<&'j Stage> {
    // Ids and names are compared in NFC: `café` typed with a combining accent is the same name.
    let key = nfc(reference);
    journey.stages.iter().find(|s| s.id == key).or_else(|| {
        let mut named = journey.stages.iter().filter(|s| nfc(&s.name) == key);
        let first = named.next()?;
        named.next().is_none().then_some(first)
    })
}

fn unknown_stage(journey: &Journey, reference: &str, file: &str, at: Span) -> Diagnostic {
    let message = format!("journey `{}` has no stage `{reference}`", journey.id);
    let names = journey.stages.iter().flat_map(|s| [s.id.as_str(), s.name.as_str()]);
    let d = Diagnostic::error("E042", file, at, message);
    let Some(near) = crate::suggest::nearest(reference, names) else { return d };
    let Some(stage) = journey.stages.iter().find(|s| s.id == near || s.name == near) else { return d };
    if stage.name == stage.id {
        d.with_help(format!("did you mean `{}`?", stage.id))
    } else {
        d.with_help(format!("did you mean `{}` ({})?", stage.id, stage.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Pos;

    fn journey(stages: &[(&str, &str)]) -> Journey {
        let mut text = String::from("title: Shop\nstages:\n");
        for (id, name) in stages {
            text.push_str(&format!("  - {{id: {id}, name: {name}}}\n"));
        }
        let mut d = crate::diagnostic::Diagnostics::default();
        crate::project::journey::parse(&text, "shop.yaml", "shop", &mut d).expect("a valid journey")
    }

    fn help(j: &Journey, reference: &str) -> Option<String> {
        stage(j, reference, "n.md", Pos::new(1, 1).into()).err().and_then(|d| d.help)
    }

    #[test]
    fn ids_come_before_names() {
        let j = journey(&[("a", "b"), ("b", "Other")]);
        assert_eq!(stage(&j, "b", "n.md", Span::default()).unwrap().name, "Other");
        assert_eq!(stage(&j, "Other", "n.md", Span::default()).unwrap().id, "b");
    }

    #[test]
    fn near_misses_name_the_stage() {
        let j = journey(&[("checkout", "Checkout"), ("delivery", "Delivery to the door")]);
        assert_eq!(help(&j, "Check out").as_deref(), Some("did you mean `checkout` (Checkout)?"));
        assert_eq!(
            help(&j, "delivery to the Door").as_deref(),
            Some("did you mean `delivery` (Delivery to the door)?")
        );
        assert_eq!(help(&j, "chekout").as_deref(), Some("did you mean `checkout` (Checkout)?"));
        assert_eq!(help(&j, "payment"), None);
    }

    #[test]
    fn a_shared_name_is_ambiguous() {
        let j = journey(&[("a", "Same"), ("b", "Same")]);
        let d = stage(&j, "Same", "n.md", Span::default()).unwrap_err();
        assert_eq!(d.code, "E036");
        assert_eq!(d.message, "stages `a`, `b` of `shop` are all named `Same`");
    }
}
