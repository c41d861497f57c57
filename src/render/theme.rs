//! The theme: templates and static assets, built in and overridable file by file.
//!
//! Lookup order for a template: the project's `templates/`, then `themes/<theme>/templates/`,
//! then the built-in `default` theme compiled into the binary. Static assets likewise, with
//! the project's `static/` copied last.

use std::collections::BTreeMap;
use std::path::Path;

use include_dir::{include_dir, Dir};

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::project::{self, Project};

static DEFAULT_THEME: Dir = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A template's source and where it came from, for error messages.
pub struct TemplateSource {
    pub name: String,
    pub file: String,
    pub text: String,
    /// Whether it is the built-in theme's, not a file of the project's.
    pub built_in: bool,
}

/// Every template, by name, after overrides.
pub fn templates(project: &Project, diagnostics: &mut Diagnostics) -> BTreeMap<String, TemplateSource> {
    let mut out = BTreeMap::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("templates") {
        for file in dir.files() {
            let name = file.path().strip_prefix("templates").unwrap_or(file.path()).to_string_lossy().into_owned();
            let text = file.contents_utf8().unwrap_or_default().to_string();
            out.insert(
                name.clone(),
                TemplateSource { file: format!("(built-in theme)/templates/{name}"), name, text, built_in: true },
            );
        }
    }
    let mut layers = Vec::new();
    if project.config.theme != "default" {
        layers.push(format!("themes/{}/templates", project.config.theme));
    } else if project.root.join("themes/default/templates").is_dir() {
        layers.push("themes/default/templates".to_string());
    }
    layers.push("templates".to_string());
    for layer in layers {
        let base = project.root.join(&layer);
        for path in project::walk(&project.root, &layer, diagnostics) {
            let name = project::relative(&base, &path);
            let file = project::relative(&project.root, &path);
            if let Some(text) = project::read_text(&project.root, &path, project.config.max_file_size, diagnostics) {
                out.insert(name.clone(), TemplateSource { name, file, text, built_in: false });
            }
        }
    }
    out
}

/// Every static asset, by output path: theme assets, then the project's `static/`.
pub fn assets(project: &Project, diagnostics: &mut Diagnostics) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("static") {
        collect_embedded(dir, &mut out);
    }
    let theme_static = if project.config.theme != "default" {
        Some(format!("themes/{}/static", project.config.theme))
    } else {
        project.root.join("themes/default/static").is_dir().then(|| "themes/default/static".to_string())
    };
    let mut files = Vec::new();
    if let Some(layer) = theme_static {
        let base = project.root.join(&layer);
        let walked = project::walk(&project.root, &layer, diagnostics);
        files.extend(walked.into_iter().map(|path| (project::relative(&base, &path), path)));
    }
    // The project's own static/ was walked, and its skipped links reported, when it was loaded.
    files.extend(project.static_files.iter().cloned());
    for (rel, path) in files {
        match read_asset(&path) {
            Ok(bytes) => {
                out.insert(rel, bytes);
            }
            Err(e) => diagnostics.push(Diagnostic::error(
                "E001",
                &project::relative(&project.root, &path),
                Pos::default(),
                format!("cannot read: {e}"),
            )),
        }
    }
    out
}

fn read_asset(path: &Path) -> std::io::Result<Vec<u8>> {
    let size = std::fs::metadata(path)?.len();
    if size > project::DEFAULT_MAX_FILE_MIB * 1024 * 1024 * 8 {
        return Err(std::io::Error::other(format!("{} MiB is more than a static file may be", size / (1024 * 1024))));
    }
    std::fs::read(path)
}

fn collect_embedded(dir: &Dir, out: &mut BTreeMap<String, Vec<u8>>) {
    for file in dir.files() {
        let rel = file.path().strip_prefix("static").unwrap_or(file.path());
        out.insert(rel.to_string_lossy().replace('\\', "/"), file.contents().to_vec());
    }
    for sub in dir.dirs() {
        collect_embedded(sub, out);
    }
}
