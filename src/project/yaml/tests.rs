//! The YAML tree: positions, spans, limits and the errors a person meets first.

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
fn duplicates_are_found_each_side_of_the_switch_to_a_key_index() {
    // Keys are compared one by one in a small map and looked up by name past FEW_KEYS: a
    // repeat of an early key, written once the map is indexed, names the first place it had.
    let mut text: String = (0..FEW_KEYS + 4).map(|i| format!("k{i}: 1\n")).collect();
    text.insert_str(0, "k3: 0\n");
    text.push_str("k3: 2\nk18: 3\n");
    let d = err(&text);
    let found: Vec<(u32, &str)> = d.iter().map(|d| (d.line, d.help.as_deref().unwrap())).collect();
    assert_eq!(
        found,
        [
            (5, "`k3` is already set at line 1"),
            (FEW_KEYS as u32 + 6, "`k3` is already set at line 1"),
            (FEW_KEYS as u32 + 7, "`k18` is already set at line 20"),
        ]
    );
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
    // The parser notices the open bracket at the `:` of the next line.
    assert_eq!((d[0].line, d[0].column), (2, 3));
}

#[test]
fn separated_numbers_are_recognised() {
    assert_eq!(unseparated("16,000").as_deref(), Some("16000"));
    assert_eq!(unseparated("16 000").as_deref(), Some("16000"));
    assert_eq!(unseparated("1,234.5").as_deref(), Some("1234.5"));
    assert_eq!(unseparated("-1,234,567").as_deref(), Some("-1234567"));
    assert_eq!(unseparated("16000"), None);
    assert_eq!(unseparated("1,23"), None);
    assert_eq!(unseparated("1,234 567"), None);
    assert_eq!(unseparated("very high"), None);
    assert_eq!(unseparated("1,234.x"), None);
}

#[test]
fn decimal_commas_are_recognised() {
    assert_eq!(decimal_comma("5,5").as_deref(), Some("5.5"));
    assert_eq!(decimal_comma("-0,25").as_deref(), Some("-0.25"));
    assert_eq!(decimal_comma("16,000"), None);
    assert_eq!(decimal_comma("a,5"), None);
    assert_eq!(decimal_comma("5,"), None);
}

#[test]
fn spans_cover_the_whole_value() {
    let root = ok("a: Check out now  # c\nb: \"q, r\"\nc: [x, y z]\nd:\n  - e\n");
    let map = root.as_map().unwrap();
    assert_eq!((map[0].1.pos, map[0].1.end), (Pos::new(1, 4), Pos::new(1, 17)));
    assert_eq!((map[1].1.pos, map[1].1.end), (Pos::new(2, 4), Pos::new(2, 10)));
    assert_eq!((map[2].1.pos, map[2].1.end), (Pos::new(3, 4), Pos::new(3, 12)));
    assert!(map[2].1.flow && !map[3].1.flow);
    assert_eq!(map[3].1.end, Pos::new(5, 6));
}

#[test]
fn anchored_block_collections_are_not_flow() {
    let root = ok("a: &x\n  b: 1\nc: !t\n  - d\ne: &y {f: 1}\ng: &z [h]\n");
    let flow: Vec<bool> = root.as_map().unwrap().iter().map(|(_, v)| v.flow).collect();
    assert_eq!(flow, [false, false, true, true]);
}

#[test]
fn keys_without_a_colon_in_flow_mappings_are_implicit() {
    let root = ok("a: {text: x, not y, b: , c:, d\n  }\n");
    let inner = root.as_map().unwrap()[0].1.as_map().unwrap();
    let implicit: Vec<bool> = inner.iter().map(|(_, v)| v.implicit).collect();
    assert_eq!(implicit, [false, true, false, false, true]);
}

#[test]
fn a_tab_in_the_indentation_is_pointed_at() {
    for text in ["a: 1\n\tb: 2\n", "a:\n\t- b\n", "s:\n  - name: x\n \t id: y\n"] {
        let d = err(text);
        assert_eq!(d[0].message, "a tab in the indentation: YAML indents with spaces", "{text:?}");
        let line = text.lines().position(|l| l.trim_start_matches(' ').starts_with('\t')).unwrap() as u32 + 1;
        let column = text.lines().nth(line as usize - 1).unwrap().find('\t').unwrap() as u32 + 1;
        assert_eq!((d[0].line, d[0].column), (line, column), "{text:?}");
    }
}

#[test]
fn aliases_expand_to_copies() {
    let root = ok("a: &x [1, 2]\nb: *x\n");
    assert_eq!(root.as_map().unwrap()[1].1.as_seq().unwrap().len(), 2);
}
