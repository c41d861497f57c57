//! The layer rule of ARCHITECTURE.md, checked on the sources: a module may use its own
//! layer and the layers before it, never a later one. Test code is exempt, since a test may
//! build its input with any step (a model test parses a journey with the loader).

use crate::sources;

use std::path::Path;

/// The layers, first to last, and the top-level modules of `src/` each one holds.
const LAYERS: &[(&str, &[&str])] = &[
    ("shared", &["suggest", "diagnostic", "console", "cores", "text", "route"]),
    ("model", &["model"]),
    ("pure steps over the model", &["metrics", "markdown"]),
    ("files", &["project"]),
    ("languages", &["i18n"]),
    ("rules", &["validate"]),
    ("drawing", &["charts", "interop"]),
    ("pages", &["render"]),
    ("build", &["site"]),
    ("reports", &["diff", "history"]),
    ("command line", &["cmd"]),
];

/// Where a module sits in [`LAYERS`], or `None` when no layer declares it.
fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, modules)| modules.contains(&module))
}

/// The top-level module a source file belongs to: `src/project/yaml/mod.rs` → `project`.
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().expect("a path inside src");
    let first = first.as_os_str().to_string_lossy();
    first.strip_suffix(".rs").unwrap_or(&first).to_string()
}

/// The top-level modules a line names through `crate::`, including `use crate::{a, b::c}`.
fn crate_modules(line: &str) -> Vec<String> {
    let code = line.trim_start();
    if code.starts_with("//") {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphabetic() || c == '_') => {
                        found.push(identifier(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.push(identifier(rest));
        }
    }
    found.retain(|m| !m.is_empty() && m != "self");
    found
}

fn identifier(text: &str) -> String {
    text.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect()
}

/// Every place where `module` (written in `file`) reaches a later layer or an undeclared one.
fn violations(module: &str, file: &str, text: &str) -> Vec<String> {
    let Some(own) = layer_of(module) else {
        return vec![format!("{file}: module `{module}` is in no layer; add it to LAYERS and ARCHITECTURE.md")];
    };
    let mut found = Vec::new();
    for (n, line) in sources::non_test_lines(text) {
        for used in crate_modules(line) {
            match layer_of(&used) {
                Some(layer) if layer <= own => {}
                Some(layer) => found.push(format!(
                    "{file}:{n}: `{module}` ({}) uses `{used}` from the later layer {}",
                    LAYERS[own].0, LAYERS[layer].0
                )),
                None => found.push(format!("{file}:{n}: `crate::{used}` is in no layer")),
            }
        }
    }
    found
}

#[test]
fn no_module_uses_a_later_layer() {
    let src = sources::src();
    let files = sources::rust_files(&src);
    let mut found = Vec::new();
    for path in &files {
        let relative = path.strip_prefix(&src).unwrap();
        if relative == Path::new("lib.rs") || relative == Path::new("main.rs") {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let file = format!("src/{}", relative.display());
        found.extend(violations(&module_of(relative), &file, &text));
    }
    assert!(files.len() > 50, "the sources were found ({} files)", files.len());
    assert!(found.is_empty(), "imports against the layer order:\n{}", found.join("\n"));
}

#[test]
fn every_top_level_module_is_in_a_layer() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.trim().strip_suffix(';')?.split_whitespace().last())
        .filter(|name| lib.contains(&format!("mod {name};")))
        .collect();
    assert!(declared.len() > 10, "lib.rs declares its modules: {declared:?}");
    for name in declared {
        assert!(layer_of(name).is_some(), "`{name}` is declared in lib.rs but in no layer");
    }
}

#[test]
fn the_checker_catches_a_model_that_reaches_into_the_loader() {
    let text = "use crate::diagnostic::Pos;\nuse crate::project::fields::Spanned;\n";
    let found = violations("model", "src/model/mod.rs", text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("src/model/mod.rs:2: `model` (model) uses `project`"), "{}", found[0]);
}

#[test]
fn the_checker_reads_grouped_imports_and_inline_paths() {
    let text = "use crate::{model::Journey, render::{self, escape_html}};\nfn f() { crate::site::build(); }\n";
    let found = violations("charts", "src/charts/x.rs", text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("uses `render`") && found[1].contains("src/charts/x.rs:2:"), "{found:?}");
    assert!(found[1].contains("uses `site`"), "{found:?}");
}

#[test]
fn the_checker_leaves_test_code_and_comments_alone() {
    let text = "//! Worked out by `crate::site`.\nuse crate::model::Journey;\n\n#[cfg(test)]\nmod tests {\n    use crate::project::journey;\n    fn f() { let s = format!(\"{}\", 1); }\n}\n\nfn after() { crate::render::x(); }\n";
    let found = violations("metrics", "src/metrics/x.rs", text);
    assert_eq!(
        found,
        vec!["src/metrics/x.rs:10: `metrics` (pure steps over the model) uses `render` from the later layer pages"]
    );
}

#[test]
fn the_checker_asks_for_a_layer_for_a_new_module() {
    assert_eq!(violations("widgets", "src/widgets.rs", "").len(), 1);
    assert_eq!(violations("charts", "src/charts/x.rs", "use crate::widgets::W;\n").len(), 1);
}
