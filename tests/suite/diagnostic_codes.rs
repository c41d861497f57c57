//! The registry of diagnostic codes (`src/diagnostic/codes.rs`) against the sources, the
//! README and `journeybook explain`.

use crate::harness;
use crate::sources;

use std::collections::BTreeMap;
use std::path::Path;

use harness::Run;
use journeybook::diagnostic::codes::{self, Status, CODES};

const START: &str = "<!-- diagnostic codes: made from src/diagnostic/codes.rs; `BLESS=1 cargo test --test suite diagnostic_codes` rewrites it -->\n";
const END: &str = "<!-- end of diagnostic codes -->\n";

/// Every `"E123"`/`"W123"` literal outside test code and the registry, with its first place.
fn codes_in_sources() -> BTreeMap<String, String> {
    let src = sources::src();
    let mut found = BTreeMap::new();
    for path in sources::rust_files(&src) {
        if path.starts_with(src.join("diagnostic/codes")) || path == src.join("diagnostic/codes.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in sources::non_test_lines(&text) {
            for code in literals(line) {
                let place = format!("{}:{n}", path.strip_prefix(&src).unwrap().display());
                found.entry(code).or_insert(place);
            }
        }
    }
    found
}

/// The code literals on one line: a quote, `E` or `W`, three digits, a quote.
fn literals(line: &str) -> Vec<String> {
    let b = line.as_bytes();
    (0..b.len().saturating_sub(5))
        .filter(|&i| {
            b[i] == b'"'
                && matches!(b[i + 1], b'E' | b'W')
                && b[i + 2..i + 5].iter().all(u8::is_ascii_digit)
                && b[i + 5] == b'"'
        })
        .map(|i| line[i + 1..i + 5].to_string())
        .collect()
}

#[test]
fn the_scanner_finds_code_literals() {
    assert_eq!(literals(r#"Diagnostic::error("E040", file, pos, "E04 is not a code")"#), vec!["E040"]);
    assert_eq!(literals(r#"x("W010") == "E1234""#), vec!["W010"]);
}

#[test]
fn every_code_the_sources_emit_is_registered() {
    let used = codes_in_sources();
    assert!(used.len() > 30, "the scan found the codes: {used:?}");
    let unknown: Vec<String> =
        used.iter().filter(|(code, _)| codes::find(code).is_none()).map(|(c, at)| format!("{c} at src/{at}")).collect();
    assert!(unknown.is_empty(), "add these to src/diagnostic/codes/list.rs: {unknown:?}");
}

#[test]
fn every_registered_code_is_emitted_unless_marked_otherwise() {
    let used = codes_in_sources();
    for c in CODES {
        match (c.status, used.get(c.code)) {
            (Status::Emitted, None) => panic!("{} is registered as emitted but nothing emits it", c.code),
            (Status::NotYetEmitted, Some(at)) => {
                panic!("{} is emitted at src/{at}: mark it emitted in the registry", c.code)
            }
            (Status::Retired, Some(at)) => panic!("{} is retired but still emitted at src/{at}", c.code),
            _ => {}
        }
    }
}

#[test]
fn the_readme_table_is_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(START).expect("the README marks the start of the code table") + START.len();
    let end = start + readme[start..].find(END).expect("the README marks the end of the code table");
    let expected = codes::markdown_table();
    if readme[start..end] != expected && std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, format!("{}{expected}{}", &readme[..start], &readme[end..])).unwrap();
        return;
    }
    assert_eq!(readme[start..end], expected, "run with BLESS=1 to rewrite the README's table");
}

#[test]
fn explain_prints_the_meaning_and_an_example_fix() {
    let run = Run::new(&["explain", "e040"]).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.starts_with("E040 (error): a journey names a persona that does not exist\n\n"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("    persona: office-manager"), "{}", run.stdout);
    let run = Run::new(&["explain", "W030"]).go();
    assert_eq!(
        run.stdout,
        "W030 (warning): fewer than 30 survey responses behind the latest value of a journey or stage metric\n"
    );
    let run = Run::new(&["explain", "W040"]).go();
    assert!(
        run.stdout
            .starts_with("W040 (warning): interface strings missing for a language in use: they are shown in English"),
        "{}",
        run.stdout
    );
}

#[test]
fn explain_an_unknown_code_fails_with_the_nearest_one() {
    let run = Run::new(&["explain", "E04"]).go();
    assert_eq!(run.status, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "error: unknown diagnostic code `E04`; did you mean `E040`?\n");
    let run = Run::new(&["explain", "hello"]).go();
    assert_eq!(
        (run.status, run.stderr.as_str()),
        (2, "error: unknown diagnostic code `hello`; the README lists every code\n")
    );
}
