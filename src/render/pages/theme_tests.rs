//! Keeps `docs/themes.md`, the theme contract, honest: every template file is named in it, and
//! every variable a template receives is described under that template's heading.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{build, keys, Content};

/// Variables every page receives, described once in the contract's shared section.
const SHARED: [&str; 3] = ["site", "page", "lang"];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn contract() -> String {
    std::fs::read_to_string(root().join("docs/themes.md")).expect("docs/themes.md is readable")
}

/// The text under the heading `### \`name\``, up to the next heading of that level or above.
fn section<'a>(doc: &'a str, name: &str) -> Option<&'a str> {
    let start = doc.find(&format!("### `{name}`"))?;
    let rest = &doc[start + 4..];
    let end = rest.find("\n## ").into_iter().chain(rest.find("\n### ")).min().unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The top-level variables of every template's context, from every page the example
/// playbook makes, plus the history page of each of its journeys.
fn variables_by_template() -> BTreeMap<String, BTreeSet<String>> {
    let checked = crate::site::check(root(), &crate::site::Options::default());
    assert!(!checked.diagnostics.has_errors(), "the example playbook builds");
    let project = &checked.project;
    let sparklines = vec![None; project.journeys.len()];
    let notes = project.notes.iter().collect();
    let content = Content::new("/", &project.config, &project.journeys, &project.personas, notes, &sparklines);
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |template: &str, context: tera::Context| {
        let value = context.into_json();
        let names = value.as_object().expect("a context is a map").keys().cloned();
        out.entry(template.to_string()).or_default().extend(names);
    };
    for key in keys(&content) {
        let page = build(&content, &key);
        add(page.template, page.context);
    }
    for page in crate::history::pages(project, &[], |_, make| make()) {
        add("history.html", page.context);
    }
    out
}

#[test]
fn every_template_file_is_named_in_the_contract() {
    let doc = contract();
    let dir = root().join("themes/default/templates");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("the templates folder is readable") {
        let name = entry.expect("a directory entry").file_name().to_string_lossy().into_owned();
        if section(&doc, &name).is_none() {
            missing.push(name);
        }
    }
    assert!(missing.is_empty(), "templates without a `### `name`` section in docs/themes.md: {missing:?}");
}

#[test]
fn every_variable_a_template_receives_is_described_under_it() {
    let doc = contract();
    let shared = section(&doc, "site, page, lang").expect("docs/themes.md has the shared section");
    let mut missing = Vec::new();
    let templates = variables_by_template();
    assert!(templates.len() >= 17, "every kind of page was made: {:?}", templates.keys());
    for (template, names) in &templates {
        let Some(text) = section(&doc, template) else {
            missing.push(format!("{template}: no section"));
            continue;
        };
        for name in names {
            let home = if SHARED.contains(&name.as_str()) { shared } else { text };
            // A shared value is described field by field, as `page.title`.
            if !home.contains(&format!("`{name}`")) && !home.contains(&format!("`{name}.")) {
                missing.push(format!("{template}: `{name}`"));
            }
        }
    }
    assert!(missing.is_empty(), "variables docs/themes.md does not describe:\n{}", missing.join("\n"));
}

#[test]
fn the_shared_values_are_described_field_by_field() {
    let doc = contract();
    let shared = section(&doc, "site, page, lang").expect("docs/themes.md has the shared section");
    let site = crate::render::SiteContext { title: "", description: "", language: "", base: "/", generator: "" };
    let page = super::PageInfo { title: "", section: super::Section::Nowhere, path: "" };
    for (name, value) in [("site", tera::to_value(site)), ("page", tera::to_value(page))] {
        let value = value.expect("a shared value serialises");
        for field in value.as_object().expect("a struct").keys() {
            assert!(shared.contains(&format!("`{name}.{field}`")), "`{name}.{field}` is not described");
        }
    }
}

#[test]
fn the_section_finder_stops_at_the_next_heading() {
    let doc = "## Pages\n\n### `a.html`\n\n- `x`\n\n### `b.html`\n\n- `y`\n\n## Assets\n`z`";
    assert_eq!(section(doc, "a.html"), Some("`a.html`\n\n- `x`\n"));
    assert!(section(doc, "b.html").is_some_and(|s| s.contains("`y`") && !s.contains("`z`")));
    assert_eq!(section(doc, "c.html"), None);
}

#[test]
fn no_template_a_page_uses_is_left_unparsed() {
    let checked = crate::site::check(root(), &crate::site::Options::default());
    let project = &checked.project;
    let sparklines = vec![None; project.journeys.len()];
    let notes = project.notes.iter().collect();
    let content = Content::new("/", &project.config, &project.journeys, &project.personas, notes, &sparklines);
    let unused = super::unused_templates(&project.journeys, &project.personas, false);
    assert_eq!(unused, ["history.html"], "the example has every kind of page but history pages");
    for key in keys(&content) {
        let page = build(&content, &key);
        assert!(!unused.contains(&page.template), "{} is used by {}", page.template, page.path);
    }
    assert!(super::unused_templates(&project.journeys, &project.personas, true).is_empty());
    assert_eq!(
        super::unused_templates(&[], &[], false),
        ["journey.html", "stage.html", "history.html", "compare.html", "persona.html"]
    );
}
