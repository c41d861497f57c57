//! Theme overrides (docs/themes.md): a project's `templates/header.html` replaces the site
//! header, which is rendered once per language and section and reaches every page.

use std::fs;

use crate::harness::{example, fixture, read_tree, Output, Run};

/// Builds the Thai fixture with `templates` (name, text) in its `templates/` folder; returns
/// the project and the run.
fn build_with(templates: &[(&str, &str)]) -> (tempfile::TempDir, Output) {
    let project = fixture("good/thai");
    let dir = project.path().join("templates");
    fs::create_dir_all(&dir).unwrap();
    for (name, text) in templates {
        fs::write(dir.join(name), text).unwrap();
    }
    let run = Run::new(&["build"]).source(project.path()).go();
    (project, run)
}

/// A build that failed on its templates: status 1, and nothing written.
fn failed(project: &tempfile::TempDir, run: &Output) {
    assert_eq!(run.status, 1, "{}", run.stderr);
    assert!(!project.path().join("public/index.html").exists(), "nothing written");
}

#[test]
fn an_overridden_header_reaches_every_page_with_its_own_section_and_language() {
    let header = "<header data-where=\"{{ page.section }}/{{ lang }}\">{{ t(key=\"nav.journeys\") }}</header>\n";
    let (project, run) = build_with(&[("header.html", header)]);
    let root = project.path();
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = |path: &str| fs::read_to_string(root.join("public").join(path)).unwrap();
    for (path, expected) in [
        ("index.html", "<header data-where=\"home/en\">Journeys</header>\n<main"),
        ("journeys/index.html", "<header data-where=\"journeys/en\">Journeys</header>\n<main"),
        ("journeys/subscription/index.html", "<header data-where=\"journeys/th\">เส้นทางลูกค้า</header>\n<main"),
        ("insights/index.html", "<header data-where=\"insights/en\">Journeys</header>\n<main"),
        ("404.html", "<header data-where=\"/en\">Journeys</header>\n<main"),
    ] {
        let html = page(path);
        assert!(html.contains(expected), "{path} lacks {expected}:\n{html}");
        assert_eq!(html.matches("data-where").count(), 1, "{path} has one site header");
    }
}

#[test]
fn a_header_that_reads_more_than_its_section_is_an_error_at_its_file() {
    let (project, run) = build_with(&[("header.html", "<header>\n{{ page.title }}</header>\n")]);
    failed(&project, &run);
    assert!(run.stderr.contains("templates/header.html"), "{}", run.stderr);
    assert!(run.stderr.contains("page.title"), "{}", run.stderr);
}

#[test]
fn every_broken_template_is_reported_at_its_own_line_in_one_run() {
    let (project, run) =
        build_with(&[("note.html", "<p>\n{% if %}</p>\n"), ("tag.html", "<p></p>\n\n{{ site.title \n")]);
    failed(&project, &run);
    assert!(run.stderr.contains("templates/note.html:2:7"), "{}", run.stderr);
    assert!(run.stderr.contains("templates/tag.html:4:1"), "{}", run.stderr);
}

#[test]
fn a_template_that_extends_a_missing_one_names_it() {
    let (project, run) = build_with(&[("note.html", "{% extends \"missing.html\" %}\n")]);
    failed(&project, &run);
    assert!(run.stderr.contains("E070") && run.stderr.contains("missing.html"), "{}", run.stderr);
}

#[test]
fn a_templates_fixed_strings_and_links_are_in_each_pages_language() {
    // Written into each language's copy of the templates once (render/constants.rs), so this
    // checks that a project's own template gets the Thai text on a Thai page and the English
    // one elsewhere, and that a call with an argument still runs on every page.
    let stage = "{% extends \"base.html\" %}{% block content %}<p id=\"fixed\">{{ t(key=\"nav.journeys\") }}|\
                 {{ url(to=\"journeys\") }}|{{ t(key=\"stage.position\", position=position, count=count) }}</p>\
                 {% endblock content %}\n";
    let (project, run) = build_with(&[("stage.html", stage)]);
    assert_eq!(run.status, 0, "{}", run.stderr);
    let page = |path: &str| fs::read_to_string(project.path().join("public").join(path)).unwrap();
    let thai = page("journeys/subscription/การรับรู้/index.html");
    assert!(thai.contains("<p id=\"fixed\">เส้นทางลูกค้า|/journeys/|"), "{thai}");
    let english = page("journeys/доставка/заказ/index.html");
    assert!(english.contains("<p id=\"fixed\">Journeys|/journeys/|Stage 1 of 3</p>"), "{english}");
}

#[test]
fn a_page_that_fails_to_render_names_its_template() {
    // The page's template has a fixed string written in; the error still comes from the
    // template as written.
    let note = "{% extends \"base.html\" %}{% block content %}<p>{{ t(key=\"nav.journeys\") }}</p>\
                {{ nowhere.title }}{% endblock content %}\n";
    let (project, run) = build_with(&[("note.html", note)]);
    failed(&project, &run);
    assert!(run.stderr.contains("E070") && run.stderr.contains("templates/note.html"), "{}", run.stderr);
    assert!(run.stderr.contains("nowhere.title"), "{}", run.stderr);
}

/// The journey map as `map.html` drew it from `map`, its lanes, stages and cells, before the
/// built-in theme drew it in Rust (`map_markup`): what a theme that draws the map itself writes.
const MAP_DRAWN_FROM_ITS_PARTS: &str = r#"{% import "macros.html" as m %}
{# The journey map: a column per stage, a row per lane (SPEC §3.1). Cells are written stage by
   stage, so on a phone the map reads as a sequence of stages; on wider screens each cell takes
   its lane's grid row. Each stage's cells link to its page, `link`, made once per stage.
   Each cell comes drawn as `c.markup`, its contents as `c.html` (docs/themes.md, MapCell). #}

<div class="jmap-box" role="region" aria-labelledby="map-heading" tabindex="0">
<div class="jmap" style="--stages: {{ journey.stages | length }}">
  <div class="jmap-corner" aria-hidden="true"></div>
  {% for l in map.lanes %}
  <div class="jmap-label lane-{{ l.id }}{% if l.backstage %} backstage{% endif %}" style="grid-row: {{ l.row }}" aria-hidden="true">{{ l.label }}{% if l.id == "emotion" %}<span class="scale"><span>5 · {{ t(key="emotion.5") }}</span><span>1 · {{ t(key="emotion.1") }}</span></span>{% endif %}</div>
  {% if l.id == "emotion" and map.emotion %}<div class="jmap-curve" style="grid-row: {{ l.row }}">{{ map.emotion | safe }}</div>{% endif %}
  {% endfor %}
  {% for ms in map.stages %}{% set s = ms.stage %}{% set link = ms.href %}
  <div class="jmap-stage" style="--column: {{ ms.column }}">
    <h3 class="jmap-head"><a href="{{ link }}"><span class="step">{{ ms.number }}</span> <span class="name">{{ s.name }}</span></a>{{ m::emotion(score=s.emotion) }}{% for c in ms.children %}<a class="jmap-zoom" href="{{ url(to="journey", id=c.id) }}"><span aria-hidden="true">⤷ </span>{{ t(key="zoom.link", name=c.title) }}</a>{% endfor %}</h3>
    {% for c in ms.cells %}
    {{ c.markup | safe }}
    {% endfor %}
  </div>
  {% endfor %}
</div>
</div>
"#;

#[test]
fn a_theme_that_names_the_map_parts_or_a_personas_journeys_gets_them_and_draws_what_the_built_in_theme_does() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    // The built-in persona page, its chart's table read from the journeys themselves.
    let persona = fs::read_to_string(root.join("themes/default/templates/persona.html")).unwrap();
    assert!(persona.contains("in curve_table %}"), "{persona}");
    let persona = persona.replace("in curve_table %}", "in curves %}");
    let mut projects: Vec<tempfile::TempDir> = vec![example()];
    for entry in fs::read_dir(root.join("tests/fixtures/good")).unwrap() {
        projects.push(fixture(&format!("good/{}", entry.unwrap().file_name().to_string_lossy())));
    }
    let (mut maps, mut tables) = (0, 0);
    for project in &projects {
        let root = project.path();
        let built_in = Run::new(&["build", "--drafts", "--output", "built-in"]).source(root).go_in(root);
        assert_eq!(built_in.status, 0, "{}", built_in.stderr);
        fs::create_dir_all(root.join("templates")).unwrap();
        fs::write(root.join("templates/map.html"), MAP_DRAWN_FROM_ITS_PARTS).unwrap();
        fs::write(root.join("templates/persona.html"), &persona).unwrap();
        let own = Run::new(&["build", "--drafts", "--output", "own"]).source(root).go_in(root);
        // The templates read `map.lanes`, `map.stages` and `curves`: without them they would fail.
        assert_eq!(own.status, 0, "{}", own.stderr);
        let (built_in, own) = (read_tree(&root.join("built-in")), read_tree(&root.join("own")));
        assert_eq!(built_in.keys().collect::<Vec<_>>(), own.keys().collect::<Vec<_>>());
        for (path, bytes) in &built_in {
            let text = String::from_utf8_lossy(bytes);
            maps += text.matches("<div class=\"jmap\"").count();
            tables += usize::from(path.starts_with("personas/") && text.contains("<caption>"));
            assert!(
                bytes == &own[path],
                "{path} of {} differs:\n{}",
                root.display(),
                String::from_utf8_lossy(&own[path])
            );
        }
    }
    assert!(maps >= 10 && tables >= 3, "the projects draw {maps} maps and {tables} persona tables");
}
