//! The tokens of Mermaid's `journey` grammar, found as its own lexer finds them: the first
//! rule that matches at a place wins, keywords in any case, `#` and `%%` start comments.

use super::source::{is_blank, Source};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The diagram's keyword, `journey`, not followed by a letter, digit or `_`.
    Journey,
    /// One or more line ends.
    Newline,
    /// `title …` to the end of the line or a `#` or `;`.
    Title,
    /// `accTitle:`; its text follows as [`Kind::AccValue`].
    AccTitle,
    /// `accDescr:`; its text follows as [`Kind::AccValue`].
    AccDescr,
    /// The text after `accTitle:` or `accDescr:`, to the end of the line.
    AccValue,
    /// The text of an `accDescr { … }` block.
    AccBlock,
    /// `section …`, up to a `:`, `#`, `;` or the end of the line.
    Section,
    /// A task's name, up to its `:`.
    TaskName,
    /// A task's `: score: actors`, from its `:` to the end of the line.
    TaskData,
    /// A `:` with nothing after it.
    Colon,
    /// A character no rule takes, such as `;`.
    Invalid,
    /// The end of the text.
    Eof,
}

/// One token: its kind, its text, and where it starts (a character index in the source).
#[derive(Debug, Clone)]
pub struct Token {
    /// What the token is.
    pub kind: Kind,
    /// The token's text; for `title` and `section`, what follows the keyword.
    pub text: String,
    /// The index of its first character in the source.
    pub start: usize,
}

/// How an `accDescr {` block ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    Closed,
    /// Never closed: the index of its `accDescr`.
    Open(usize),
}

/// Splits the prepared source into tokens, ending with [`Kind::Eof`].
pub fn tokens(source: &Source) -> (Vec<Token>, Option<Block>) {
    let mut lexer = Lexer { c: &source.chars, at: 0, out: Vec::new(), block: None };
    while lexer.at < lexer.c.len() {
        lexer.step(source);
    }
    lexer.out.push(Token { kind: Kind::Eof, text: String::new(), start: lexer.c.len() });
    (lexer.out, lexer.block)
}

struct Lexer<'s> {
    c: &'s [char],
    at: usize,
    out: Vec<Token>,
    block: Option<Block>,
}

impl Lexer<'_> {
    fn get(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }

    /// The index after `word` (any case) at `i`, if it is there.
    fn word(&self, i: usize, word: &str) -> Option<usize> {
        let matches =
            (i..).zip(word.chars()).all(|(j, w)| self.get(j).is_some_and(|c| c.to_lowercase().eq(w.to_lowercase())));
        matches.then(|| i + word.chars().count())
    }

    fn while_from(&self, mut i: usize, keep: impl Fn(char) -> bool) -> usize {
        while self.get(i).is_some_and(&keep) {
            i += 1;
        }
        i
    }

    fn line_end(&self, i: usize) -> usize {
        self.while_from(i, |c| c != '\n')
    }

    fn push(&mut self, kind: Kind, start: usize, end: usize) {
        self.out.push(Token { kind, text: self.c[start..end].iter().collect(), start });
        self.at = end;
    }

    fn step(&mut self, source: &Source) {
        let at = self.at;
        let c = self.c[at];
        let next_is_percent = |i: usize| self.get(i) == Some('%') && self.get(i + 1) == Some('%');
        if c == '%' && self.get(at + 1) == Some('%') && self.get(at + 2) != Some('{') {
            self.at = self.line_end(at);
        } else if c != '}' && next_is_percent(at + 1) {
            self.at = self.line_end(at + 1);
        } else if c == '\n' {
            let end = self.while_from(at, |c| c == '\n');
            self.push(Kind::Newline, at, end);
        } else if is_blank(c) {
            self.at = self.while_from(at, is_blank);
        } else if c == '#' {
            self.at = self.line_end(at);
        } else if let Some(end) =
            self.word(at, "journey").filter(|&e| !self.get(e).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_'))
        {
            self.push(Kind::Journey, at, end);
        } else if let Some(end) = self.keyword_with_text(at, "title", |c| !matches!(c, '#' | '\n' | ';')) {
            self.out.push(Token { kind: Kind::Title, text: source.text(at + 6, end), start: at });
            self.at = end;
        } else if let Some(end) = self.acc(at, "acctitle", ':') {
            self.push(Kind::AccTitle, at, end);
            let value_end = self.line_end(end);
            self.push(Kind::AccValue, end, value_end);
        } else if let Some(end) = self.acc(at, "accdescr", ':') {
            self.push(Kind::AccDescr, at, end);
            let value_end = self.line_end(end);
            self.push(Kind::AccValue, end, value_end);
        } else if let Some(end) = self.acc(at, "accdescr", '{') {
            self.block_at(at, end);
        } else if let Some(end) = self.keyword_with_text(at, "section", |c| !matches!(c, '#' | ':' | '\n' | ';')) {
            self.out.push(Token { kind: Kind::Section, text: source.text(at + 8, end), start: at });
            self.at = end;
        } else if !matches!(c, '#' | ':' | ';') {
            let end = self.while_from(at, |c| !matches!(c, '#' | ':' | '\n' | ';'));
            self.push(Kind::TaskName, at, end);
        } else if c == ':' {
            let end = self.while_from(at + 1, |c| !matches!(c, '#' | '\n' | ';'));
            self.push(if end > at + 1 { Kind::TaskData } else { Kind::Colon }, at, end);
        } else {
            self.push(Kind::Invalid, at, at + 1);
        }
    }

    /// `word`, one blank character, then at least one character that `keep` accepts.
    fn keyword_with_text(&self, at: usize, word: &str, keep: impl Fn(char) -> bool) -> Option<usize> {
        let after = self.word(at, word)?;
        if !self.get(after).is_some_and(is_blank) {
            return None;
        }
        let end = self.while_from(after + 1, keep);
        (end > after + 1).then_some(end)
    }

    /// `word`, blank space, `mark`, blank space (which may run over lines, as in Mermaid).
    fn acc(&self, at: usize, word: &str, mark: char) -> Option<usize> {
        let after = self.while_from(self.word(at, word)?, is_blank);
        (self.get(after) == Some(mark)).then(|| self.while_from(after + 1, is_blank))
    }

    /// The text of an `accDescr {` block up to its `}`.
    fn block_at(&mut self, start: usize, text_start: usize) {
        let end = self.while_from(text_start, |c| c != '}');
        self.push(Kind::AccBlock, text_start, end);
        if end < self.c.len() {
            self.at = end + 1;
            self.block.get_or_insert(Block::Closed);
        } else {
            self.block = Some(Block::Open(start));
        }
    }
}
