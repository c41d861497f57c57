//! Reading and writing diagrams, without the binary.

use super::*;
use crate::diagnostic::Diagnostics;

fn read(text: &str) -> (Option<Diagram>, Vec<(&'static str, u32, u32)>) {
    let mut d = Diagnostics::default();
    let diagram = parse(text, "d.mmd", &mut d);
    (diagram, d.sorted().iter().map(|d| (d.code, d.line, d.column)).collect())
}

fn task(name: &str, score: f64, actors: &[&str]) -> Task {
    Task { name: name.into(), score: Some(score), actors: actors.iter().map(|a| a.to_string()).collect() }
}

#[test]
fn reads_the_documented_example() {
    let (d, found) = read("journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me\n      Go upstairs: 3: Me\n      Do work: 1: Me, Cat\n    section Go home\n      Go downstairs: 5: Me\n      Sit down: 5: Me\n");
    let d = d.unwrap();
    assert!(found.is_empty());
    assert_eq!(d.title, "My working day");
    assert_eq!(d.sections.len(), 2);
    assert_eq!(d.sections[0].tasks[2], task("Do work", 1.0, &["Me", "Cat"]));
}

#[test]
fn awkward_grammar() {
    let text = "%% leading comment\njourney\n  accTitle: Accessible title\n  accDescr {\n    Two lines\n    of description\n  }\n  Early task: 4\n  %% a comment between tasks\n  Section  Mixed Case #58; colon\n  Task with #58; colon: 2: A #35;1, B\n";
    let d = read(text).0.unwrap();
    assert_eq!(d.heading(), Some("Accessible title"));
    assert_eq!(d.description, "Two lines\nof description");
    assert_eq!(d.sections[0].name, FIRST_STAGE);
    assert_eq!(d.sections[0].tasks[0].actors, Vec::<String>::new());
    assert_eq!(d.sections[1].name, "Mixed Case : colon");
    assert_eq!(d.sections[1].tasks[0], task("Task with : colon", 2.0, &["A #1", "B"]));
}

#[test]
fn statements_share_lines_as_in_mermaid() {
    let d = read("---\ntitle: From front matter\nconfig: {theme: base}\n---\njourney accDescr {\n  text\n}section A\n  t: 3: x # a comment\n").0.unwrap();
    assert_eq!(d.title, "From front matter");
    assert_eq!(d.description, "text");
    assert_eq!(d.sections[0].tasks[0], task("t", 3.0, &["x"]));
    let d = read("journey title Same line\nsection B\n").0.unwrap();
    assert_eq!((d.title.as_str(), d.sections[0].name.as_str()), ("Same line", "B"));
}

#[test]
fn odd_scores_are_clamped_or_dropped_with_w050() {
    let (d, found) = read("journey\nsection A\n  a: 3.5: Me\n  b: 7\n  c: x\n  d: -10\n  e: : Me\n");
    let scores: Vec<Option<f64>> = d.unwrap().sections[0].tasks.iter().map(|t| t.score).collect();
    assert_eq!(scores, [Some(3.5), Some(5.0), None, Some(1.0), Some(1.0)]);
    assert_eq!(found, [("W050", 4, 6), ("W050", 5, 6), ("W050", 6, 6), ("W050", 7, 6)]);
}

#[test]
fn what_mermaid_rejects_is_an_error_at_its_line() {
    let (d, found) = read("journey\nsection A\n  no score here\n  a; b: 3\n  c:\n  : 4\n");
    assert!(d.is_none());
    assert_eq!(found, [("E101", 3, 3), ("E101", 4, 3), ("E101", 5, 3), ("E101", 6, 3)]);
    assert_eq!(read("graph TD\n A-->B\n").1, [("E100", 1, 1)]);
    assert_eq!(read("\n  Journey\n section A\n").1, [("E100", 2, 3)]);
    assert_eq!(read("").1, [("E100", 1, 1)]);
    assert_eq!(read("journey\n  title Empty\n").1, [("E100", 1, 1)]);
    assert_eq!(read("---\n  title: x\n  ---\njourney\nsection A\n").1, [("E100", 1, 1)]);
}

#[test]
fn an_unclosed_block_swallows_the_rest_as_in_mermaid() {
    let (d, found) = read(
        "journey
section A
  a: 4: Me
  accDescr {
  b: 5: Me
",
    );
    let d = d.unwrap();
    assert_eq!(found, [("W051", 4, 3)]);
    assert_eq!(d.sections[0].tasks.len(), 1);
    assert_eq!(d.description, "b: 5: Me");
}

#[test]
fn export_writes_what_mermaid_reads_back() {
    let mut d = Diagnostics::default();
    let yaml = "title: \"Plan #1; now\"\nstages:\n  - name: \"Pay: card\"\n    touchpoints:\n      - name: \"Section planning\"\n        emotion: 2.6\n        actors: [\"Sam, Jr.\", \"A: B\"]\n      - name: \"journey 50%% done\"\n        emotion: 4\n";
    let journey = crate::project::journey::parse(yaml, "j.yaml", "j", &mut d).unwrap();
    let text = export(&journey, None);
    assert!(text.contains("#83;ection planning: 3: Sam#44; Jr., A#58; B"), "{text}");
    let back = read(&text).0.unwrap();
    assert_eq!(back.title, "Plan #1; now");
    assert_eq!(back.sections[0].name, "Pay: card");
    assert_eq!(back.sections[0].tasks[0], task("Section planning", 3.0, &["Sam, Jr.", "A: B"]));
    assert_eq!(back.sections[0].tasks[1].name, "journey 50%% done");
}

#[test]
fn repeated_names_get_distinct_ids_and_names() {
    let mut d = read("journey\nsection Darkoob\n  a: 5\n  a: 4\nsection ไทย\nsection Darkoob\n  a: 3\n").0.unwrap();
    assert_eq!(distinct_task_names(&mut d), ["a (2)"]);
    let yaml = to_yaml(&d, &Target { fallback_title: "x", ..Target::default() });
    // A Thai name is its own id now (SPEC §8), so none is written for it.
    assert!(yaml.contains("name: \"ไทย\"\n") && !yaml.contains("stage-2"), "{yaml}");
    assert!(yaml.contains("name: \"Darkoob\"\n    id: darkoob-2\n"), "{yaml}");
}

#[test]
fn the_persona_most_tasks_name_is_linked() {
    let mut d =
        read("journey\nsection A\n  a: 5: Me\n  b: 4: Me, Cat\n  c: 3: cat\n  d: 2: Cat\n  e: 1: me, Dog\n").0.unwrap();
    let personas = [("cat".to_string(), "Cat".to_string()), ("me".to_string(), "Me".to_string())];
    // Three tasks name each; the one named first wins. `cat` by id becomes its name, `Cat`.
    assert_eq!(link_persona(&mut d, &personas).as_deref(), Some("me"));
    let actors: Vec<Vec<String>> = d.sections[0].tasks.iter().map(|t| t.actors.clone()).collect();
    assert_eq!(actors, [vec![], vec!["Me", "Cat"], vec!["Cat"], vec!["Cat"], vec!["Me", "Dog"]]);
    let mut d = read("journey\nsection A\n  a: 5: Office Manager\n").0.unwrap();
    let personas = [("office-manager".to_string(), "Maya, office manager".to_string())];
    assert_eq!(link_persona(&mut d, &personas).as_deref(), Some("office-manager"));
}

mod properties {
    use super::super::source::is_blank;
    use super::*;
    use proptest::prelude::*;

    /// Text made of the grammar's pieces, so that the lexer's corners are reached often.
    const DIAGRAMISH: &str = "(journey|Journey|title |section |accTitle: |accDescr ?\\{|accDescr: |%%|%%\\{init: \\{x\\}\\}%%|%%\\{wrap|---|#58;|#x;|\r\n|\n|:|;|,|#|\\}| |\t|[a-zé]{1,4}|[0-9.+-]{1,3}|\u{feff})*";

    /// A touchpoint's name, emotion and actors.
    type Touchpoint = (String, u8, Vec<String>);

    /// Any text, or text made of what Mermaid would misread in a name.
    fn name() -> impl Strategy<Value = String> {
        prop_oneof![".{0,12}", "(Section |journey|title |accTitle:|accDescr \\{|%%|#58;|[a-z :;,#%}\t]){1,5}"]
    }

    fn quote(s: &str) -> String {
        serde_json::to_string(s).unwrap()
    }

    fn trimmed(s: &str) -> String {
        s.trim_matches(is_blank).to_string()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// Any text gives a diagram or diagnostics, never a panic; a diagram gives a journey
        /// file that reads without errors.
        #[test]
        fn any_text_imports_or_says_why(text in DIAGRAMISH) {
            let mut d = Diagnostics::default();
            match parse(&text, "p.mmd", &mut d) {
                Some(mut diagram) => {
                    prop_assert!(!d.has_errors());
                    distinct_task_names(&mut diagram);
                    let yaml = to_yaml(&diagram, &Target { fallback_title: "p", ..Target::default() });
                    let mut read = Diagnostics::default();
                    let journey = crate::project::journey::parse(&yaml, "j.yaml", "j", &mut read);
                    prop_assert!(journey.is_some() && !read.has_errors(), "{yaml}\n{:?}", read.sorted());
                }
                None => prop_assert!(d.has_errors()),
            }
        }

        /// Whatever the names hold, an export reads back with the same names and actors.
        #[test]
        fn exports_read_back_as_written(
            title in name(),
            stages in proptest::collection::vec((name(), proptest::collection::vec((name(), 1u8..=5, proptest::collection::vec(name(), 0..3)), 0..3)), 1..3),
        ) {
            // Names are one line and not blank; the characters that stand for entities inside
            // the reader are left out.
            let line = |s: &String| {
                let one = s.replace(['\u{E000}', '\u{E001}', '\n', '\r'], "x");
                if trimmed(&one).is_empty() { format!("n{one}") } else { one }
            };
            let title = line(&title);
            let stages: Vec<(String, Vec<Touchpoint>)> = stages
                .iter()
                .map(|(s, ts)| (line(s), ts.iter().map(|(t, e, a)| (line(t), *e, a.iter().map(line).collect())).collect()))
                .collect();
            let mut yaml = format!("title: {}\nstages:\n", quote(&title));
            for (i, (stage, touchpoints)) in stages.iter().enumerate() {
                yaml.push_str(&format!("  - name: {}\n    id: s{i}\n    touchpoints:\n", quote(stage)));
                for (j, (name, emotion, actors)) in touchpoints.iter().enumerate() {
                    let actors: Vec<String> = actors.iter().map(|a| quote(a)).collect();
                    let name = quote(&format!("{name}{j}"));
                    yaml.push_str(&format!("      - name: {name}\n        emotion: {emotion}\n        actors: [{}]\n", actors.join(", ")));
                }
            }
            let mut d = Diagnostics::default();
            let journey = crate::project::journey::parse(&yaml, "j.yaml", "j", &mut d);
            prop_assume!(journey.is_some() && !d.has_errors());
            let journey = journey.unwrap();
            let text = export(&journey, None);
            let mut d = Diagnostics::default();
            let back = parse(&text, "x.mmd", &mut d);
            prop_assert!(back.is_some() && d.is_empty(), "{text}\n{:?}", d.sorted());
            let back = back.unwrap();
            prop_assert_eq!(&back.title, &trimmed(&journey.title));
            prop_assert_eq!(back.sections.len(), journey.stages.len());
            for (section, stage) in back.sections.iter().zip(&journey.stages) {
                prop_assert_eq!(&section.name, &trimmed(&stage.name));
                for (task, t) in section.tasks.iter().zip(&stage.touchpoints) {
                    prop_assert_eq!(&task.name, &trimmed(&t.name));
                    prop_assert_eq!(task.score, t.emotion);
                    let actors: Vec<String> = t.actors.iter().map(|a| trimmed(a)).filter(|a| !a.is_empty()).collect();
                    prop_assert_eq!(&task.actors, &actors);
                }
                prop_assert_eq!(section.tasks.len(), stage.touchpoints.len());
            }
        }
    }
}
