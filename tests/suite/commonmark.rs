//! The CommonMark spec's examples, built as notes by the real binary and compared with the
//! spec's HTML as the spec's own runner compares them: both sides normalised (whitespace
//! around block tags dropped, runs of whitespace collapsed, attributes sorted, character
//! references decoded). The spec comes from the npm package `commonmark-spec`, which
//! `tests/run.sh` installs into `tests/browser/node_modules`; without it this test fails.
//!
//! Every example must match, except those listed in [`DELIBERATE`] with the reason; an
//! example on that list that starts to match fails the test too, so the list stays true.

use crate::harness;

use std::cell::RefCell;
use std::fs;
use std::path::Path;

use harness::Run;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};

const SPEC: &str = "tests/browser/node_modules/commonmark-spec/spec.txt";

/// Examples whose output differs on purpose, by reason (README lists the same groups).
const DELIBERATE: &[(&str, &[u32])] = &[
    ("a raw tag not on GitHub's allowlist is dropped, its text kept", &[163, 201, 491, 524, 536, 613, 614, 615, 617]),
    ("an attribute not on the allowlist is dropped; raw ids get `user-content-`", &[152, 153, 154, 164, 169]),
    (
        "`script`, `style` and `textarea` are dropped, script and style with their content",
        &[170, 171, 172, 173, 176, 178],
    ),
    (
        "comments, processing instructions, declarations and CDATA are dropped",
        &[177, 179, 180, 181, 182, 183, 308, 309, 625, 626, 627, 628, 629],
    ),
    (
        "raw elements are balanced: closed where their Markdown element or HTML block ends, stray closing tags dropped",
        &[148, 150, 151, 155, 165, 174, 175, 184, 187, 344, 494, 623],
    ),
    ("a raw link left open with nothing in it is dropped", &[21, 31, 476, 477, 616, 630, 631, 642, 643]),
    ("a link whose scheme is not allowed is text", &[598, 599, 601]),
    ("a link to a project file leads to its page", &[484]),
];

/// One example of the spec.
struct Example {
    number: u32,
    section: String,
    markdown: String,
    html: String,
}

/// The examples of `spec.txt`: fenced with 32 backticks and `example`, Markdown and HTML
/// parted by a line holding `.`, tabs written as `→`.
fn examples(spec: &str) -> Vec<Example> {
    let fence = "`".repeat(32);
    let mut out = Vec::new();
    let mut section = String::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line == "<!-- END TESTS -->" {
            break;
        }
        if let Some(title) = line.strip_prefix('#').map(|l| l.trim_start_matches('#')) {
            if title.starts_with(' ') {
                section = title.trim().to_string();
            }
            continue;
        }
        if line != format!("{fence} example") {
            continue;
        }
        let mut parts = [String::new(), String::new()];
        let mut part = 0;
        for line in lines.by_ref() {
            if line == fence {
                break;
            }
            if line == "." && part == 0 {
                part = 1;
                continue;
            }
            parts[part].push_str(&line.replace('→', "\t"));
            parts[part].push('\n');
        }
        let [markdown, html] = parts;
        out.push(Example { number: out.len() as u32 + 1, section: section.clone(), markdown, html });
    }
    out
}

#[derive(Default)]
struct Collect(RefCell<Vec<Token>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.0.borrow_mut().push(token);
        TokenSinkResult::Continue
    }
}

/// Elements around which the spec's runner ignores whitespace.
const BLOCK: &[&str] = &[
    "article",
    "header",
    "aside",
    "hgroup",
    "blockquote",
    "hr",
    "iframe",
    "body",
    "li",
    "map",
    "button",
    "object",
    "canvas",
    "ol",
    "caption",
    "output",
    "col",
    "p",
    "colgroup",
    "pre",
    "dd",
    "progress",
    "section",
    "dl",
    "table",
    "td",
    "dt",
    "tbody",
    "embed",
    "textarea",
    "fieldset",
    "tfoot",
    "figcaption",
    "th",
    "figure",
    "thead",
    "footer",
    "tr",
    "form",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "video",
    "script",
    "style",
];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// What the spec runner's `normalize_html` makes of `html`, written anew: the same rules,
/// with an HTML tokenizer in place of Python's parser.
fn normalize(html: &str) -> String {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let mut out = String::new();
    let (mut last, mut last_tag, mut in_pre) = ("starttag", String::new(), false);
    for token in tokenizer.sink.0.take() {
        match token {
            Token::CharacterTokens(text) => {
                let after_tag = last == "starttag" || last == "endtag";
                let mut data = text.to_string();
                if after_tag && last_tag == "br" {
                    data = data.trim_start_matches('\n').to_string();
                }
                if !in_pre {
                    data = collapse(&data);
                    if after_tag && BLOCK.contains(&last_tag.as_str()) {
                        data = if last == "starttag" { data.trim_start() } else { data.trim() }.to_string();
                    }
                }
                out.push_str(&escape(&data));
                last = "data";
            }
            Token::TagToken(tag) => {
                let name = tag.name.to_string();
                if tag.kind == TagKind::EndTag {
                    if name == "pre" {
                        in_pre = false;
                    } else if BLOCK.contains(&name.as_str()) {
                        out.truncate(out.trim_end().len());
                    }
                    out.push_str(&format!("</{name}>"));
                    last = "endtag";
                } else {
                    if name == "pre" {
                        in_pre = true;
                    }
                    if BLOCK.contains(&name.as_str()) {
                        out.truncate(out.trim_end().len());
                    }
                    let mut attrs: Vec<(String, String)> =
                        tag.attrs.iter().map(|a| (a.name.local.to_string(), a.value.to_string())).collect();
                    attrs.sort();
                    out.push('<');
                    out.push_str(&name);
                    for (k, v) in attrs {
                        out.push_str(&format!(" {k}=\"{}\"", escape(&v).replace('\'', "&#x27;")));
                    }
                    out.push('>');
                    last = if tag.self_closing { "endtag" } else { "starttag" };
                }
                last_tag = name;
            }
            Token::CommentToken(text) => {
                out.push_str(&format!("<!--{text}-->"));
                last = "comment";
            }
            Token::DoctypeToken(d) => {
                out.push_str(&format!("<!DOCTYPE {}>", d.name.map(|n| n.to_string()).unwrap_or_default()));
                last = "decl";
            }
            _ => {}
        }
    }
    out
}

/// Runs of whitespace as one space, as the runner's `re.sub('\s+', ' ', data)`.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// The note's rendered body from its page, with the anchor ids journeybook gives headings
/// taken out (an addition the spec does not have).
fn note_body(page: &str) -> String {
    let start = page.find("<div class=\"prose\">").expect("the note's prose") + "<div class=\"prose\">".len();
    let end = page.rfind("</div>\n</article>").expect("the end of the note");
    let mut body = page[start..end].to_string();
    for level in 1..=6 {
        let open = format!("<h{level} id=\"");
        while let Some(at) = body.find(&open) {
            let close = body[at + open.len()..].find('"').expect("a closed id") + at + open.len();
            body.replace_range(at + 3..close + 1, "");
        }
    }
    body
}

#[test]
fn commonmark_spec_examples_render_as_the_spec_says() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(SPEC);
    let spec = fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("{}: {e}; install it with `npm ci` in tests/browser (tests/run.sh does)", path.display())
    });
    let examples = examples(&spec);
    assert_eq!(examples.len(), 652, "the examples of CommonMark 0.31.2");

    let project = tempfile::tempdir().unwrap();
    fs::write(project.path().join("journeybook.yaml"), "title: CommonMark\n").unwrap();
    let notes = project.path().join("content/insights");
    fs::create_dir_all(&notes).unwrap();
    for e in &examples {
        let front = format!("---\ntitle: Example {}\ndate: 2026-01-01\n---\n", e.number);
        fs::write(notes.join(format!("e{:03}.md", e.number)), front + &e.markdown).unwrap();
    }
    // Example 484 links to `./target.md`: a note of that name lets the link resolve.
    fs::write(notes.join("target.md"), "---\ntitle: Target\ndate: 2026-01-01\n---\n").unwrap();
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}{}", run.stdout, run.stderr);

    let deliberate: Vec<u32> = DELIBERATE.iter().flat_map(|(_, n)| n.iter().copied()).collect();
    let (mut unexpected, mut now_pass, mut passed) = (Vec::new(), Vec::new(), 0);
    for e in &examples {
        let page = fs::read_to_string(project.path().join(format!("public/insights/e{:03}/index.html", e.number)));
        let got = page.map(|p| normalize(&note_body(&p))).unwrap_or_default();
        let want = normalize(&e.html);
        match (got == want, deliberate.contains(&e.number)) {
            (true, false) => passed += 1,
            (true, true) => now_pass.push(e.number),
            (false, true) => {}
            (false, false) => unexpected
                .push(format!("example {} ({}):\n{}\nwant: {want}\ngot:  {got}", e.number, e.section, e.markdown)),
        }
    }
    eprintln!("CommonMark {passed} of {} examples match; {} differ on purpose", examples.len(), deliberate.len());
    assert!(now_pass.is_empty(), "these examples now match; take them off DELIBERATE: {now_pass:?}");
    assert!(unexpected.is_empty(), "{} examples differ:\n\n{}", unexpected.len(), unexpected.join("\n\n"));
}
