//! Raw HTML in Markdown, treated as GitHub treats it: tags and attributes on an allowlist stay,
//! every other tag goes (its text stays, except inside `script` and `style`), and so do
//! comments and declarations; URLs must use an allowed scheme.
//!
//! Each piece of raw HTML (a whole HTML block, or one inline tag) is tokenised as a browser
//! tokenises it and written out again from the tokens, so nothing reaches the page as markup
//! unless the tokenizer saw it as an allowed tag. Raw elements are kept balanced against the
//! Markdown around them: one still open when its Markdown element ends is closed there, and a
//! closing tag with no raw element to close is dropped, so a note cannot break the layout.

use std::cell::RefCell;
use std::collections::BTreeSet;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use html5ever::Attribute;

use super::allowlist::{ATTRIBUTES, CONTAINERS, DROP_CONTENT, ELEMENTS, TAG_ATTRIBUTES, URL_ATTRIBUTES, VOID};
use super::links;

/// How many elements, raw and Markdown, may be open at once: browsers flatten a tree deeper
/// than 512, and the page around a note takes a few levels.
const MAX_OPEN: usize = 256;

/// Prefix of ids and names from raw HTML, so they cannot clash with the page's own ids.
pub const ID_PREFIX: &str = "user-content-";

/// An element open in the output: one of the Markdown's own, or a raw one with where its
/// start tag ends in the output (to take back a link closed before any content).
enum Open {
    Markdown,
    Raw { name: String, at: usize, written: u64 },
}

/// The state of raw HTML across one Markdown text. Sanitised HTML gathers in a buffer that
/// the caller takes with [`RawHtml::take`] before each Markdown event.
pub struct RawHtml<'s> {
    stack: Vec<Open>,
    schemes: &'s BTreeSet<String>,
    /// Inside a `script` or `style` element, whose content is dropped.
    dropping: bool,
    out: String,
    /// How many times `out` was taken: a raw element written before the last take has content.
    taken: u64,
}

impl<'s> RawHtml<'s> {
    /// No element open; URLs may use the default schemes and `schemes`.
    pub fn new(schemes: &'s BTreeSet<String>) -> Self {
        RawHtml { stack: Vec::new(), schemes, dropping: false, out: String::new(), taken: 0 }
    }

    /// The HTML written since the last call. Raw elements opened before it now have content
    /// (the Markdown event that follows), so none of them is taken back as empty.
    pub fn take(&mut self) -> Option<String> {
        self.taken += 1;
        (!self.out.is_empty()).then(|| std::mem::take(&mut self.out))
    }

    /// A Markdown element starts; a raw `p` cannot hold a Markdown block, so a block closes it.
    pub fn enter(&mut self, block: bool) {
        if block && matches!(self.stack.last(), Some(Open::Raw { name, .. }) if name == "p") {
            self.stack.pop();
            self.out.push_str("</p>");
        }
        self.stack.push(Open::Markdown);
    }

    /// A Markdown element ends: raw elements opened inside it are closed first.
    pub fn leave(&mut self) {
        self.dropping = false;
        self.close_raw(|_| true);
        self.stack.pop();
    }

    /// An HTML block ends: raw elements opened in it that cannot hold Markdown are closed.
    pub fn end_block(&mut self) {
        self.close_raw(|name| !CONTAINERS.contains(&name));
    }

    /// The end of the text: every raw element still open is closed.
    pub fn finish(&mut self) {
        while !self.stack.is_empty() {
            self.close_raw(|_| true);
            self.stack.pop();
        }
    }

    /// Sanitises one piece of raw HTML: a whole HTML block, or one inline tag.
    pub fn piece(&mut self, html: &str, block: bool) {
        if let Some((end, name)) = bare_tag(html) {
            return if end { self.end_tag(&name) } else { self.start_tag(&name, &[]) };
        }
        for token in tokens(html) {
            match token {
                Token::TagToken(tag) if tag.kind == TagKind::StartTag => self.start_tag(&tag.name, &tag.attrs),
                Token::TagToken(tag) => self.end_tag(&tag.name),
                Token::CharacterTokens(text) if !self.dropping => escape_text(&text, &mut self.out),
                _ => {}
            }
        }
        // A `script` left open in a block ends with it, rather than hiding the rest of the note.
        self.dropping &= !block;
    }

    /// Inside an inline `script` or `style`, whose Markdown text is dropped too.
    pub fn dropping(&self) -> bool {
        self.dropping
    }

    fn start_tag(&mut self, name: &str, attrs: &[Attribute]) {
        if DROP_CONTENT.contains(&name) {
            self.dropping = true;
            return;
        }
        // Past the cap a start tag is dropped: closing tags search the open elements, and
        // self-closed `<span/>`s (open in HTML) could otherwise pile up without limit.
        if self.dropping || !ELEMENTS.contains(&name) || self.stack.len() >= MAX_OPEN {
            return;
        }
        self.close_implied(name);
        self.out.push('<');
        self.out.push_str(name);
        for attr in attrs {
            let (attr_name, value) = (&*attr.name.local, &*attr.value);
            self.attribute(name, attr_name, value);
        }
        self.out.push('>');
        if !VOID.contains(&name) {
            self.stack.push(Open::Raw { name: name.to_string(), at: self.out.len(), written: self.taken });
        }
    }

    fn attribute(&mut self, tag: &str, name: &str, value: &str) {
        let allowed = ATTRIBUTES.contains(&name) || TAG_ATTRIBUTES.contains(&(tag, name));
        let url_ok = |url: &str| links::allowed(url, self.schemes);
        let safe = match name {
            _ if !allowed => false,
            "srcset" => value.split(',').all(|c| url_ok(c.split_whitespace().next().unwrap_or_default())),
            _ if URL_ATTRIBUTES.contains(&name) => url_ok(value),
            _ => true,
        };
        if !safe || links::looks_like_script(value) {
            return;
        }
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        if matches!(name, "id" | "name") {
            self.out.push_str(ID_PREFIX);
        }
        escape_attribute(value, &mut self.out);
        self.out.push('"');
    }

    fn end_tag(&mut self, name: &str) {
        if DROP_CONTENT.contains(&name) {
            self.dropping = false;
            return;
        }
        let open = self.stack.iter().rev().take_while(|o| matches!(o, Open::Raw { .. }));
        if open.into_iter().any(|o| matches!(o, Open::Raw { name: n, .. } if n == name)) {
            let mut done = false;
            self.close_raw(|n| {
                let go = !done;
                done |= n == name;
                go
            });
        }
    }

    /// Closes the raw elements that the start of `name` ends in HTML (a new `li` ends the
    /// last, a block ends a `p`), so the tree the browser builds is the one written.
    fn close_implied(&mut self, name: &str) {
        let ends: &[&str] = match name {
            "li" => &["li"],
            "dt" | "dd" => &["dt", "dd"],
            "tr" => &["td", "th", "tr"],
            "td" | "th" => &["td", "th"],
            "thead" | "tbody" | "tfoot" => &["td", "th", "tr", "thead", "tbody", "tfoot"],
            "rt" | "rp" => &["rt", "rp"],
            "ins" | "del" => &[],
            _ if CONTAINERS.contains(&name) || matches!(name, "p" | "pre" | "hr") || is_heading(name) => &["p"],
            _ => &[],
        };
        while matches!(self.stack.last(), Some(Open::Raw { name, .. }) if ends.contains(&name.as_str())) {
            let mut first = true;
            self.close_raw(|_| std::mem::replace(&mut first, false));
        }
    }

    /// Closes raw elements from the top of the stack while `go(name)` holds, stopping at the
    /// innermost Markdown element. A link closed with nothing in it is taken back instead.
    fn close_raw(&mut self, mut go: impl FnMut(&str) -> bool) {
        while let Some(Open::Raw { name, at, written }) = self.stack.last() {
            if !go(name) {
                return;
            }
            // Still the same buffer, with only whitespace after the start tag: nothing inside.
            let empty = name == "a" && *written == self.taken && self.out[*at..].trim().is_empty();
            let start = if empty { self.out[..*at].rfind("<a") } else { None };
            if let Some(start) = start {
                self.out.truncate(start);
            } else {
                self.out.push_str("</");
                self.out.push_str(name);
                self.out.push('>');
            }
            self.stack.pop();
        }
    }
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// A tag with no attributes (`<kbd>`, `</kbd>`, `<br/>`): whether it is an end tag, and its
/// lowercase name. Most inline raw HTML is such a tag, and reading it needs no tokenizer.
fn bare_tag(html: &str) -> Option<(bool, String)> {
    let inner = html.strip_prefix('<')?.strip_suffix('>')?;
    let (end, inner) = inner.strip_prefix('/').map_or((false, inner), |rest| (true, rest));
    let name = inner.trim_end_matches('/').trim_end_matches([' ', '\t', '\n']);
    let simple = name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.bytes().all(|b| b.is_ascii_alphanumeric());
    simple.then(|| (end, name.to_ascii_lowercase()))
}

/// The tokens of `html` as a browser's tokenizer makes them, with `script` and `style`
/// content read as raw text (so a `<` inside cannot open a tag we would keep).
fn tokens(html: &str) -> Vec<Token> {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

#[derive(Default)]
struct Collect(RefCell<Vec<Token>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let raw = match &token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag && &*tag.name == "script" => {
                Some(RawKind::ScriptData)
            }
            Token::TagToken(tag) if tag.kind == TagKind::StartTag && &*tag.name == "style" => Some(RawKind::Rawtext),
            _ => None,
        };
        self.0.borrow_mut().push(token);
        raw.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData)
    }
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => {}
            c => out.push(c),
        }
    }
}

fn escape_attribute(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\0' => {}
            c => escape_text(c.encode_utf8(&mut [0; 4]), out),
        }
    }
}
