//! `content/insights/**/*.md`: YAML front matter and a Markdown body (SPEC §6).

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::model::{Level, Markdown, Note, NoteKind};
use crate::project::fields::Fields;
use crate::project::yaml;

/// Keys a note's front matter may have.
pub const KEYS: &[&str] = &[
    "title",
    "language",
    "date",
    "journey",
    "stage",
    "touchpoint",
    "kind",
    "tags",
    "author",
    "confidence",
    "draft",
    "supports",
    "extra",
];

/// Front matter and body of a note, split at the `---` fences.
struct Split<'t> {
    front: &'t str,
    /// Line of the first front-matter line, minus one: added to YAML positions.
    front_offset: u32,
    body: &'t str,
    body_line: u32,
}

/// Reads one note; `id` is its path under `insights/` without `.md`.
pub fn parse(text: &str, file: &str, id: String, diagnostics: &mut Diagnostics) -> Option<Note> {
    let split = split(text, file, diagnostics)?;
    let root = match yaml::parse(split.front, file, split.front_offset) {
        Ok(root) => root,
        Err(errors) => {
            errors.into_iter().for_each(|d| diagnostics.push(d));
            return None;
        }
    };
    if root.is_null() {
        diagnostics.push(Diagnostic::error(
            "E021",
            file,
            Pos::new(1, 1),
            "front matter is empty; a note needs `title` and `date`",
        ));
        return None;
    }
    let mut f = Fields::new(&root, file, "front matter", KEYS, diagnostics)?;
    let title = f.required_string("title");
    let date = f.required_date("date");
    let journey = f.string("journey");
    let stage = f.string("stage");
    let touchpoint = f.string("touchpoint");
    if stage.is_some() && journey.is_none() {
        let at = stage.as_ref().map_or(Pos::new(1, 1).into(), |s| s.span());
        f.error("E044", at, "`stage` needs a `journey` to look it up in");
    }
    if touchpoint.is_some() && stage.is_none() {
        let at = touchpoint.as_ref().map_or(Pos::new(1, 1).into(), |s| s.span());
        f.error("E044", at, "`touchpoint` needs a `stage` to look it up in");
    }
    let note = Note {
        id,
        title: String::new(),
        language: f.language("language"),
        date: chrono::NaiveDate::MIN,
        journey,
        stage,
        touchpoint,
        kind: f.word::<NoteKind>("kind").unwrap_or_default(),
        tags: f.tags("tags"),
        author: f.string("author").map(|s| s.value).unwrap_or_default(),
        confidence: f.word::<Level>("confidence").unwrap_or_default(),
        draft: f.bool("draft").unwrap_or(false),
        supports: f.references("supports"),
        body: Markdown::new(split.body.to_string(), Pos::new(split.body_line, 1)),
        extra: f.extra(),
        file: file.to_string(),
    };
    f.finish();
    Some(Note { title: title?.value, date: date?.value, ..note })
}

fn split<'t>(text: &'t str, file: &str, diagnostics: &mut Diagnostics) -> Option<Split<'t>> {
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != "---" {
        diagnostics.push(
            Diagnostic::error("E050", file, Pos::new(1, 1), "a note starts with front matter between `---` lines")
                .with_help("begin the file with `---`, then `title:` and `date:`, then `---`"),
        );
        return None;
    }
    let front_start = first.len();
    let mut offset = front_start;
    for (index, line) in lines.enumerate() {
        if line.trim_end() == "---" {
            let body_start = offset + line.len();
            return Some(Split {
                front: &text[front_start..offset],
                front_offset: 1,
                body: &text[body_start..],
                body_line: index as u32 + 3,
            });
        }
        offset += line.len();
    }
    diagnostics.push(
        Diagnostic::error("E050", file, Pos::new(1, 1), "front matter never closes")
            .with_help("end the front matter with a line of `---`"),
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_in_front_matter_count_from_the_file_start() {
        let mut d = Diagnostics::default();
        let note = parse("---\ntitle: T\ndate: 2026-13-01\n---\nBody\n", "n.md", "n".into(), &mut d);
        assert!(note.is_none());
        let all = d.sorted();
        assert_eq!((all[0].code, all[0].line, all[0].column), ("E024", 3, 7));
    }

    #[test]
    fn body_line_is_after_the_fence() {
        let mut d = Diagnostics::default();
        let note = parse("---\ntitle: T\ndate: 2026-01-01\n---\nBody\n", "n.md", "n".into(), &mut d).unwrap();
        assert_eq!(note.body.pos.line, 5);
        assert_eq!(note.body.source, "Body\n");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let mut d = Diagnostics::default();
        assert!(parse("---\ntitle: T\n", "n.md", "n".into(), &mut d).is_none());
        assert_eq!(d.sorted()[0].code, "E050");
    }
}
