//! What Mermaid does to a diagram's text before its parser sees it: line endings, YAML front
//! matter, `%%{…}%%` directives, whole-line `%%` comments, leading blank space and `#name;`
//! entities. Every kept character remembers where it stood, so diagnostics name the line and
//! column of the file as written.

use crate::diagnostic::{Diagnostic, Pos};

/// Stands for the `#` that opens an entity, so the lexer does not read it as a comment.
pub const ENTITY_OPEN: char = '\u{E000}';
/// Stands for the `;` that closes an entity, so the lexer does not read it as a separator.
pub const ENTITY_CLOSE: char = '\u{E001}';

/// Text being prepared for the lexer: characters and, for each, its byte offset in the file.
pub struct Source {
    /// The text as it stands after the steps so far.
    pub chars: Vec<char>,
    /// For each character, its byte offset in the file as written.
    pub offsets: Vec<usize>,
    /// The file as written, to turn offsets into lines and columns.
    original: String,
    /// Byte offset of each line's start in `original`.
    line_starts: Vec<usize>,
}

/// JavaScript's `\s`: what Mermaid's patterns treat as blank.
pub fn is_blank(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

impl Source {
    /// The file with Mermaid's line-ending clean-up applied: CRLF and lone CR become LF.
    pub fn new(text: &str) -> Source {
        let mut chars = Vec::with_capacity(text.len());
        let mut offsets = Vec::with_capacity(text.len());
        let mut iter = text.char_indices().peekable();
        while let Some((at, c)) = iter.next() {
            if c == '\r' && iter.peek().is_some_and(|(_, next)| *next == '\n') {
                continue;
            }
            chars.push(if c == '\r' { '\n' } else { c });
            offsets.push(at);
        }
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Source { chars, offsets, original: text.to_string(), line_starts }
    }

    /// Mermaid's clean-up of HTML tags: `<b class="x">` becomes `<b class='x'>`.
    pub fn single_quote_tag_attributes(&mut self) {
        let mut at = 0;
        while at < self.chars.len() {
            if self.chars[at] != '<' {
                at += 1;
                continue;
            }
            let name_end = (at + 1..self.chars.len()).find(|&i| !is_word(self.chars[i])).unwrap_or(self.chars.len());
            if name_end == at + 1 {
                at += 1;
                continue;
            }
            // No `>` after this tag means none after any later one either.
            let Some(close) = (name_end..self.chars.len()).find(|&i| self.chars[i] == '>') else { return };
            self.single_quote_values(name_end, close);
            at = close + 1;
        }
    }

    /// Turns each `="…"` between `start` and `end` into `='…'`.
    fn single_quote_values(&mut self, start: usize, end: usize) {
        let mut i = start;
        while i + 1 < end {
            if self.chars[i] == '=' && self.chars[i + 1] == '"' {
                // Without a closing quote here there is none for a later `="` either.
                let Some(close) = (i + 2..end).find(|&j| self.chars[j] == '"') else { return };
                self.chars[i + 1] = '\'';
                self.chars[close] = '\'';
                i = close;
            }
            i += 1;
        }
    }

    /// Where character `index` stands in the file; the end of the file past the last one.
    pub fn pos(&self, index: usize) -> Pos {
        let offset = self.offsets.get(index).copied().unwrap_or(self.original.len());
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line - 1];
        Pos::new(line as u32, self.original[line_start..offset].chars().count() as u32 + 1)
    }

    /// The characters from `start` to `end` as a string.
    pub fn text(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    fn starts_with(&self, at: usize, word: &str) -> bool {
        (at..).zip(word.chars()).all(|(i, w)| self.chars.get(i) == Some(&w))
    }

    /// Keeps only the characters whose index `keep` accepts.
    fn retain(&mut self, mut keep: impl FnMut(usize) -> bool) {
        let mut index = 0;
        let mut offsets = std::mem::take(&mut self.offsets).into_iter();
        let mut kept_offsets = Vec::with_capacity(self.chars.len());
        self.chars.retain(|_| {
            let offset = offsets.next().expect("one offset per character");
            let kept = keep(index);
            index += 1;
            if kept {
                kept_offsets.push(offset);
            }
            kept
        });
        self.offsets = kept_offsets;
    }

    fn remove_ranges(&mut self, ranges: &[(usize, usize)]) {
        let mut next = ranges.iter().peekable();
        self.retain(|i| {
            while next.peek().is_some_and(|(_, end)| *end <= i) {
                next.next();
            }
            !next.peek().is_some_and(|(start, end)| *start <= i && i < *end)
        });
    }

    /// Front matter as Mermaid finds it: `---` on the first line, the YAML, then an unindented
    /// `---` line. Removes it and returns the YAML with the index of its first line (0-based).
    pub fn take_front_matter(&mut self) -> Option<(String, u32)> {
        if !self.starts_with(0, "---") {
            return None;
        }
        let blank_end = (3..).find(|&i| !self.chars.get(i).is_some_and(|c| is_blank(*c)))?;
        let body_start = (3..blank_end).rev().find(|&i| self.chars[i] == '\n')? + 1;
        let mut at = body_start;
        while at < self.chars.len() {
            if self.chars[at] == '\n' && self.starts_with(at + 1, "---") {
                let run_end = (at + 4..).find(|&i| !self.chars.get(i).is_some_and(|c| is_blank(*c))).unwrap_or(0);
                if let Some(last) = (at + 4..run_end).rev().find(|&i| self.chars[i] == '\n') {
                    let yaml = self.text(body_start, at);
                    let line = self.pos(body_start).line - 1;
                    self.remove_ranges(&[(0, last + 1)]);
                    return Some((yaml, line));
                }
            }
            at += 1;
        }
        None
    }

    /// Removes every `%%{…}%%` directive (`init`, `wrap` …), as Mermaid does before parsing.
    pub fn remove_directives(&mut self) {
        let mut ranges = Vec::new();
        let mut at = 0;
        while at + 3 <= self.chars.len() {
            match self.starts_with(at, "%%{").then(|| self.directive_end(at + 3)).flatten() {
                Some(end) => {
                    ranges.push((at, end));
                    at = end;
                }
                None => at += 1,
            }
        }
        self.remove_ranges(&ranges);
    }

    /// The end of a directive whose `{` ends before `at`: a word, an optional `:`, then either
    /// one word or anything up to `}%%`, then `}%%` when present.
    fn directive_end(&self, at: usize) -> Option<usize> {
        let chars = &self.chars;
        let skip_blank = |mut i: usize| {
            while chars.get(i).is_some_and(|c| is_blank(*c)) {
                i += 1;
            }
            i
        };
        let skip_word = |mut i: usize| {
            while chars.get(i).is_some_and(|c| is_word(*c)) {
                i += 1;
            }
            i
        };
        let word_start = skip_blank(at);
        let mut i = skip_word(word_start);
        if i == word_start {
            return None;
        }
        let after = skip_blank(i);
        if chars.get(after) == Some(&':') {
            i = after + 1;
        }
        i = skip_blank(i);
        if chars.get(i).is_some_and(|c| is_word(*c)) {
            i = skip_blank(skip_word(i));
        } else {
            while i < chars.len() && !self.starts_with(i, "}%%") {
                i += 1;
            }
        }
        Some(if self.starts_with(i, "}%%") { i + 3 } else { i })
    }

    /// Removes lines that hold only a `%%` comment, then the blank space before the diagram.
    pub fn remove_comment_lines(&mut self) {
        let mut ranges = Vec::new();
        let mut line_start = 0;
        while line_start < self.chars.len() {
            let mut i = line_start;
            while self.chars.get(i).is_some_and(|c| is_blank(*c)) {
                i += 1;
            }
            let is_comment =
                self.starts_with(i, "%%") && self.chars.get(i + 2).is_some_and(|c| *c != '{' && *c != '\n');
            let line_end = (i..self.chars.len()).find(|&j| self.chars[j] == '\n').map_or(self.chars.len(), |j| j + 1);
            if is_comment {
                ranges.push((line_start, line_end));
            }
            // Every line that starts in the blank run before `i` reaches the same `i`: skip them.
            line_start = line_end;
        }
        self.remove_ranges(&ranges);
        let lead = self.chars.iter().take_while(|c| is_blank(**c)).count();
        self.remove_ranges(&[(0, lead)]);
    }

    /// Mermaid's entity pass first drops the last `;` of a line holding `style` (or
    /// `classDef`), then a `:` and a `#` with no blank between them, before that `;`.
    pub fn drop_style_semicolons(&mut self) {
        for word in ["style", "classDef"] {
            let mut drop = Vec::new();
            let mut line_start = 0;
            while line_start < self.chars.len() {
                let line_end =
                    (line_start..self.chars.len()).find(|&i| self.chars[i] == '\n').unwrap_or(self.chars.len());
                if let Some(at) = self.style_semicolon(word, line_start, line_end) {
                    drop.push((at, at + 1));
                }
                line_start = line_end + 1;
            }
            self.remove_ranges(&drop);
        }
    }

    fn style_semicolon(&self, word: &str, start: usize, end: usize) -> Option<usize> {
        let s = (start..end).find(|&i| self.starts_with(i, word))?;
        let mut after_colon = false;
        let hash = (s + word.len()..end).find(|&i| {
            let c = self.chars[i];
            after_colon = (after_colon && !is_blank(c)) || c == ':';
            c == '#' && after_colon
        })?;
        (hash + 1..end).rev().find(|&i| self.chars[i] == ';')
    }

    /// Marks `#word;` entities so that their `#` and `;` read as part of a name.
    pub fn mark_entities(&mut self) {
        let mut at = 0;
        while at < self.chars.len() {
            if self.chars[at] == '#' {
                let end = (at + 1..self.chars.len()).find(|&i| !is_word(self.chars[i])).unwrap_or(self.chars.len());
                if end > at + 1 && self.chars.get(end) == Some(&';') {
                    self.chars[at] = ENTITY_OPEN;
                    self.chars[end] = ENTITY_CLOSE;
                    at = end;
                }
            }
            at += 1;
        }
    }

    /// An error at character `index`.
    pub fn error(&self, code: &'static str, file: &str, index: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(code, file, self.pos(index), message)
    }
}

/// A name with its entities written out: `#58;` is `:`, `#quot;` is `"`; an entity Mermaid
/// would not turn into a character keeps its text.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(ENTITY_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + ENTITY_OPEN.len_utf8()..];
        let Some(close) = after.find(ENTITY_CLOSE) else {
            out.push('#');
            rest = after;
            continue;
        };
        let word = &after[..close];
        match entity(word) {
            Some(c) => out.push(c),
            None => out.push_str(&format!("#{word};")),
        }
        rest = &after[close + ENTITY_CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out.replace(ENTITY_CLOSE, ";")
}

fn entity(word: &str) -> Option<char> {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return word.parse::<u32>().ok().filter(|n| *n != 0).and_then(char::from_u32);
    }
    Some(match word {
        "quot" => '"',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "colon" => ':',
        "comma" => ',',
        "semi" => ';',
        "num" => '#',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(text: &str) -> String {
        let mut s = Source::new(text);
        s.take_front_matter();
        s.remove_directives();
        s.remove_comment_lines();
        s.text(0, s.chars.len())
    }

    #[test]
    fn front_matter_directives_and_comments_go_positions_stay() {
        let text = "---\ntitle: T\nconfig:\n  x: 1\n---\n\n%%{init: {'a': 'b'} }%%\n  %% note\n  journey\r\n  A: 5\n";
        let mut s = Source::new(text);
        assert_eq!(s.take_front_matter(), Some(("title: T\nconfig:\n  x: 1".to_string(), 1)));
        s.remove_directives();
        s.remove_comment_lines();
        assert_eq!(s.text(0, s.chars.len()), "journey\n  A: 5\n");
        assert_eq!(s.pos(0), Pos::new(9, 3));
        assert_eq!(s.pos(10), Pos::new(10, 3));
    }

    #[test]
    fn indented_closing_dashes_are_not_front_matter() {
        assert_eq!(cleaned("---\n  title: T\n  ---\njourney\n"), "---\n  title: T\n  ---\njourney\n");
        assert_eq!(cleaned("%%{wrap}%%journey"), "journey");
        let mut s = Source::new("a <b class=\"x\" id=\"y\">z</b> c=\"d\" <1 e=\"f\">");
        s.single_quote_tag_attributes();
        assert_eq!(s.text(0, s.chars.len()), "a <b class='x' id='y'>z</b> c=\"d\" <1 e='f'>");
    }

    #[test]
    fn a_style_line_loses_its_last_semicolon_as_in_mermaid() {
        let mut s = Source::new("Lifestyle: 5:#x; y;\nstyle: 5 #x;\nclassDef a:b#c;\n");
        s.drop_style_semicolons();
        assert_eq!(s.text(0, s.chars.len()), "Lifestyle: 5:#x; y\nstyle: 5 #x;\nclassDef a:b#c\n");
    }

    #[test]
    fn entities_read_as_characters() {
        let mut s = Source::new("a #58; b #quot;c#quot; #x; #1 ;");
        s.mark_entities();
        assert_eq!(decode(&s.text(0, s.chars.len())), "a : b \"c\" #x; #1 ;");
    }
}
