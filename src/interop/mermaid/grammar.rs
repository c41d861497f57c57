//! Statements of a `journey` diagram, read as Mermaid's parser and `journeyDb` read them.

use super::lexer::{self, Block, Kind, Token};
use super::source::{decode, is_blank, Source};
use super::{Diagram, Section, Task, FIRST_STAGE};
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Reads a diagram; problems go to `diagnostics`, all of them, each at its line and column.
/// `None` when the diagram has an error.
pub fn parse(text: &str, file: &str, diagnostics: &mut Diagnostics) -> Option<Diagram> {
    let errors_before = diagnostics.error_count();
    let mut source = Source::new(text);
    source.single_quote_tag_attributes();
    let mut diagram = Diagram::default();
    if let Some((yaml, line)) = source.take_front_matter() {
        diagram.title = front_matter_title(&yaml, file, line, diagnostics);
    } else if source.chars.starts_with(&['-', '-', '-']) {
        diagnostics.push(
            source
                .error("E100", file, 0, "the front matter is never closed")
                .with_help("Mermaid reads front matter only between two `---` lines that are not indented"),
        );
        return None;
    }
    source.remove_directives();
    source.remove_comment_lines();
    if !is_journey(&source, file, diagnostics) {
        return None;
    }
    source.drop_style_semicolons();
    source.mark_entities();
    let (tokens, block) = lexer::tokens(&source);
    let mut reader = Reader { source: &source, file, diagram, diagnostics };
    reader.statements(&tokens);
    let Reader { mut diagram, diagnostics, .. } = reader;
    if let Some(Block::Open(at)) = block {
        let message = "`accDescr {` is never closed with `}`; Mermaid reads the rest of the diagram as its description";
        let d = Diagnostic::warning("W051", file, source.pos(at), message).with_help("close the block with `}`");
        diagnostics.push(d);
    }
    if diagnostics.error_count() > errors_before {
        return None;
    }
    if diagram.sections.is_empty() {
        diagnostics.push(
            source
                .error("E100", file, 0, "the diagram has no sections or tasks; there is nothing to import")
                .with_help("add a `section` line and tasks such as `Make tea: 5: Me`"),
        );
        return None;
    }
    diagram.title = diagram.title.trim_matches(is_blank).to_string();
    Some(diagram)
}

/// The `title:` of the front matter; its other keys (`config:` …) only style the drawing.
fn front_matter_title(yaml: &str, file: &str, line: u32, diagnostics: &mut Diagnostics) -> String {
    match crate::project::yaml::parse(yaml, file, line) {
        Ok(root) => root
            .as_map()
            .and_then(|map| map.iter().find(|(k, _)| k.as_text() == Some("title")))
            .and_then(|(_, v)| v.as_text().map(str::to_string))
            .unwrap_or_default(),
        Err(errors) => {
            errors.into_iter().for_each(|d| diagnostics.push(d));
            String::new()
        }
    }
}

/// Mermaid knows a journey by `journey`, in lower case, at the start of what is left.
fn is_journey(source: &Source, file: &str, diagnostics: &mut Diagnostics) -> bool {
    let first_line: String = source.chars.iter().take_while(|c| **c != '\n').collect();
    if first_line.starts_with("journey") {
        return true;
    }
    let d = if first_line.is_empty() {
        source.error("E100", file, 0, "the diagram is empty; it needs a `journey` line and a section")
    } else if first_line.to_lowercase().starts_with("journey") {
        source
            .error("E100", file, 0, format!("expected the `journey` keyword, found `{}`", first_line.trim_end()))
            .with_help("Mermaid recognises the diagram only by `journey` in lower case")
    } else {
        source
            .error("E100", file, 0, format!("expected the `journey` keyword, found `{}`", first_line.trim_end()))
            .with_help("a Mermaid journey diagram starts with a line `journey`")
    };
    diagnostics.push(d);
    false
}

struct Reader<'a> {
    source: &'a Source,
    file: &'a str,
    diagram: Diagram,
    diagnostics: &'a mut Diagnostics,
}

impl Reader<'_> {
    fn error(&mut self, token: &Token, code: &'static str, message: String, help: &str) {
        let d = self.source.error(code, self.file, token.start, message).with_help(help);
        self.diagnostics.push(d);
    }

    fn statements(&mut self, tokens: &[Token]) {
        if tokens[0].kind != Kind::Journey {
            let found = tokens[0].text.trim().to_string();
            let help = "a Mermaid journey diagram starts with a line `journey`";
            return self.error(&tokens[0], "E100", format!("expected the `journey` keyword, found `{found}`"), help);
        }
        let mut i = 1;
        while tokens[i].kind != Kind::Eof {
            if !self.statement(tokens, &mut i) {
                while !matches!(tokens[i].kind, Kind::Newline | Kind::Eof) {
                    i += 1;
                }
            }
            if tokens[i].kind != Kind::Eof {
                i += 1;
            }
        }
    }

    /// Reads the statement at `tokens[*i]`, leaving `*i` on its last token; false on an error.
    fn statement(&mut self, tokens: &[Token], i: &mut usize) -> bool {
        let token = &tokens[*i];
        let task_help = "write a task as `Name: score: actor, actor`, with a score from 1 to 5";
        match token.kind {
            Kind::Newline | Kind::Eof => {}
            Kind::Title => self.diagram.title = decode(&token.text),
            Kind::AccTitle | Kind::AccDescr => {
                *i += 1;
                let value = decode(tokens[*i].text.trim_matches(is_blank));
                if token.kind == Kind::AccTitle {
                    self.diagram.acc_title = value;
                } else {
                    self.diagram.description = value;
                }
            }
            Kind::AccBlock => self.diagram.description = join_lines(&decode(token.text.trim_matches(is_blank))),
            Kind::Section => {
                let number = self.diagram.sections.len() + 1;
                let name = named(decode(&token.text), || format!("Stage {number}"));
                self.diagram.sections.push(Section { name, tasks: Vec::new() });
            }
            Kind::TaskName if tokens[*i + 1].kind == Kind::TaskData => {
                *i += 1;
                self.task(token, &tokens[*i]);
            }
            Kind::TaskName => {
                let name = decode(token.text.trim_matches(is_blank));
                let message = if tokens[*i + 1].kind == Kind::Colon {
                    format!("task `{name}` has no score after its `:`")
                } else {
                    format!("`{name}` is not a task")
                };
                let help = if name.to_lowercase().starts_with("accdescription") {
                    "Mermaid has no `accDescription`; write `accDescr: text`"
                } else {
                    task_help
                };
                self.error(token, "E101", message, help);
                return false;
            }
            Kind::TaskData | Kind::Colon => {
                self.error(token, "E101", "a task needs a name before its `:`".into(), task_help);
                return false;
            }
            Kind::Journey => {
                let help = "Mermaid reads a line that starts with `journey` as the diagram's keyword; write its first letter as `#106;`";
                self.error(token, "E101", "`journey` may only open the diagram".into(), help);
                return false;
            }
            Kind::Invalid | Kind::AccValue => {
                let text = token.text.clone();
                self.error(token, "E101", format!("Mermaid does not accept `{text}` here"), "write `;` as `#59;`");
                return false;
            }
        }
        true
    }

    /// A task as `journeyDb.addTask` makes it: the text after the first `:` split on `:`; the
    /// first part is the score, the second the actors split on `,`, any further part ignored.
    fn task(&mut self, name_token: &Token, data: &Token) {
        let pieces: Vec<&str> = data.text[1..].split(':').collect();
        let actors = pieces
            .get(1)
            .map(|list| list.split(',').map(|a| decode(a.trim_matches(is_blank)).trim().to_string()))
            .into_iter()
            .flatten()
            .filter(|a| !a.is_empty())
            .collect();
        if self.diagram.sections.is_empty() {
            self.diagram.sections.push(Section { name: FIRST_STAGE.into(), tasks: Vec::new() });
        }
        let section = self.diagram.sections.last().expect("just made sure");
        let number = section.tasks.len() + 1;
        let name = named(decode(&name_token.text), || format!("Task {number}"));
        let score_at = data.start + 1 + pieces[0].chars().take_while(|c| is_blank(*c)).count();
        let score = self.score(pieces[0], &name, score_at);
        let section = self.diagram.sections.last_mut().expect("just made sure");
        section.tasks.push(Task { name, score, actors });
    }

    /// The score as Mermaid's `Number(text)` reads it, clamped to 1–5; none when not a number.
    fn score(&mut self, text: &str, task: &str, at: usize) -> Option<f64> {
        let value = js_number(text);
        let shown = decode(text.trim_matches(is_blank));
        let (score, what, help) = if value.is_nan() {
            let help = "write a task as `Name: score: actor, actor`; the score comes first";
            (None, "is not a number; the touchpoint gets no emotion".to_string(), help)
        } else if (1.0..=5.0).contains(&value) {
            return Some(value);
        } else {
            let clamped = value.clamp(1.0, 5.0);
            let help = "Mermaid draws a journey's scores on a scale from 1 to 5";
            (Some(clamped), format!("is outside 1–5; imported as {clamped}"), help)
        };
        let d = Diagnostic::warning(
            "W050",
            self.file,
            self.source.pos(at),
            format!("score `{shown}` of task `{task}` {what}"),
        )
        .with_help(help);
        self.diagnostics.push(d);
        score
    }
}

/// A name as shown: blank space at both ends dropped; `fallback` when nothing is left.
fn named(name: String, fallback: impl FnOnce() -> String) -> String {
    let trimmed = name.trim_matches(is_blank);
    if trimmed.is_empty() {
        fallback()
    } else {
        trimmed.to_string()
    }
}

/// An `accDescr { … }` block's lines without their indentation, blank lines dropped.
fn join_lines(text: &str) -> String {
    let mut lines = text.split('\n');
    let mut out = lines.next().unwrap_or_default().to_string();
    for line in lines.map(|l| l.trim_start_matches(is_blank)).filter(|l| !l.is_empty()) {
        out.push('\n');
        out.push_str(line);
    }
    out
}

/// JavaScript's `Number(text)`: blank is 0; decimal, exponent, `0x`/`0o`/`0b` and `Infinity`
/// forms; anything else is NaN.
pub fn js_number(text: &str) -> f64 {
    let t = text.trim_matches(is_blank);
    if t.is_empty() {
        return 0.0;
    }
    match t {
        "Infinity" | "+Infinity" => return f64::INFINITY,
        "-Infinity" => return f64::NEG_INFINITY,
        _ => {}
    }
    for (prefix, radix) in [("0x", 16), ("0X", 16), ("0o", 8), ("0O", 8), ("0b", 2), ("0B", 2)] {
        if let Some(digits) = t.strip_prefix(prefix) {
            let valid = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
            return if valid {
                digits.chars().fold(0.0, |n, c| n * radix as f64 + c.to_digit(radix).unwrap_or(0) as f64)
            } else {
                f64::NAN
            };
        }
    }
    let unsigned = t.strip_prefix(['+', '-']).unwrap_or(t);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(e) => (&unsigned[..e], Some(&unsigned[e + 1..])),
        None => (unsigned, None),
    };
    let digits = mantissa.chars().filter(|c| c.is_ascii_digit()).count();
    let mantissa_ok =
        digits > 0 && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.') && mantissa.matches('.').count() <= 1;
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && e.chars().all(|c| c.is_ascii_digit())
    });
    if mantissa_ok && exponent_ok {
        t.parse().unwrap_or(f64::NAN)
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_javascript_reads_them() {
        for (text, want) in [(" 5 ", 5.0), ("", 0.0), ("  ", 0.0), ("-10", -10.0), ("3.5", 3.5), (".5", 0.5)] {
            assert_eq!(js_number(text), want, "{text:?}");
        }
        assert_eq!(js_number("0x10"), 16.0);
        assert_eq!(js_number("1e1"), 10.0);
        assert_eq!(js_number("5."), 5.0);
        assert_eq!(js_number("-Infinity"), f64::NEG_INFINITY);
        for text in ["Hello", "inf", "NaN", "1e", "0x", "1.2.3", " Dad, Mum", "+-1", "."] {
            assert!(js_number(text).is_nan(), "{text:?}");
        }
    }

    #[test]
    fn block_lines_lose_their_indentation() {
        assert_eq!(join_lines("A user journey for\n        family shopping"), "A user journey for\nfamily shopping");
        assert_eq!(join_lines("one\n\n   \n  two"), "one\ntwo");
    }
}
