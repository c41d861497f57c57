//! A YAML document as a tree of nodes that remember where they stand in the file.
//!
//! serde-based YAML stops at the first error and forgets positions; journeybook wants every
//! error with its line and column, so files are parsed into this tree and read field by field.
//! Nesting depth and alias expansion are bounded, so hostile input fails fast in small memory.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span};

use crate::diagnostic::{Diagnostic, Pos};

/// How deep mappings and sequences may nest.
pub const MAX_DEPTH: usize = 64;
/// How many nodes a document may hold once aliases are expanded.
pub const MAX_NODES: usize = 200_000;

/// A YAML node and its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
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
    pub fn wrong_type(&self, file: &str, key: &str, expected: &str) -> Diagnostic {
        Diagnostic::error("E022", file, self.pos, format!("`{key}` must be {expected}, found {}", self.kind()))
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

fn parse_number(text: &str) -> Option<f64> {
    let t = text.trim();
    let first = t.chars().next()?;
    if !(first.is_ascii_digit() || matches!(first, '-' | '+' | '.')) {
        return None;
    }
    // Hex and octal forms of the core schema are not useful in a playbook; decimals are.
    let value: f64 = t.replace('_', "").parse().ok()?;
    value.is_finite().then_some(value)
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
                builder.scan_error(&e);
                break;
            }
        }
    }
    if !builder.diagnostics.is_empty() {
        return Err(builder.diagnostics);
    }
    Ok(builder.root.unwrap_or(Node {
        value: Value::Scalar { text: String::new(), plain: true },
        pos: Pos::new(1 + line_offset, 1),
    }))
}

enum Frame {
    Seq {
        pos: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    /// `seen` maps each key written so far to where, so duplicates are found in constant time.
    Map {
        pos: Pos,
        anchor: usize,
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        seen: HashMap<String, Pos>,
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
    fn pos(&self, span: &Span) -> Pos {
        Pos::new(span.start.line() as u32 + self.line_offset, span.start.col() as u32 + 1)
    }

    fn fail(&mut self, code: &'static str, pos: Pos, message: String) -> Result<(), Stop> {
        self.diagnostics.push(Diagnostic::error(code, self.file, pos, message));
        Err(Stop)
    }

    fn scan_error(&mut self, e: &ScanError) {
        let m = e.marker();
        let pos = Pos::new(m.line() as u32 + self.line_offset, m.col() as u32 + 1);
        let _ = if e.info().contains("recursion limit") {
            self.fail("E012", pos, format!("values nest deeper than {MAX_DEPTH} levels"))
        } else {
            self.fail("E010", pos, format!("YAML syntax error: {}", e.info()))
        };
        if let Some(d) = self.diagnostics.last_mut() {
            if d.code == "E010" {
                d.help = Some(
                    "the mistake may be just before this point: an unclosed bracket or quote, or a wrong indent".into(),
                );
            }
        }
    }

    fn event(&mut self, event: Event, span: Span) -> Result<(), Stop> {
        let pos = self.pos(&span);
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
                self.finish_node(Node { value: Value::Scalar { text: text.into_owned(), plain }, pos }, anchor)
            }
            Event::SequenceStart(anchor, _) => self.open(Frame::Seq { pos, anchor, items: Vec::new() }, pos),
            Event::MappingStart(anchor, _) => {
                self.open(Frame::Map { pos, anchor, entries: Vec::new(), key: None, seen: HashMap::new() }, pos)
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Frame::Seq { pos, anchor, items }) => (Node { value: Value::Seq(items), pos }, anchor),
                    Some(Frame::Map { pos, anchor, entries, .. }) => (Node { value: Value::Map(entries), pos }, anchor),
                    None => return Ok(()),
                };
                self.finish_node(node.0, node.1)
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
                let duplicate = k.as_text().and_then(|name| match seen.get(name) {
                    Some(first) => Some((name.to_string(), *first)),
                    None => {
                        seen.insert(name.to_string(), k.pos);
                        None
                    }
                });
                entries.push((k.clone(), node));
                if let Some((name, first)) = duplicate {
                    let file = self.file;
                    self.diagnostics.push(
                        Diagnostic::error("E011", file, k.pos, format!("duplicate key `{name}`"))
                            .with_help(format!("`{name}` is already set at line {}", first.line)),
                    );
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Node {
        parse(text, "t.yaml", 0).expect("parses")
    }

    fn err(text: &str) -> Vec<Diagnostic> {
        parse(text, "t.yaml", 0).expect_err("fails")
    }

    #[test]
    fn positions_are_one_based() {
        let root = ok("title: A\nstages:\n  - name: B\n");
        let map = root.as_map().unwrap();
        assert_eq!(map[0].1.pos, Pos::new(1, 8));
        let stage = &map[1].1.as_seq().unwrap()[0];
        assert_eq!(stage.as_map().unwrap()[0].1.pos, Pos::new(3, 11));
    }

    #[test]
    fn scalars_read_as_yaml_1_2_core() {
        let root = ok("a: 3.5\nb: no\nc: true\nd: '4'\ne: ~\n");
        let map = root.as_map().unwrap();
        assert_eq!(map[0].1.as_number(), Some(3.5));
        assert_eq!(map[1].1.as_bool(), None);
        assert_eq!(map[1].1.as_text(), Some("no"));
        assert_eq!(map[2].1.as_bool(), Some(true));
        assert_eq!(map[3].1.as_number(), None);
        assert!(map[4].1.is_null());
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_lines() {
        let d = err("title: A\nid: x\ntitle: B\n");
        assert_eq!(d[0].code, "E011");
        assert_eq!((d[0].line, d[0].column), (3, 1));
        assert!(d[0].help.as_deref().unwrap().contains("line 1"));
    }

    #[test]
    fn duplicates_are_found_in_wide_mappings() {
        let mut text: String = (0..50_000).map(|i| format!("k{i}: 1\n")).collect();
        text.push_str("k49999: 2\n");
        let d = err(&text);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].code, d[0].line), ("E011", 50_001));
    }

    #[test]
    fn alias_bombs_stop_early() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            text.push_str(&format!("a{i}: &a{i} [{}]\n", [prev.as_str(); 10].join(", ")));
        }
        let d = err(&text);
        assert_eq!(d[0].code, "E013");
    }

    #[test]
    fn deep_nesting_stops_early() {
        let text = "[".repeat(100_000);
        let d = err(&text);
        assert_eq!(d[0].code, "E012");
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let d = err("title: [unclosed\nid: x\n");
        assert_eq!(d[0].code, "E010");
        assert!(d[0].line >= 1);
    }

    #[test]
    fn aliases_expand_to_copies() {
        let root = ok("a: &x [1, 2]\nb: *x\n");
        assert_eq!(root.as_map().unwrap()[1].1.as_seq().unwrap().len(), 2);
    }
}
