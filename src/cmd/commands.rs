//! What each command does, from parsed arguments to an exit status.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use include_dir::{include_dir, Dir};

use crate::cmd::cli::{Cli, Command, Common, FailOn};
use crate::cmd::exit::{CONTENT_ERROR, OK, USAGE_ERROR};
use crate::console::{errln, outln};
use crate::diagnostic::{self, Diagnostics, Format};
use crate::site::{self, output};

static STARTER: Dir = include_dir!("$CARGO_MANIFEST_DIR/starter");

/// Runs one command and returns the process exit status.
pub fn run(cli: Cli) -> u8 {
    let status = dispatch(cli);
    match crate::console::failure() {
        Some(e) => fail(format!("cannot write to standard output: {e}")),
        None => status,
    }
}

fn dispatch(cli: Cli) -> u8 {
    match cli.command {
        Command::Build { common, output, base_url, drafts, timings, history } => {
            build(&common, output, base_url, &BuildFlags { drafts, timings, history })
        }
        Command::Check { common, fail_on, certain } => check(&common, fail_on, certain),
        Command::Init { dir, ci: None } => init(&dir),
        Command::Init { dir, ci: Some(host) } => init_ci(&dir, host),
        Command::Diff { range, source, format, fail_on, base_url } => {
            let options = crate::diff::Options {
                range: range.as_deref(),
                source: &source,
                format,
                fail_on_regression: fail_on.is_some(),
                base_url: base_url.as_deref(),
            };
            diff(&options)
        }
        Command::New { what } => crate::cmd::scaffold::run(what),
        Command::Import {
            format: crate::cmd::cli::ImportCommand::Mermaid { file, output, force, personas, source },
        } => import_mermaid(&file, output, force, personas, &source),
        Command::Export { format: crate::cmd::cli::ExportCommand::Mermaid { journey, source } } => {
            export_mermaid(&journey, &source)
        }
        Command::Serve { source, bind, port, open } => {
            if !source.is_dir() {
                return fail(format!("{} is not a folder", source.display()));
            }
            crate::cmd::serve::run(crate::cmd::serve::Options { source, bind, port, open })
        }
        Command::Schema { kind } => {
            outln!("{}", crate::cmd::schema::text(kind));
            OK
        }
        Command::Explain { code } => crate::cmd::explain::run(&code),
    }
}

fn fail(message: impl std::fmt::Display) -> u8 {
    errln!("error: {message}");
    USAGE_ERROR
}

fn source_dir(common: &Common) -> Result<PathBuf, u8> {
    if !common.source.is_dir() {
        return Err(fail(format!("{} is not a folder", common.source.display())));
    }
    Ok(common.source.clone())
}

/// The yes-or-no options of `build`.
struct BuildFlags {
    drafts: bool,
    timings: bool,
    history: bool,
}

fn build(common: &Common, output: Option<PathBuf>, base_url: Option<String>, flags: &BuildFlags) -> u8 {
    let BuildFlags { drafts, timings, history } = *flags;
    let started = Instant::now();
    let source = match source_dir(common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let options = site::Options { base_url, drafts, history, keep_parsed: false };
    let mut checked = site::check_to_build(&source, &options);
    // What stops the build is told before anything is written; warnings alone are printed
    // while the site is made (a large playbook's thousands take a while on one core), and
    // always before what rendering adds.
    let stops = common.strict || checked.diagnostics.has_errors();
    if stops {
        if let Some(code) = report(&mut checked.diagnostics, &checked.project.sources, common, true) {
            return code;
        }
    }
    let output = output.unwrap_or_else(|| source.join(&checked.project.config.output));
    let staging =
        output_is_safe(&source, &output).and_then(|()| output::Staging::begin(&output).map_err(|e| e.to_string()));
    let staging = match staging {
        Ok(s) => s,
        Err(message) => {
            // Nothing will be made: the warnings are told first, as ever.
            if !stops {
                report(&mut checked.diagnostics, &checked.project.sources, common, true);
            }
            return fail(message);
        }
    };
    // File texts were kept to show offending lines; once those are shown, they go.
    let mut found = std::mem::take(&mut checked.diagnostics);
    let sources = std::mem::take(&mut checked.project.sources);
    std::thread::scope(|scope| {
        let mut warnings = (!stops).then(|| {
            scope.spawn(move || {
                report(&mut found, &sources, common, true);
                drop(sources);
                site::release_freed_memory();
            })
        });
        let mut shown = || {
            if let Some(printing) = warnings.take() {
                let _ = printing.join();
            }
        };
        let (live, mut checked) = site::Live::render(checked, &source, &options, &staging, site::Remake::Never);
        shown();
        if let Some(e) = checked.write_error.take() {
            return fail(e);
        }
        if let Some(code) = report(&mut checked.diagnostics, &Default::default(), common, true) {
            return code;
        }
        let Some(live) = live else { return CONTENT_ERROR };
        let mut pages = live.page_count;
        if history {
            match write_history(&source, &live, &staging) {
                Ok(n) => pages += n,
                Err(code) => return code,
            }
        }
        let mut steps = live.timings.clone();
        if let Err(e) = steps.time("swap", || staging.commit()) {
            return fail(e);
        }
        if timings {
            for (step, took) in &steps.0 {
                errln!("{step:>10} {:>8.1} ms", took.as_secs_f64() * 1000.0);
            }
        }
        errln!("Built {pages} pages into {} in {} ms", output.display(), started.elapsed().as_millis());
        exit_without_freeing((live, checked));
        OK
    })
}

/// Leaves `model` to the operating system, which takes back a process's memory at once when
/// it ends; freeing a large playbook's every string one by one first would only delay that.
/// Only for what a command holds when it has nothing left to do.
fn exit_without_freeing<T>(model: T) {
    std::mem::forget(model);
}

/// Renders each journey's history page into the staging folder; returns how many.
fn write_history(source: &Path, live: &site::Live, staging: &output::Staging) -> Result<usize, u8> {
    use output::Sink;
    let (versions, invalid) = crate::history::versions(source).map_err(fail)?;
    for tag in &invalid {
        errln!("warning: the playbook at tag `{tag}` does not validate; the history leaves it out");
    }
    let pages = crate::history::pages(&live.project, &versions, |locale, make| live.within(locale, make));
    for page in &pages {
        let locale = (page.language.as_str(), page.calendar);
        let html = match live.render_page_in(locale, "history.html", page.context.clone()) {
            Ok(html) => html,
            Err(d) => {
                let mut found = Diagnostics::default();
                found.push(d);
                let _ =
                    diagnostic::emit(&mut std::io::stderr().lock(), &found, &Default::default(), Format::Human, false);
                return Err(CONTENT_ERROR);
            }
        };
        staging.put(&page.path, html.into_bytes()).map_err(fail)?;
    }
    Ok(pages.len())
}

/// The output must not be the project itself or hold it.
fn output_is_safe(source: &Path, output: &Path) -> Result<(), String> {
    let source = source.canonicalize().map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    let output_abs = match output.canonicalize() {
        Ok(p) => p,
        Err(_) => return Ok(()),
    };
    if source.starts_with(&output_abs) {
        return Err(format!(
            "the output folder {} holds the project itself; choose another --output",
            output.display()
        ));
    }
    Ok(())
}

fn check(common: &Common, fail_on: Option<FailOn>, certain: bool) -> u8 {
    let source = match source_dir(common) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let mut checked = site::check_only(&source, &site::Options::default());
    if let Some(threshold) = fail_on {
        if !checked.diagnostics.has_errors() {
            checked.diagnostics.extend(crate::metrics::failing(&checked.project.journeys, threshold.status(), certain));
            checked.read_again(&source);
        }
    }
    if let Some(code) = report(&mut checked.diagnostics, &checked.project.sources, common, false) {
        exit_without_freeing(checked);
        return code;
    }
    if common.format == Format::Human {
        let p = &checked.project;
        errln!(
            "Checked {}, {} and {}: no errors",
            plural(p.journeys.len(), "journey"),
            plural(p.personas.len(), "persona"),
            plural(p.notes.len(), "note")
        );
    }
    exit_without_freeing(checked);
    OK
}

/// Prints diagnostics; returns the exit status when they stop the command.
fn report(
    diagnostics: &mut Diagnostics,
    sources: &std::collections::BTreeMap<String, String>,
    common: &Common,
    writes: bool,
) -> Option<u8> {
    if common.strict {
        diagnostics.promote_warnings();
    }
    let color = std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal();
    // Standard error has nowhere to report its own failure; see `console` for standard output.
    if common.format == Format::Human {
        let _ = diagnostic::emit(&mut std::io::stderr().lock(), diagnostics, sources, common.format, color);
    } else if let Err(e) = diagnostic::emit(&mut std::io::stdout().lock(), diagnostics, sources, common.format, false) {
        crate::console::failed(&e);
    }
    if !diagnostics.has_errors() {
        return None;
    }
    if common.format == Format::Human {
        let errors = diagnostics.error_count();
        let warnings = diagnostics.warning_count();
        let mut summary = plural(errors, "error");
        if warnings > 0 {
            summary.push_str(&format!(" and {}", plural(warnings, "warning")));
        }
        let tail = if writes { "; nothing was written" } else { "" };
        errln!("error: {summary}{tail}");
    }
    Some(CONTENT_ERROR)
}

fn diff(options: &crate::diff::Options) -> u8 {
    match crate::diff::run(options) {
        Ok(report) if options.fail_on_regression && !report.regressions.is_empty() => CONTENT_ERROR,
        Ok(_) => OK,
        Err(crate::diff::Failure::Usage(message)) => fail(message),
        Err(crate::diff::Failure::Content) => CONTENT_ERROR,
    }
}

fn init_ci(dir: &Path, host: crate::cmd::cli::CiHost) -> u8 {
    match crate::cmd::ci::write(dir, host) {
        Ok(path) => {
            outln!("Wrote {}", path.display());
            OK
        }
        Err(message) => fail(message),
    }
}

fn init(dir: &Path) -> u8 {
    if dir.exists() {
        let empty = std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return fail(format!(
                "{} already exists and is not empty; init writes only into a new or empty folder",
                dir.display()
            ));
        }
    }
    if let Err(e) = write_embedded(&STARTER, dir).and_then(|()| write_schemas(dir)) {
        return fail(format!("cannot write {}: {e}", dir.display()));
    }
    outln!("Wrote a starter playbook to {}", dir.display());
    outln!("Build it with: journeybook build --source {}", dir.display());
    OK
}

/// The JSON Schemas, so editors complete and check the starter's files from the start.
fn write_schemas(dir: &Path) -> std::io::Result<()> {
    use crate::cmd::cli::SchemaKind;
    std::fs::create_dir_all(dir.join("schema"))?;
    for (kind, name) in [
        (SchemaKind::Journey, "journey"),
        (SchemaKind::Persona, "persona"),
        (SchemaKind::Config, "config"),
        (SchemaKind::Note, "note"),
    ] {
        std::fs::write(dir.join("schema").join(format!("{name}.schema.json")), crate::cmd::schema::text(kind))?;
    }
    Ok(())
}

fn write_embedded(dir: &Dir, target: &Path) -> std::io::Result<()> {
    for file in dir.files() {
        let path = target.join(file.path());
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, file.contents())?;
    }
    for sub in dir.dirs() {
        write_embedded(sub, target)?;
    }
    Ok(())
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

fn import_mermaid(file: &Path, output: Option<PathBuf>, force: bool, personas: bool, source: &Path) -> u8 {
    use crate::interop::mermaid;
    let shown = file.display().to_string();
    let mut diagnostics = Diagnostics::default();
    let Some(text) =
        crate::project::read_text(Path::new("."), file, crate::project::DEFAULT_MAX_FILE_MIB, &mut diagnostics)
    else {
        let d = diagnostics.sorted().first().map(|d| d.message.clone()).unwrap_or_default();
        return fail(format!("{shown}: {d}"));
    };
    let parsed = mermaid::parse(&text, &shown, &mut diagnostics);
    if !diagnostics.is_empty() {
        let sources = std::collections::BTreeMap::from([(shown.clone(), text)]);
        let _ = diagnostic::emit(&mut std::io::stderr().lock(), &diagnostics, &sources, Format::Human, false);
    }
    let Some(mut diagram) = parsed else {
        errln!("error: {}; nothing was written", plural(diagnostics.error_count(), "error"));
        return CONTENT_ERROR;
    };
    let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let Some((target, explicit_id)) = journey_target(&diagram, &stem, output, source) else {
        return fail("cannot make a file name from the diagram's title or file name; use --output");
    };
    if target.exists() && !force {
        return fail(format!("{} already exists; add --force to replace it", target.display()));
    }
    let mut known = known_personas(source);
    let missing = personas_missing(&mermaid::actors(&diagram), &known, source);
    if personas {
        known.extend(missing.iter().filter_map(|(a, _)| crate::model::id::derive(a).map(|id| (id, a.clone()))));
    }
    let persona = mermaid::link_persona(&mut diagram, &known);
    let renamed = mermaid::distinct_task_names(&mut diagram);
    let yaml = mermaid::to_yaml(
        &diagram,
        &mermaid::Target { id: explicit_id.as_deref(), fallback_title: &stem, persona: persona.as_deref() },
    );
    if let Err(e) = write_creating(&target, &yaml) {
        return fail(format!("cannot write {}: {e}", target.display()));
    }
    outln!("Wrote {}", target.display());
    if !renamed.is_empty() {
        let more = renamed.len().saturating_sub(10);
        let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
        let shown = renamed.iter().take(10).map(String::as_str).collect::<Vec<_>>().join(", ");
        outln!("Task names repeated within a section were numbered: {shown}{tail}.");
    }
    if let Some(p) = &persona {
        outln!("The journey follows persona `{p}`, the actor most of its tasks name.");
    }
    if personas {
        write_persona_stubs(&missing)
    } else {
        if !missing.is_empty() {
            let names: Vec<&str> = missing.iter().map(|(n, _)| n.as_str()).collect();
            outln!("Actors without a persona: {}. Add --personas to write persona stubs for them.", names.join(", "));
        }
        OK
    }
}

/// Actors that name no persona of the project, with the file a stub for each would take.
fn personas_missing(actors: &[String], known: &[(String, String)], source: &Path) -> Vec<(String, PathBuf)> {
    let known_names: std::collections::HashSet<&str> =
        known.iter().flat_map(|(id, name)| [id.as_str(), name.as_str()]).collect();
    actors
        .iter()
        .filter(|a| !known_names.contains(a.as_str()))
        .filter_map(|a| crate::model::id::derive(a).map(|id| (a.clone(), id)))
        .map(|(a, id)| (a, source.join("content/personas").join(format!("{id}.yaml"))))
        .filter(|(_, path)| !path.exists())
        .collect()
}

fn write_persona_stubs(missing: &[(String, PathBuf)]) -> u8 {
    for (name, path) in missing {
        let stub = format!(
            "name: {}\nrole: Imported from a Mermaid diagram; describe them\n",
            serde_json::to_string(name).expect("strings serialise")
        );
        if let Err(e) = write_creating(path, &stub) {
            return fail(format!("cannot write {}: {e}", path.display()));
        }
        outln!("Wrote {}", path.display());
    }
    OK
}

/// Where an imported journey goes, and the `id:` it must state when its file's name does not
/// give one. The id comes from `--output`'s name, else the title, else the diagram's file name.
fn journey_target(
    diagram: &crate::interop::mermaid::Diagram,
    stem: &str,
    output: Option<PathBuf>,
    source: &Path,
) -> Option<(PathBuf, Option<String>)> {
    use crate::model::id;
    let from_names = || diagram.heading().and_then(id::derive).or_else(|| id::derive(stem));
    match output {
        Some(path) => {
            let file_stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            if id::is_valid(&file_stem) {
                return Some((path, None));
            }
            let id = id::derive(&file_stem).or_else(from_names).unwrap_or_else(|| "journey".into());
            Some((path, Some(id)))
        }
        None => from_names().map(|id| (source.join("content/journeys").join(format!("{id}.yaml")), None)),
    }
}

/// The project's personas as `(id, name)`, read leniently: a broken file is `check`'s business.
fn known_personas(source: &Path) -> Vec<(String, String)> {
    let mut ignored = Diagnostics::default();
    crate::project::walk(source, "content/personas", &mut ignored)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            let p = crate::project::persona::parse(&text, &path.display().to_string(), &stem, &mut ignored)?;
            Some((p.id, p.name))
        })
        .collect()
}

fn write_creating(path: &Path, text: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(path, text)
}

fn export_mermaid(journey_id: &str, source: &Path) -> u8 {
    let checked = site::check(source, &site::Options::default());
    if checked.diagnostics.has_errors() {
        let common = Common { source: source.to_path_buf(), strict: false, format: Format::Human };
        let mut d = checked.diagnostics;
        return report(&mut d, &checked.project.sources, &common, false).unwrap_or(CONTENT_ERROR);
    }
    let project = &checked.project;
    let Some(journey) = project.journeys.iter().find(|j| j.id == journey_id) else {
        let hint = crate::suggest::nearest(journey_id, project.journeys.iter().map(|j| j.id.as_str()))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        errln!("error: there is no journey `{journey_id}`{hint}");
        return CONTENT_ERROR;
    };
    let persona = journey.persona.as_ref().and_then(|r| project.personas.iter().find(|p| p.id == r.value));
    crate::console::out(format_args!("{}", crate::interop::mermaid::export(journey, persona)));
    OK
}
