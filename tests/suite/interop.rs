//! Mermaid in and out: fixture diagrams imported, exported, re-imported; invalid ones rejected.

use crate::harness;

use harness::{example, Run};
use journeybook::diagnostic::Diagnostics;
use journeybook::interop::mermaid;
use journeybook::project::journey;
use std::fs;
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mermaid").join(name).to_string_lossy().into_owned()
}

/// A touchpoint's name, score and actors.
type TouchpointShape = (String, Option<f64>, Vec<String>);

/// Stages, touchpoint names and scores: what a round trip must keep.
fn shape(j: &journeybook::model::Journey) -> Vec<(String, Vec<TouchpointShape>)> {
    j.stages
        .iter()
        .map(|s| {
            (s.name.clone(), s.touchpoints.iter().map(|t| (t.name.clone(), t.emotion, t.actors.clone())).collect())
        })
        .collect()
}

/// A diagram read and written as a journey file, as `import` does in a project without personas.
fn import(text: &str, name: &str) -> journeybook::model::Journey {
    let mut d = Diagnostics::default();
    let diagram = mermaid::parse(text, name, &mut d).unwrap_or_else(|| panic!("{name}: {:?}", d.sorted()));
    load(&mermaid::to_yaml(&diagram, &mermaid::Target { fallback_title: "x", ..Default::default() }))
}

fn load(text: &str) -> journeybook::model::Journey {
    let mut d = Diagnostics::default();
    let j = journey::parse(text, "content/journeys/x.yaml", "x", &mut d).expect("valid journey");
    assert!(!d.has_errors(), "{:?}", d.sorted());
    j
}

#[test]
fn import_export_import_keeps_stages_touchpoints_and_scores() {
    for name in ["good/working-day.mmd", "good/awkward.mmd"] {
        let text = fs::read_to_string(fixture(name)).unwrap();
        let first = import(&text, name);
        let exported = mermaid::export(&first, None);
        let second = import(&exported, "exported");
        assert_eq!(shape(&first), shape(&second), "{name}\n{exported}");
        assert_eq!(first.title, second.title);
    }
}

#[test]
fn the_awkward_diagram_reads_as_written() {
    let text = fs::read_to_string(fixture("good/awkward.mmd")).unwrap();
    let j = import(&text, "a");
    assert_eq!(j.title, "Ordering lunch ahead");
    let names: Vec<&str> = j.stages.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Start", "Order", "Pay : card or wallet", "Collect", "การรับรู้"]);
    assert_eq!(j.stages[4].id, "การรับรู้");
    assert_eq!(j.stages[1].touchpoints[1].actors, ["Priya", "Sam"]);
    assert!(j.stages[3].touchpoints.is_empty());
    assert_eq!(j.stages[2].emotion, Some(1.0), "a stage's emotion comes from its touchpoints");
}

/// Exports a journey of the project, imports the diagram back into the same project as
/// `<id>-back`, checks the project and returns the journey as written and as imported.
fn export_then_import(project: &Path, id: &str) -> (journeybook::model::Journey, journeybook::model::Journey) {
    let run = Run::new(&["export", "mermaid", id]).source(project).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let diagram = project.join(format!("{id}.mmd"));
    fs::write(&diagram, &run.stdout).unwrap();
    let back_path = project.join(format!("content/journeys/{id}-back.yaml"));
    let args = ["import", "mermaid", diagram.to_str().unwrap(), "--output", back_path.to_str().unwrap()];
    let import = Run::new(&args).source(project).go();
    assert_eq!(import.status, 0, "{}", import.stderr);
    assert!(import.stderr.is_empty(), "an export imports without warnings: {}", import.stderr);
    let check = Run::new(&["check", "--strict"]).source(project).go();
    assert_eq!(check.status, 0, "{id}: {}{}\n{}", check.stdout, check.stderr, run.stdout);
    let original = load(&fs::read_to_string(project.join(format!("content/journeys/{id}.yaml"))).unwrap());
    (original, load(&fs::read_to_string(back_path).unwrap()))
}

#[test]
fn every_journey_of_the_example_round_trips_and_links_its_persona_again() {
    let project = example();
    for id in ["snack-box", "snack-box-future", "mobile-ordering"] {
        let (built, back) = export_then_import(project.path(), id);
        let persona = |j: &journeybook::model::Journey| j.persona.as_ref().map(|p| p.value.clone());
        assert_eq!(persona(&back), persona(&built), "{id}: importing the export links the persona");
        // Names and actors come back as they were; scores rounded, as Mermaid's are whole.
        let rounded = |j: &journeybook::model::Journey| -> Vec<TouchpointShape> {
            let stages = j.stages.iter().flat_map(|s| s.touchpoints.iter().map(move |t| (s, t)));
            stages.map(|(s, t)| (t.name.clone(), t.emotion.or(s.emotion).map(f64::round), t.actors.clone())).collect()
        };
        let stage_names = |j: &journeybook::model::Journey| j.stages.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
        assert_eq!(stage_names(&back), stage_names(&built), "{id}");
        assert_eq!(rounded(&back), rounded(&built), "{id}");
    }
}

#[test]
fn awkward_names_survive_a_round_trip_through_the_binary() {
    let project = tempfile::tempdir().unwrap();
    fs::write(project.path().join("journeybook.yaml"), "title: Awkward\n").unwrap();
    fs::create_dir_all(project.path().join("content/personas")).unwrap();
    fs::create_dir_all(project.path().join("content/journeys")).unwrap();
    fs::write(project.path().join("content/personas/sam.yaml"), "name: \"Sam: the buyer, #1\"\n").unwrap();
    fs::write(project.path().join("content/journeys/awkward.yaml"), AWKWARD).unwrap();
    let (built, back) = export_then_import(project.path(), "awkward");
    assert_eq!(shape(&back), shape(&built));
    assert_eq!(back.title, built.title);
    assert_eq!(back.persona.map(|p| p.value).as_deref(), Some("sam"));
    let ids: Vec<&str> = back.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["pay-card", "การชำระเงิน", "pay-card-2"]);
    let exported = fs::read_to_string(project.path().join("awkward.mmd")).unwrap();
    assert!(exported.contains("      Wallet fails: 1: sam, Ana#44; Jr.\n"), "{exported}");
}

/// A journey whose names Mermaid would misread if written as they are.
const AWKWARD: &str = r#"title: "Pay #1; then leave"
persona: sam
stages:
  - name: "Pay: card"
    touchpoints:
      - name: "Section planning"
        emotion: 4
      - name: "journey 50%% done; next"
        emotion: 2
        actors: ["Ana, Jr.", "Bo: x"]
  - name: "การชำระเงิน"
    touchpoints:
      - name: "Title page"
        emotion: 5
  - name: "Pay: card"
    id: pay-again
    touchpoints:
      - name: "Wallet fails"
        emotion: 1
        actors: ["Sam: the buyer, #1", "Ana, Jr."]
"#;

#[test]
fn invalid_diagrams_report_their_lines() {
    let cases = [
        ("bad/scores.mmd", vec![("W050", 5, 15), ("W050", 6, 11), ("E101", 8, 5)]),
        ("bad/not-journey.mmd", vec![("E100", 2, 1)]),
        ("bad/unclosed.mmd", vec![("E100", 1, 1), ("W051", 2, 3)]),
    ];
    for (name, expected) in cases {
        let text = fs::read_to_string(fixture(name)).unwrap();
        let mut d = Diagnostics::default();
        assert!(mermaid::parse(&text, name, &mut d).is_none(), "{name}");
        let found: Vec<(&str, u32, u32)> = d.sorted().iter().map(|d| (d.code, d.line, d.column)).collect();
        assert_eq!(found, expected, "{name}");
    }
}

#[test]
fn import_writes_a_journey_that_builds_and_refuses_to_overwrite() {
    let project = example();
    let src = project.path().to_str().unwrap().to_string();
    let diagram = fixture("good/working-day.mmd");
    let import = |extra: &[&str]| {
        let mut args = vec!["import", "mermaid", diagram.as_str()];
        args.extend_from_slice(extra);
        Run::new(&args).source(project.path()).go()
    };
    let first = import(&[]);
    assert_eq!(first.status, 0, "{}", first.stderr);
    assert!(first.stdout.contains("Actors without a persona: Me, Cat. Add --personas"), "{}", first.stdout);
    let written = project.path().join("content/journeys/my-working-day.yaml");
    assert!(written.is_file());
    let again = import(&[]);
    assert_eq!(again.status, 2);
    assert!(again.stderr.contains("already exists; add --force"), "{}", again.stderr);
    assert_eq!(import(&["--force", "--personas"]).status, 0);
    assert!(project.path().join("content/personas/cat.yaml").is_file());
    let check = Run::new(&["check", "--strict"]).source(Path::new(&src)).go();
    assert_eq!(check.status, 0, "{}", check.stderr);

    let bad = Run::new(&["import", "mermaid", &fixture("bad/scores.mmd")]).source(project.path()).go();
    assert_eq!(bad.status, 1);
    assert!(bad.stderr.contains("error[E101]: `No score at all` is not a task"), "{}", bad.stderr);
    assert!(bad.stderr.contains("scores.mmd:8:5"), "{}", bad.stderr);
    assert!(
        bad.stderr.contains("warning[W050]: score `6` of task `Too high` is outside 1–5; imported as 5"),
        "{}",
        bad.stderr
    );
    assert!(bad.stderr.contains("1 error; nothing was written"), "{}", bad.stderr);
}

/// The comparison's numbers, worked out by hand from the fixture.
#[test]
fn comparison_page_shows_matched_stages_deltas_and_changes() {
    let project = harness::fixture("good/compare");
    let run = Run::new(&["build"]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    // One page per pair, the smaller id first (SPEC §7); `now` names `next`, so it is the base.
    let page = fs::read_to_string(project.path().join("public/compare/next/now/index.html")).unwrap();
    let text: String = page.split_whitespace().collect::<Vec<_>>().join(" ");
    // Rows in order: the target's first stage, then matched stages, the target's extra after Pay.
    let order: Vec<usize> = ["Welcome", "Browse", "Pay", "Review", "Receipt"]
        .iter()
        .map(|s| text.find(&format!(">{s}</a>")).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "row order {order:?}");
    // Browse: emotion 3 → 3.5; Pay: 2 → 4, entered 200 → 400, drop-off 0.8 → 0.6 at Browse.
    assert!(text.contains(r#"<span class="delta better">+0.5</span>"#), "emotion delta at Browse");
    assert!(text.contains(r#"<span class="delta better">+2</span>"#), "emotion delta at Pay");
    assert!(text.contains(r#"<span class="delta better">+200</span>"#), "entered delta at Pay");
    assert!(
        text.contains(r#"<span class="delta better">−20 pts</span>"#),
        "drop-off from Browse falls from 80% to 60%"
    );
    assert!(text.contains("+ Wallet") && text.contains("− Banner"), "touchpoints added and removed");
    assert!(text.contains("✓ Slow pages") && text.contains("✓ Card rejected"), "pain points resolved");
    assert!(!text.contains("✓ Hidden fees"), "a pain point still present is not resolved");
    assert!(text.contains("2 pain points of"), "{text}");
    assert_eq!(text.matches("not in this journey").count(), 3, "unmatched stages are shown");
    for journey in ["now", "next"] {
        let j = fs::read_to_string(project.path().join(format!("public/journeys/{journey}/index.html"))).unwrap();
        assert!(j.contains(r#"href="/compare/next/now/""#), "{journey} links to the comparison");
    }
    let persona = fs::read_to_string(project.path().join("public/personas/buyer/index.html")).unwrap();
    assert!(persona.contains(r#"id="persona-buyer""#), "the persona page draws both journeys' curves");
    assert!(
        persona.contains(
            "Checkout next year: Welcome 4.0, Browse 3.5, Pay 4.0, Review 4.5; Checkout today: Browse 3.0, Pay 2.0, Receipt 3.5."
        ),
        "{persona}"
    );
}

#[test]
fn a_title_without_latin_letters_takes_its_id_from_output_or_the_file_name() {
    let project = tempfile::tempdir().unwrap();
    fs::write(project.path().join("journeybook.yaml"), "title: Cyrillic\n").unwrap();
    let diagram = "journey\n  title Процесс регистрации\n  section Знакомство\n    Посещение сайта: 5: Пользователь\n  section Знакомство\n    Ввод данных: 3: Пользователь\n";
    let import = |file: &str, output: Option<&str>| {
        let path = project.path().join(file);
        fs::write(&path, diagram).unwrap();
        let mut args = vec!["import", "mermaid", path.to_str().unwrap()];
        let target = output.map(|o| project.path().join(o).to_string_lossy().into_owned());
        if let Some(t) = &target {
            args.extend(["--output", t]);
        }
        Run::new(&args).source(project.path()).go()
    };
    // Names in any script make ids (SPEC §8): the Cyrillic title names the file.
    assert_eq!(import("путь.mmd", None).status, 0);
    assert!(project.path().join("content/journeys/процесс-регистрации.yaml").is_file());
    assert_eq!(import("signup.mmd", Some("content/journeys/signup.yaml")).status, 0);
    assert_eq!(import("регистрация.mmd", Some("content/journeys/регистрация.yaml")).status, 0);
    let named = fs::read_to_string(project.path().join("content/journeys/регистрация.yaml")).unwrap();
    assert!(!named.contains("\nid:"), "the file name is a valid id: {named}");
    let signup = fs::read_to_string(project.path().join("content/journeys/signup.yaml")).unwrap();
    assert!(signup.contains("  - name: \"Знакомство\"\n    id: знакомство-2\n"), "{signup}");
    let check = Run::new(&["check", "--strict"]).source(project.path()).go();
    assert_eq!(check.status, 0, "{}{}", check.stdout, check.stderr);
    assert!(check.stderr.contains("Checked 3 journeys"), "{}", check.stderr);
}

#[test]
fn repeated_names_and_odd_scores_import_into_a_journey_that_checks() {
    let project = tempfile::tempdir().unwrap();
    fs::write(project.path().join("journeybook.yaml"), "title: Repeats\n").unwrap();
    let run = Run::new(&["import", "mermaid", &fixture("good/repeats.mmd")]).source(project.path()).go();
    assert_eq!(run.status, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Task names repeated within a section were numbered: Browse (2), Pay (2).\n"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains("warning[W050]: score `7` of task `Pay` is outside 1–5; imported as 5"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("repeats.mmd:11:10"), "{}", run.stderr);
    assert!(run.stderr.contains("warning[W050]: score `Hello` of task `Pay` is not a number"), "{}", run.stderr);
    assert!(run.stderr.contains("repeats.mmd:12:10"), "{}", run.stderr);
    let yaml = fs::read_to_string(project.path().join("content/journeys/repeats-and-odd-scores.yaml")).unwrap();
    let j = load(&yaml);
    let ids: Vec<&str> = j.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["visit", "visit-2"]);
    assert_eq!(
        shape(&j)[1].1,
        [("Pay".to_string(), Some(5.0), vec!["Me".to_string()]), ("Pay (2)".to_string(), None, vec!["Me".to_string()])]
    );
    let check = Run::new(&["check", "--strict"]).source(project.path()).go();
    assert_eq!(check.status, 0, "{}{}", check.stdout, check.stderr);
}
