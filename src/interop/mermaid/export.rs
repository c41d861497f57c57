//! A journey as the Mermaid diagram a person would write for it.

use crate::model::{Journey, Persona};

/// A journey as a Mermaid `journey` diagram. A touchpoint without an emotion takes its
/// stage's; scores are rounded to whole numbers, as Mermaid draws them. A touchpoint without
/// actors names the journey's `persona`: by its name when Mermaid can read it as written,
/// else (as for an actor with that name) by its id, so that importing the diagram in the same
/// project links the persona again and gives the actor its name back.
pub fn export(journey: &Journey, persona: Option<&Persona>) -> String {
    let mut out = String::from("journey\n");
    if !journey.title.trim().is_empty() {
        out.push_str(&format!("    title {}\n", encode(journey.title.trim(), &[';'])));
    }
    if !journey.summary.excerpt.is_empty() {
        out.push_str(&format!("    accDescr: {}\n", encode(&journey.summary.excerpt, &[])));
    }
    // The persona by name when Mermaid reads the name as written, else by id.
    let readable = persona.filter(|p| !p.name.trim().is_empty() && actor(p.name.trim()) == p.name.trim());
    let default_actor = persona.map(|p| readable.map_or(p.id.clone(), |p| p.name.trim().to_string()));
    let actor = |name: &String| match persona {
        Some(p) if readable.is_none() && name.trim() == p.name.trim() => p.id.clone(),
        _ => actor(name),
    };
    for (n, stage) in journey.stages.iter().enumerate() {
        let name = shown(&stage.name, || format!("Stage {}", n + 1));
        out.push_str(&format!("    section {}\n", encode(&name, &[':', ';'])));
        for (m, t) in stage.touchpoints.iter().enumerate() {
            let score = crate::charts::svg::emotion_level(t.emotion.or(stage.emotion).unwrap_or(3.0));
            let actors: Vec<String> = if t.actors.is_empty() {
                default_actor.iter().cloned().collect()
            } else {
                t.actors.iter().map(actor).collect()
            };
            let tail = if actors.is_empty() { String::new() } else { format!(": {}", actors.join(", ")) };
            let name = shown(&t.name, || format!("Touchpoint {}", m + 1));
            out.push_str(&format!("      {}: {score}{tail}\n", task_name(&name)));
        }
    }
    out
}

/// `name` without blank space at its ends; `fallback` when nothing is left, as Mermaid has no
/// way to write an empty section or task name.
fn shown(name: &str, fallback: impl FnOnce() -> String) -> String {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        fallback()
    } else {
        trimmed.to_string()
    }
}

fn actor(name: &str) -> String {
    encode(name, &[':', ';', ','])
}

/// A task's name; one that starts like a keyword gets its first letter as an entity, since
/// Mermaid would read `Section planning: 3` as a section and `journey …` as the diagram's start.
fn task_name(name: &str) -> String {
    let text = encode(name.trim(), &[':', ';']);
    let lower = text.to_lowercase();
    let after = |word: &str| lower.strip_prefix(word).map(|rest| rest.trim_start());
    let keyword =
        lower.strip_prefix("journey").is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
            || ["title", "section"]
                .iter()
                .any(|w| lower.strip_prefix(w).is_some_and(|r| r.starts_with(char::is_whitespace)))
            || after("acctitle").is_some_and(|r| r.starts_with(':'))
            || after("accdescr").is_some_and(|r| r.starts_with([':', '{']));
    match text.chars().next() {
        Some(first) if keyword => format!("#{};{}", first as u32, &text[first.len_utf8()..]),
        _ => text,
    }
}

/// `text` on one line with `#`, `%%` and each of `special` written as Mermaid entities.
fn encode(text: &str, special: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '#' => out.push_str("#35;"),
            '%' if previous == Some('%') => out.push_str("#37;"),
            c if special.contains(&c) => out.push_str(&format!("#{};", c as u32)),
            c => out.push(c),
        }
        previous = Some(c);
    }
    out
}
