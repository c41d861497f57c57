//! Mermaid `journey` diagrams, in and out.
//!
//! ```text
//! journey
//!     title My working day
//!     section Go to work
//!       Make tea: 5: Me
//!       Do work: 1: Me, Cat
//! ```
//!
//! Keywords are case-insensitive; `%%` starts a comment line; `accTitle:` and `accDescr:`
//! (or `accDescr { … }`) carry accessible text; tasks before any `section` form a first stage.
//! Scores are whole numbers from 1 to 5. A `:` or `,` inside a name is written `#58;` or
//! `#44;`, Mermaid's entities for them, and `#` as `#35;`.

use crate::diagnostic::{Diagnostic, Pos};
use crate::model::Journey;

/// A diagram as read: title, accessible description, and sections of tasks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagram {
    pub title: String,
    pub description: String,
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    pub name: String,
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub name: String,
    pub score: u8,
    pub actors: Vec<String>,
}

/// The name of the stage that holds tasks written before any `section`.
pub const FIRST_STAGE: &str = "Start";

fn decode(text: &str) -> String {
    text.replace("#58;", ":").replace("#44;", ",").replace("#35;", "#")
}

fn encode(text: &str) -> String {
    text.replace('#', "#35;").replace(':', "#58;").replace(',', "#44;").replace('\n', " ")
}

/// Reads a diagram; every problem is a diagnostic at its line, and all of them are reported.
pub fn parse(text: &str, file: &str) -> Result<Diagram, Vec<Diagnostic>> {
    let mut diagram = Diagram::default();
    let mut errors = Vec::new();
    let mut seen_header = false;
    let mut in_description = false;
    for (index, raw) in text.lines().enumerate() {
        let line_no = index as u32 + 1;
        let line = raw.trim();
        let column = (raw.len() - raw.trim_start().len()) as u32 + 1;
        let at = Pos::new(line_no, column);
        if in_description {
            if line.ends_with('}') {
                let part = line.trim_end_matches('}').trim();
                push_line(&mut diagram.description, part);
                in_description = false;
            } else {
                push_line(&mut diagram.description, line);
            }
            continue;
        }
        if line.is_empty() || line.starts_with("%%") {
            continue;
        }
        let lower = line.to_lowercase();
        if !seen_header {
            if lower == "journey" {
                seen_header = true;
                continue;
            }
            errors.push(
                Diagnostic::error("E100", file, at, format!("expected the `journey` keyword, found `{line}`"))
                    .with_help("a Mermaid journey diagram starts with a line `journey`"),
            );
            return Err(errors);
        }
        if let Some(rest) = keyword(line, &lower, "title") {
            diagram.title = decode(rest);
        } else if let Some(rest) = keyword(line, &lower, "acctitle") {
            if diagram.title.is_empty() {
                diagram.title = decode(rest.trim_start_matches(':').trim());
            }
        } else if let Some(rest) = keyword(line, &lower, "accdescr") {
            let rest = rest.trim();
            if let Some(block) = rest.strip_prefix('{') {
                let block = block.trim();
                if let Some(one_line) = block.strip_suffix('}') {
                    push_line(&mut diagram.description, one_line.trim());
                } else {
                    push_line(&mut diagram.description, block);
                    in_description = true;
                }
            } else {
                push_line(&mut diagram.description, rest.trim_start_matches(':').trim());
            }
        } else if let Some(rest) = keyword(line, &lower, "section") {
            diagram.sections.push(Section { name: decode(rest), tasks: Vec::new() });
        } else {
            match task(line, file, at) {
                Ok(t) => {
                    if diagram.sections.is_empty() {
                        diagram.sections.push(Section { name: FIRST_STAGE.into(), tasks: Vec::new() });
                    }
                    diagram.sections.last_mut().expect("just made").tasks.push(t);
                }
                Err(d) => errors.push(d),
            }
        }
    }
    if !seen_header {
        errors.push(Diagnostic::error(
            "E100",
            file,
            Pos::new(1, 1),
            "the diagram is empty; it needs a `journey` line and a section",
        ));
    } else if diagram.sections.is_empty() && errors.is_empty() && !in_description {
        errors.push(Diagnostic::error("E100", file, Pos::new(1, 1), "the diagram has no sections or tasks"));
    }
    if in_description {
        errors.push(Diagnostic::error(
            "E100",
            file,
            Pos::new(text.lines().count() as u32, 1),
            "`accDescr {` is never closed with `}`",
        ));
    }
    if errors.is_empty() {
        Ok(diagram)
    } else {
        Err(errors)
    }
}

fn push_line(target: &mut String, line: &str) {
    if line.is_empty() {
        return;
    }
    if !target.is_empty() {
        target.push('\n');
    }
    target.push_str(line);
}

/// The rest of `line` after `word` (case-insensitive) and a separator.
fn keyword<'l>(line: &'l str, lower: &str, word: &str) -> Option<&'l str> {
    let rest_lower = lower.strip_prefix(word)?;
    let next = rest_lower.chars().next();
    if !matches!(next, None | Some(' ' | '\t' | ':' | '{')) {
        return None;
    }
    Some(line[word.len()..].trim())
}

fn task(line: &str, file: &str, at: Pos) -> Result<Task, Diagnostic> {
    let mut parts = line.splitn(3, ':');
    let name = parts.next().unwrap_or_default().trim();
    let Some(score_text) = parts.next().map(str::trim) else {
        return Err(Diagnostic::error("E101", file, at, format!("`{line}` is not a task"))
            .with_help("write a task as `Name: score: actor, actor`, with a score from 1 to 5"));
    };
    if name.is_empty() {
        return Err(Diagnostic::error("E101", file, at, "a task needs a name before its score"));
    }
    let score: u8 = match score_text.parse::<u8>() {
        Ok(s) if (1..=5).contains(&s) => s,
        _ => {
            let why = if score_text.parse::<f64>().is_ok_and(|v| v.fract() != 0.0) {
                "a decimal; Mermaid scores are whole numbers"
            } else {
                "not a whole number from 1 to 5"
            };
            return Err(Diagnostic::error("E102", file, at, format!("score `{score_text}` of task `{name}` is {why}")));
        }
    };
    let actors = parts
        .next()
        .map(|a| a.split(',').map(|s| decode(s.trim())).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    Ok(Task { name: decode(name), score, actors })
}

/// The journey file (YAML) for a diagram; `id` names it.
pub fn to_yaml(diagram: &Diagram, id: &str) -> String {
    let q = |s: &str| serde_json::to_string(s).expect("strings serialise");
    let title = if diagram.title.is_empty() { id.to_string() } else { diagram.title.clone() };
    let mut out = format!("title: {}\n", q(&title));
    if !diagram.description.is_empty() {
        out.push_str(&format!("summary: {}\n", q(&diagram.description)));
    }
    out.push_str("stages:\n");
    for (i, section) in diagram.sections.iter().enumerate() {
        out.push_str(&format!("  - name: {}\n", q(&section.name)));
        if crate::model::id::derive(&section.name).is_none() {
            out.push_str(&format!("    id: stage-{}\n", i + 1));
        }
        if section.tasks.is_empty() {
            continue;
        }
        out.push_str("    touchpoints:\n");
        for t in &section.tasks {
            out.push_str(&format!("      - name: {}\n        emotion: {}\n", q(&t.name), t.score));
            if !t.actors.is_empty() {
                let actors: Vec<String> = t.actors.iter().map(|a| q(a)).collect();
                out.push_str(&format!("        actors: [{}]\n", actors.join(", ")));
            }
        }
    }
    out
}

/// Every actor named in the diagram, in order of first appearance.
pub fn actors(diagram: &Diagram) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for a in diagram.sections.iter().flat_map(|s| &s.tasks).flat_map(|t| &t.actors) {
        if !out.contains(a) {
            out.push(a.clone());
        }
    }
    out
}

/// A journey as a Mermaid `journey` diagram. A touchpoint without an emotion takes its
/// stage's; scores are rounded to whole numbers, as Mermaid requires.
pub fn export(journey: &Journey, persona: Option<&str>) -> String {
    let mut out = format!("journey\n    title {}\n", encode(&journey.title));
    if !journey.summary.excerpt.is_empty() {
        out.push_str(&format!("    accDescr: {}\n", encode(&journey.summary.excerpt)));
    }
    for stage in &journey.stages {
        out.push_str(&format!("    section {}\n", encode(&stage.name)));
        for t in &stage.touchpoints {
            let score = t.emotion.or(stage.emotion).unwrap_or(3.0).round().clamp(1.0, 5.0) as u8;
            let actors: Vec<String> = if t.actors.is_empty() {
                persona.map(|p| vec![encode(p)]).unwrap_or_default()
            } else {
                t.actors.iter().map(|a| encode(a)).collect()
            };
            let tail = if actors.is_empty() { String::new() } else { format!(": {}", actors.join(", ")) };
            out.push_str(&format!("      {}: {score}{tail}\n", encode(&t.name)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_example() {
        let d = parse("journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me\n      Go upstairs: 3: Me\n      Do work: 1: Me, Cat\n    section Go home\n      Go downstairs: 5: Me\n      Sit down: 5: Me\n", "d.mmd").unwrap();
        assert_eq!(d.title, "My working day");
        assert_eq!(d.sections.len(), 2);
        assert_eq!(
            d.sections[0].tasks[2],
            Task { name: "Do work".into(), score: 1, actors: vec!["Me".into(), "Cat".into()] }
        );
    }

    #[test]
    fn awkward_grammar() {
        let text = "%% leading comment\nJOURNEY\n  accTitle: Accessible title\n  accDescr {\n    Two lines\n    of description\n  }\n  Early task: 4\n  %% a comment between tasks\n  Section  Mixed Case #58; colon\n  Task with #58; colon: 2: A #35;1, B\n";
        let d = parse(text, "d.mmd").unwrap();
        assert_eq!(d.title, "Accessible title");
        assert_eq!(d.description, "Two lines\nof description");
        assert_eq!(d.sections[0].name, FIRST_STAGE);
        assert_eq!(d.sections[0].tasks[0].actors, Vec::<String>::new());
        assert_eq!(d.sections[1].name, "Mixed Case : colon");
        assert_eq!(d.sections[1].tasks[0].name, "Task with : colon");
        assert_eq!(d.sections[1].tasks[0].actors, vec!["A #1".to_string(), "B".into()]);
    }

    #[test]
    fn bad_scores_are_errors_at_their_line() {
        let errors = parse("journey\nsection A\n  a: 3.5: Me\n  b: 7\n  c: x\n  no score here\n", "d.mmd").unwrap_err();
        let found: Vec<(&str, u32)> = errors.iter().map(|d| (d.code, d.line)).collect();
        assert_eq!(found, vec![("E102", 3), ("E102", 4), ("E102", 5), ("E101", 6)]);
        assert!(errors[0].message.contains("decimal"));
    }

    #[test]
    fn not_a_journey() {
        let e = parse("graph TD\n A-->B\n", "d.mmd").unwrap_err();
        assert_eq!((e[0].code, e[0].line), ("E100", 1));
        assert!(parse("", "d.mmd").is_err());
        assert!(parse("journey\n  title Empty\n", "d.mmd").is_err());
    }
}
