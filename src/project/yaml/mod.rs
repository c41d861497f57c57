//! A YAML document as a tree of nodes that remember where they stand in the file.
//!
//! serde-based YAML stops at the first error and forgets positions; journeybook wants every
//! error with its line and column, so files are parsed into this tree and read field by field.
//! Nesting depth and alias expansion are bounded, so hostile input fails fast in small memory.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as TokenSpan};

use crate::diagnostic::{Diagnostic, Pos, Span};

mod number;
#[cfg(test)]
use number::decimal_comma;
use number::parse_number;
pub use number::{number_help, unseparated};

/// How deep mappings and sequences may nest.
pub const MAX_DEPTH: usize = 64;
/// How many nodes a document may hold once aliases are expanded.
pub const MAX_NODES: usize = 200_000;

/// A YAML node and its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
    /// Where the node's text ends (exclusive): after the closing quote or bracket.
    pub end: Pos,
    /// A mapping or list written inline, in `{…}` or `[…]`.
    pub flow: bool,
    /// A null that was never written: a key inside `{…}` with no `:` after it, which is how
    /// the text after a comma in an unquoted value reads.
    pub implicit: bool,
}

/// What a node holds. Scalars keep their source text; types are read on demand.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar; `plain` is false when it was quoted or a block scalar.
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// A node of `value` from `pos` to `end`.
    pub fn new(value: Value, pos: Pos, end: Pos) -> Self {
        Node { value, pos, end, flow: false, implicit: false }
    }

    /// The whole of the node's text, for diagnostics about its value.
    pub fn span(&self) -> Span {
        Span::new(self.pos, self.end)
    }

    /// The scalar text, when this node is a non-null scalar.
    pub fn as_text(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, .. } if !self.is_null() => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true } if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    /// A plain scalar that reads as a number (YAML 1.2 core schema).
    pub fn as_number(&self) -> Option<f64> {
        match &self.value {
            Value::Scalar { text, plain: true } => parse_number(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match &self.value {
            Value::Scalar { text, plain: true } => match text.as_str() {
                "true" | "True" | "TRUE" => Some(true),
                "false" | "False" | "FALSE" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// A word for error messages: "a string", "a list", …
    pub fn kind(&self) -> &'static str {
        match &self.value {
            _ if self.is_null() => "nothing",
            Value::Scalar { plain: true, .. } if self.as_bool().is_some() => "a boolean",
            Value::Scalar { plain: true, .. } if self.as_number().is_some() => "a number",
            Value::Scalar { .. } => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The node as JSON, for `extra:` maps handed to templates.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            _ if self.is_null() => J::Null,
            Value::Scalar { text, .. } => {
                if let Some(b) = self.as_bool() {
                    J::Bool(b)
                } else if let Some(n) = self.as_number().and_then(serde_json::Number::from_f64) {
                    match text.parse::<i64>() {
                        Ok(i) => J::from(i),
                        Err(_) => J::Number(n),
                    }
                } else {
                    J::String(text.clone())
                }
            }
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries.iter().map(|(k, v)| (k.as_text().unwrap_or_default().to_string(), v.to_json())).collect(),
            ),
        }
    }

    /// The error for this node when it is not what `key` must be (`expected`, e.g. "a list").
    /// A number written with thousands separators (`16,000`) or a decimal comma (`5,5`) is
    /// told how to write it instead.
    pub fn wrong_type(&self, file: &str, key: &str, expected: &str) -> Diagnostic {
        let text = self.as_text().filter(|_| expected.contains("number"));
        let help = text.and_then(number_help);
        match (text, help) {
            (Some(text), Some(help)) => {
                Diagnostic::error("E022", file, self.span(), format!("`{key}` must be {expected}, found `{text}`"))
                    .with_help(help)
            }
            _ => Diagnostic::error(
                "E022",
                file,
                self.span(),
                format!("`{key}` must be {expected}, found {}", self.kind()),
            ),
        }
    }

    /// How many nodes this subtree holds.
    fn size(&self) -> usize {
        match &self.value {
            Value::Scalar { .. } => 1,
            Value::Seq(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Value::Map(entries) => 1 + entries.iter().map(|(k, v)| k.size() + v.size()).sum::<usize>(),
        }
    }
}

/// The first tab in the leading whitespace of line `line` (1-based) or the line after it: the
/// parser notices a tab only once it has read past it, so it reports the line before at times.
fn indenting_tab(text: &str, line: usize) -> Option<Pos> {
    let mut lines = text.lines().enumerate().skip(line.saturating_sub(1)).take(2);
    lines.find_map(|(index, content)| {
        let indent = content.len() - content.trim_start_matches([' ', '\t']).len();
        let column = content[..indent].find('\t')?;
        Some(Pos::new(index as u32 + 1, column as u32 + 1))
    })
}

/// Where the last value of a collection ends.
fn last_end(value: &Value) -> Option<Pos> {
    match value {
        Value::Seq(items) => items.last().map(|n| n.end),
        Value::Map(entries) => entries.last().map(|(_, v)| v.end),
        Value::Scalar { .. } => None,
    }
}

/// Parses `text` as one YAML document. `line_offset` shifts positions, for front matter.
/// Returns the root node, or the diagnostics that stopped parsing (code E010–E013).
pub fn parse(text: &str, file: &str, line_offset: u32) -> Result<Node, Vec<Diagnostic>> {
    let mut builder = Builder {
        file,
        line_offset,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        root: None,
        diagnostics: Vec::new(),
        documents: 0,
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        match next {
            Ok((event, span)) => {
                if builder.event(event, span).is_err() {
                    break;
                }
            }
            Err(e) => {
                builder.scan_error(&e, text);
                break;
            }
        }
    }
    if !builder.diagnostics.is_empty() {
        return Err(builder.diagnostics);
    }
    let start = Pos::new(1 + line_offset, 1);
    Ok(builder.root.unwrap_or(Node::new(Value::Scalar { text: String::new(), plain: true }, start, start)))
}

enum Frame {
    Seq {
        pos: Pos,
        flow: bool,
        anchor: usize,
        items: Vec<Node>,
    },
    /// A duplicate key is looked for among `entries` while a map has few; past [`FEW_KEYS`],
    /// `seen` maps each key written so far to where, so duplicates are found in constant time.
    Map {
        pos: Pos,
        flow: bool,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        seen: Option<HashMap<String, Pos>>,
    },
}

struct Builder<'f> {
    file: &'f str,
    line_offset: u32,
    stack: Vec<Frame>,
    anchors: HashMap<usize, Node>,
    nodes: usize,
    root: Option<Node>,
    diagnostics: Vec<Diagnostic>,
    documents: usize,
}

/// Parsing stopped; the reason is in the builder's diagnostics.
struct Stop;

impl Builder<'_> {
    fn pos(&self, marker: saphyr_parser::Marker) -> Pos {
        Pos::new(marker.line() as u32 + self.line_offset, marker.col() as u32 + 1)
    }

    /// True when the next node fills a value slot of a `{…}` mapping.
    fn in_flow_value(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Map { flow: true, key: Some(_), .. }))
    }

    fn fail(&mut self, code: &'static str, pos: Pos, message: String) -> Result<(), Stop> {
        self.diagnostics.push(Diagnostic::error(code, self.file, pos, message));
        Err(Stop)
    }

    fn scan_error(&mut self, e: &ScanError, text: &str) {
        let m = e.marker();
        let pos = Pos::new(m.line() as u32 + self.line_offset, m.col() as u32 + 1);
        if e.info().contains("recursion limit") {
            let _ = self.fail("E012", pos, format!("values nest deeper than {MAX_DEPTH} levels"));
            return;
        }
        if e.info().contains("tab") {
            if let Some(tab) = indenting_tab(text, m.line()) {
                let tab = Pos::new(tab.line + self.line_offset, tab.column);
                let d = Diagnostic::error("E010", self.file, tab, "a tab in the indentation: YAML indents with spaces")
                    .with_help("replace the tab with spaces, as many as the lines around it use");
                self.diagnostics.push(d);
                return;
            }
        }
        let d = Diagnostic::error("E010", self.file, pos, format!("YAML syntax error: {}", e.info()))
            .with_help("the mistake may be just before this point: an unclosed bracket or quote, or a wrong indent");
        self.diagnostics.push(d);
    }

    fn event(&mut self, event: Event, span: TokenSpan) -> Result<(), Stop> {
        let pos = self.pos(span.start);
        let end = self.pos(span.end);
        // A flow collection's first token is its bracket, after any anchor or tag, on one line;
        // a block collection's is empty, or runs from its anchor or tag to the next line.
        let token = span.end.index() > span.start.index();
        let flow = token && span.end.line() == span.start.line();
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return self.fail("E010", pos, "expected one YAML document, found a second one (`---`)".into());
                }
                Ok(())
            }
            Event::Scalar(text, style, anchor, _tag) => {
                let plain = style == ScalarStyle::Plain;
                // The parser gives a value that was never written the span of the token after
                // it (`,` or `}`); one written as `key:` alone has an empty span.
                let implicit = plain && text.is_empty() && token && self.in_flow_value();
                let end = if implicit { pos } else { end };
                let node = Node { implicit, ..Node::new(Value::Scalar { text: text.into_owned(), plain }, pos, end) };
                self.finish_node(node, anchor)
            }
            Event::SequenceStart(anchor, _) => self.open(Frame::Seq { pos, flow, anchor, items: Vec::new() }, pos),
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Map { pos, flow, anchor, entries: Vec::new(), key: None, seen: None }, pos)
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (pos, flow, anchor, value) = match self.stack.pop() {
                    Some(Frame::Seq { pos, flow, anchor, items }) => (pos, flow, anchor, Value::Seq(items)),
                    Some(Frame::Map { pos, flow, anchor, entries, .. }) => (pos, flow, anchor, Value::Map(entries)),
                    None => return Ok(()),
                };
                // A flow collection's last token is its bracket; a block one ends where its last
                // value ends.
                let flow = flow && token;
                let end = if flow { end } else { last_end(&value).unwrap_or(pos) };
                self.finish_node(Node { flow, ..Node::new(value, pos, end) }, anchor)
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(&id) else {
                    return self.fail("E010", pos, "alias to an anchor that is not defined".into());
                };
                let size = target.size();
                if self.nodes + size > MAX_NODES {
                    return self.fail(
                        "E013",
                        pos,
                        format!("aliases expand this document beyond {MAX_NODES} values; write the values out or use fewer aliases"),
                    );
                }
                let mut node = target.clone();
                node.pos = pos;
                node.end = end;
                self.nodes += size;
                self.place(node)
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => Ok(()),
        }
    }

    fn open(&mut self, frame: Frame, pos: Pos) -> Result<(), Stop> {
        if self.stack.len() >= MAX_DEPTH {
            return self.fail("E012", pos, format!("values nest deeper than {MAX_DEPTH} levels"));
        }
        self.stack.push(frame);
        Ok(())
    }

    fn finish_node(&mut self, node: Node, anchor: usize) -> Result<(), Stop> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return self.fail("E013", node.pos, format!("this document holds more than {MAX_NODES} values"));
        }
        if anchor > 0 {
            self.anchors.insert(anchor, node.clone());
        }
        self.place(node)
    }

    fn place(&mut self, node: Node) -> Result<(), Stop> {
        match self.stack.last_mut() {
            None => {
                self.root = Some(node);
                Ok(())
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(node);
                Ok(())
            }
            Some(Frame::Map { entries, key, seen, .. }) => {
                let Some(k) = key.take() else {
                    *key = Some(node);
                    return Ok(());
                };
                if let Some(name) = k.as_text() {
                    if let Some(first) = first_key(entries, seen, name, k.pos) {
                        self.diagnostics.push(
                            Diagnostic::error("E011", self.file, k.span(), format!("duplicate key `{name}`"))
                                .with_help(format!("`{name}` is already set at line {}", first.line)),
                        );
                    }
                }
                entries.push((k, node));
                Ok(())
            }
        }
    }
}

/// How many keys a map has before its keys are looked up by name rather than one by one.
const FEW_KEYS: usize = 16;

/// Where the key `name`, about to be added at `pos` to a map holding `entries`, was first
/// written, if it was. Most maps hold a few keys, and comparing with each costs less than
/// hashing; a map with more indexes its keys by name in `seen`, so it is read in linear time.
fn first_key(entries: &[(Node, Node)], seen: &mut Option<HashMap<String, Pos>>, name: &str, pos: Pos) -> Option<Pos> {
    if seen.is_none() && entries.len() < FEW_KEYS {
        return entries.iter().find(|(k, _)| k.as_text() == Some(name)).map(|(k, _)| k.pos);
    }
    let seen = seen.get_or_insert_with(|| {
        let mut seen = HashMap::new();
        for (k, _) in entries {
            if let Some(text) = k.as_text() {
                seen.entry(text.to_string()).or_insert(k.pos);
            }
        }
        seen
    });
    match seen.get(name) {
        Some(&first) => Some(first),
        None => {
            seen.insert(name.to_string(), pos);
            None
        }
    }
}

#[cfg(test)]
mod tests;
