//! Orchestration: load → validate → Markdown → render → write. Each step lives in its own module.

mod dependencies;
mod incremental;
pub mod output;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Diagnostics, Pos};
use crate::markdown::{self, LinkTargets};
use crate::metrics::{self, catalogue::Catalogue};
use crate::project::{self, Project, Texts};
use crate::render::pages::{self, Content};
use crate::render::search::NoteWords;
use crate::render::{theme, Renderer, SiteContext, Unwritten};
use crate::route::Route;
use crate::validate;
use output::Sink;

/// Settings from the command line that override the configuration.
#[derive(Debug, Default, Clone)]
pub struct Options {
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Link each journey to its history page, which `build --history` writes.
    pub history: bool,
    /// Keep each journey as parsed ([`Project::as_parsed`]), for `serve`, which loads the
    /// project again after every edit.
    pub keep_parsed: bool,
}

/// The finished site in memory: output path → bytes, shared so that `serve` can show a copy
/// of the site while it updates its own without copying every page.
pub type Files = BTreeMap<String, bytes::Bytes>;

/// What an update shows before it is finished (see [`Live::update`]): the site with the pages
/// made so far, and the files still to come.
pub type Early<'a> = &'a mut dyn FnMut(&Files, &std::collections::HashSet<String>);

/// How an update of the site went.
pub struct Updated {
    /// How many pages it rendered.
    pub pages: usize,
    /// Whether it built the site whole, replacing what an earlier call of its `early` showed.
    pub whole: bool,
}

/// How long each step took, in pipeline order.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<(&'static str, Duration)>);

impl Timings {
    /// Runs `step` and records how long it took under `name`; a step run again adds to its
    /// first time.
    pub fn time<T>(&mut self, name: &'static str, step: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let out = step();
        let took = started.elapsed();
        match self.0.iter_mut().find(|(step, _)| *step == name) {
            Some((_, total)) => *total += took,
            None => self.0.push((name, took)),
        }
        out
    }
}

/// A loaded project, checked and with its Markdown rendered; diagnostics say whether it is usable.
pub struct Checked {
    pub project: Project,
    pub diagnostics: Diagnostics,
    pub timings: Timings,
    /// Set when the output could not be written (an I/O failure, not a content error).
    pub write_error: Option<output::WriteError>,
    /// The files whose text was let go because nothing was found in them.
    dropped: BTreeSet<String>,
}

impl Checked {
    /// Reads again the text of each let-go file that a diagnostic now names, as loading read
    /// it, so that lines and columns point at the same text.
    pub fn read_again(&mut self, root: &Path) {
        let limit = self.project.config.max_file_size;
        for d in self.diagnostics.iter().filter(|d| self.dropped.contains(&d.file)) {
            if !self.project.sources.contains_key(&d.file) {
                let text = project::read_text(root, &root.join(&d.file), limit, &mut Diagnostics::default());
                self.project.sources.extend(text.map(|t| (d.file.clone(), t)));
            }
        }
    }
}

/// Loads and validates the project at `root` without rendering pages.
pub fn check(root: &Path, options: &Options) -> Checked {
    checked(root, options, Texts::All, Purpose::Pages)
}

/// [`check`] for the `check` command, which writes no page: the Markdown is checked for what
/// rendering it would report, but not rendered, so the project's Markdown has no HTML, and
/// no point of a metric's series is written out for showing. A file's text is kept only to
/// show its diagnostics, as for a build; one named later is read again ([`Checked::read_again`]).
pub fn check_only(root: &Path, options: &Options) -> Checked {
    checked(root, options, Texts::Diagnosed, Purpose::Problems)
}

/// [`check`] for a build, which needs a file's text only to show that file's diagnostics.
/// The texts of files without one are dropped before the Markdown is rendered, so that the
/// notes' text and their HTML are never held together (about 55 MB on a playbook of 10,000
/// notes); a file the Markdown then finds something in is read again.
pub fn check_to_build(root: &Path, options: &Options) -> Checked {
    checked(root, options, Texts::Diagnosed, Purpose::Pages)
}

/// What a project is loaded for: pages to make, or only the problems to report.
#[derive(Clone, Copy, PartialEq)]
enum Purpose {
    Pages,
    Problems,
}

/// How a Markdown field is rendered (or only checked), with the file it is read from.
type RenderMarkdown = fn(&mut crate::model::Markdown, &str, &LinkTargets, &mut Diagnostics);

fn checked(root: &Path, options: &Options, texts: Texts, purpose: Purpose) -> Checked {
    let mut diagnostics = Diagnostics::default();
    let mut timings = Timings::default();
    let mut project = model(root, options, None, purpose, texts, &mut diagnostics, &mut timings);
    let render: RenderMarkdown = match purpose {
        Purpose::Pages => markdown::render,
        Purpose::Problems => markdown::lint,
    };
    let mut dropped = BTreeSet::new();
    if let Texts::Diagnosed = texts {
        // The notes whose text loading let go, and then every file nothing was found in.
        let unkept = project.notes.iter().filter(|n| !project.sources.contains_key(&n.file));
        dropped.extend(unkept.map(|n| n.file.clone()));
        let diagnosed: BTreeSet<&str> = diagnostics.iter().map(|d| d.file.as_str()).collect();
        project.sources.retain(|file, _| {
            let keep = diagnosed.contains(file.as_str());
            if !keep {
                dropped.insert(file.clone());
            }
            keep
        });
        release_freed_memory();
    }
    timings.time("markdown", || render_markdown(&mut project, &mut diagnostics, &Default::default(), None, render));
    let mut checked = Checked { project, diagnostics, timings, write_error: None, dropped };
    checked.read_again(root);
    checked
}

/// Loads, validates and computes the metrics of the project at `root`: everything of
/// [`check`] but the Markdown, which `serve` may carry over from the previous build, as it
/// may the notes and personas whose files did not change (see [`project::load_reusing`]).
fn model(
    root: &Path,
    options: &Options,
    previous: Option<project::Previous>,
    purpose: Purpose,
    texts: Texts,
    diagnostics: &mut Diagnostics,
    timings: &mut Timings,
) -> Project {
    let load = || project::load_reusing(root, diagnostics, previous, options.keep_parsed, texts);
    let mut project = timings.time("load", load);
    if let Some(base_url) = &options.base_url {
        project.config.base_url = base_url.clone();
    }
    if options.drafts {
        project.config.build_drafts = true;
    }
    timings.time("validate", || validate::check(&project, diagnostics));
    timings.time("metrics", || {
        let catalogue = Catalogue::new(&project.config.metrics);
        let settings = metrics::compute::Settings {
            catalogue: &catalogue,
            currency: &project.config.currency,
            at_risk_band: project.config.at_risk_band,
            points_shown: purpose == Purpose::Pages,
        };
        let surveys = &project.surveys;
        let taken = metrics::research::take(&mut project.journeys, surveys, diagnostics);
        metrics::compute_all(&mut project.journeys, &settings, diagnostics);
        metrics::research::apply(&mut project.journeys, surveys, taken, &settings, diagnostics);
        metrics::research::scoped(&mut project.journeys, &project.personas, surveys, &settings);
    });
    project
}

/// The path prefix of `base_url`: `https://x.org/pb` → `/pb/`, `/` → `/`.
pub fn base_path(base_url: &str) -> String {
    let after_scheme =
        base_url.split_once("://").map_or(base_url, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    let path = if base_url.contains("://") { after_scheme } else { base_url };
    let trimmed = path.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// Where every linkable file's page is, for Markdown links. The pages' addresses are made on
/// every core: a playbook may have tens of thousands.
fn link_targets(project: &Project) -> LinkTargets {
    let built = |n: &&crate::model::Note| !n.draft || project.config.build_drafts;
    let journeys = project.journeys.par_iter().map(|j| (j.file.clone(), Route::Journey(&j.id).dir()));
    let personas = project.personas.par_iter().map(|p| (p.file.clone(), Route::Persona(&p.id).dir()));
    let notes = project.notes.par_iter().filter(built).map(|n| (n.file.clone(), Route::Note(&n.id).dir()));
    let pages: Vec<(String, String)> = journeys.chain(personas).chain(notes).collect();
    LinkTargets {
        base: base_path(&project.config.base_url),
        pages: pages.into_iter().collect(),
        unbuilt: project.notes.iter().filter(|n| !built(n)).map(|n| n.file.clone()).collect(),
        schemes: project.config.link_schemes.iter().cloned().collect(),
    }
}

/// Renders every Markdown field but the bodies of the notes in `done` (files whose body is
/// already rendered). A journey's field whose text and place are those of the same field of
/// the journey at the same index of `previous`, read from the same file (as `serve` has it,
/// with the same files and so the same link targets), takes that field's HTML instead of rendering again. Journeys and
/// notes render on all cores; each collects its own diagnostics, merged afterwards in project
/// order so the output does not depend on which thread finished first.
fn render_markdown(
    project: &mut Project,
    diagnostics: &mut Diagnostics,
    done: &std::collections::HashSet<&str>,
    previous: Option<&[crate::model::Journey]>,
    render: RenderMarkdown,
) {
    let targets = link_targets(project);
    let journeys: Vec<Diagnostics> = project
        .journeys
        .par_iter_mut()
        .with_max_len(1)
        .enumerate()
        .map(|(i, j)| {
            let mut found = Diagnostics::default();
            let before = previous.and_then(|p| p.get(i)).filter(|o| o.file == j.file).map(journey_markdown);
            let before = before.unwrap_or_default();
            for (k, (field, file)) in journey_markdown_mut(j).into_iter().enumerate() {
                match before.get(k) {
                    Some(&(old, old_file))
                        if old.source == field.source && old.pos == field.pos && old_file == file =>
                    {
                        field.html.clone_from(&old.html);
                        field.excerpt.clone_from(&old.excerpt);
                        field.toc.clone_from(&old.toc);
                    }
                    _ => render(field, file, &targets, &mut found),
                }
            }
            found
        })
        .collect();
    let drafts = project.config.build_drafts;
    let notes: Vec<Diagnostics> = project
        .notes
        .par_iter_mut()
        .with_max_len(crate::cores::BATCH)
        .filter(|n| (drafts || !n.draft) && !done.contains(n.file.as_str()))
        .map(|n| {
            let mut found = Diagnostics::default();
            render(&mut n.body, &n.file, &targets, &mut found);
            found
        })
        .collect();
    journeys.into_iter().chain(notes).for_each(|d| diagnostics.extend(d));
}

/// The Markdown fields of a journey with the file each is read from, in the order
/// [`journey_markdown_mut`] gives them.
fn journey_markdown(j: &crate::model::Journey) -> Vec<(&crate::model::Markdown, &str)> {
    let file = j.file.as_str();
    let mut fields = vec![(&j.summary, file)];
    fields.extend(j.metrics.iter().map(|m| (&m.note, m.file.as_str())));
    for s in &j.stages {
        fields.push((&s.description, file));
        fields.extend(s.custom.iter().flat_map(|c| c.items.iter()).map(|item| (item, file)));
        fields.extend(s.metrics.iter().map(|m| (&m.note, m.file.as_str())));
    }
    fields
}

/// The Markdown fields of a journey with the file each is read from (a metric's note may come
/// from its own file).
fn journey_markdown_mut(j: &mut crate::model::Journey) -> Vec<(&mut crate::model::Markdown, &str)> {
    let file = j.file.as_str();
    let mut fields = vec![(&mut j.summary, file)];
    fields.extend(j.metrics.iter_mut().map(|m| (&mut m.note, m.file.as_str())));
    for s in &mut j.stages {
        fields.push((&mut s.description, file));
        fields.extend(s.custom.iter_mut().flat_map(|c| c.items.iter_mut()).map(|item| (item, file)));
        fields.extend(s.metrics.iter_mut().map(|m| (&mut m.note, m.file.as_str())));
    }
    fields
}

/// A built site kept in memory with what made it, so `serve` can remake parts of it.
pub struct Live {
    pub root: PathBuf,
    pub options: Options,
    pub project: Project,
    renderer: Renderer,
    /// Each journey's sparkline, for its card.
    sparklines: Vec<Option<String>>,
    /// The files, when rendered into memory.
    pub files: Files,
    /// How many pages the last full render made.
    pub page_count: usize,
    /// The output path of every page of the last full render, for the sitemap.
    pages: Vec<String>,
    /// Each note's search words, kept so an edit takes them again only for what changed.
    note_words: crate::render::search::NoteWords,
    pub timings: Timings,
}

impl Live {
    /// A full build in memory. `None` (with the diagnostics in `Checked`) when there are errors.
    pub fn build(root: &Path, options: &Options) -> (Option<Live>, Checked) {
        let memory = output::Memory::default();
        let (live, checked) = Live::render(check(root, options), root, options, &memory, Remake::Later);
        let live = live.map(|mut l| {
            l.files = shared(memory);
            l
        });
        (live, checked)
    }

    /// Renders a checked project, sending every file to `sink` as soon as it is made, so a
    /// large site is never held in memory whole. `None` when there are errors. Note pages come
    /// first; with [`Remake::Never`] the notes' HTML is freed after them, before the largest
    /// list pages are made.
    pub fn render(
        mut checked: Checked,
        root: &Path,
        options: &Options,
        sink: &dyn Sink,
        remake: Remake,
    ) -> (Option<Live>, Checked) {
        if checked.diagnostics.has_errors() {
            return (None, checked);
        }
        let project = std::mem::take(&mut checked.project);
        let mut timings = std::mem::take(&mut checked.timings);
        let unused = match remake {
            Remake::Later => Vec::new(),
            Remake::Never => pages::unused_templates(&project.journeys, &project.personas, options.history),
        };
        let Some(renderer) = timings.time("templates", || renderer(&project, &unused, &mut checked.diagnostics)) else {
            checked.project = project;
            return (None, checked);
        };
        let sparklines =
            timings.time("sparklines", || pages::sparklines(&renderer, &project.config, &project.journeys));
        let mut live = Live {
            root: root.to_path_buf(),
            options: options.clone(),
            project,
            renderer,
            sparklines,
            files: Files::new(),
            page_count: 0,
            pages: Vec::new(),
            note_words: Default::default(),
            timings: Timings::default(),
        };
        let paths = std::sync::Mutex::new(BTreeSet::new());
        // A build takes the notes' HTML out of the model, so that the index the pages are made
        // from can let it go once the note pages and the search words have it.
        let taken: Vec<String> = match remake {
            Remake::Never => {
                live.project.notes.par_iter_mut().map(|note| std::mem::take(&mut note.body.html)).collect()
            }
            Remake::Later => Vec::new(),
        };
        let mut content = timings
            .time("index", || content_of(&live.renderer, &live.project, &live.sparklines, live.options.history, taken));
        let (notes, others): (Vec<_>, Vec<_>) =
            pages::keys(&content).into_iter().partition(|k| matches!(k, pages::Key::Note(_)));
        let written = timings.time("notes", || render_pages_into(&live.renderer, &content, &notes, sink, &paths));
        let note_words =
            timings.time("words", || crate::render::search::all_note_words(&content.notes, &content.note_html));
        // Freed, the notes' HTML makes room for the pages that follow. It stays with the
        // allocator rather than going back to the system, which would only hand it out again,
        // page by page, as the pages are made: L's peak is no higher, and its build 3 % quicker.
        if !content.note_html.is_empty() {
            timings.time("free", || content.note_html = Vec::new());
        }
        let rendered = written.and_then(|()| {
            timings.time("pages", || {
                let (pages, data) = rayon::join(
                    || render_pages_into(&live.renderer, &content, &others, sink, &paths),
                    || data_files(&content, &note_words, true, sink).map_err(Failure::Write),
                );
                pages.and(data)
            })
        });
        let page_paths: Vec<String> = paths.into_inner().unwrap_or_default().into_iter().collect();
        let outcome =
            rendered.and_then(|()| finish(&live.project, &page_paths, sink, &mut checked.diagnostics, &mut timings));
        match remake {
            // A build ends here: its index (cards, views, every link) goes with the process,
            // which hands the memory back at once, rather than string by string on one core.
            Remake::Never => std::mem::forget(content),
            Remake::Later => drop(content),
        }
        match outcome {
            Ok(()) if !checked.diagnostics.has_errors() => {
                let mut live = live;
                live.timings = timings;
                live.note_words = note_words;
                live.page_count = page_paths.len();
                live.pages = page_paths;
                (Some(live), checked)
            }
            Ok(()) => {
                checked.project = live.project;
                (None, checked)
            }
            Err(failure) => {
                match failure {
                    Failure::Content(d) => checked.diagnostics.push(d),
                    Failure::Write(e) => checked.write_error = Some(e),
                }
                checked.project = live.project;
                (None, checked)
            }
        }
    }

    /// Renders `template` in the language and calendar of `locale`, as the site's own pages are.
    pub fn render_page_in(
        &self,
        locale: (&str, crate::model::Calendar),
        template: &str,
        context: tera::Context,
    ) -> Result<String, Diagnostic> {
        self.renderer.render_in(locale, template, context)
    }

    /// Runs `work` with the interface words of `locale` (for charts and values made outside
    /// the site's own pages); the site's words when no page of the site is in that locale.
    pub fn within<T>(&self, locale: (&str, crate::model::Calendar), work: impl FnOnce() -> T) -> T {
        match self.renderer.words(locale) {
            Some(words) => crate::i18n::current::within(words, work),
            None => work(),
        }
    }

    /// The pages' view of the project.
    fn content(&self) -> Content<'_> {
        content_of(&self.renderer, &self.project, &self.sparklines, self.options.history, Vec::new())
    }

    /// Whether every file of `changed` (project-relative paths) reads as it did when the site
    /// was made: a save that changed nothing, or a second event for a write already taken in.
    pub fn unchanged(&self, changed: &[String]) -> bool {
        changed.iter().all(|rel| {
            let now = || std::fs::read(self.root.join(rel));
            self.project.sources.get(rel).is_some_and(|text| now().is_ok_and(|bytes| bytes == text.as_bytes()))
        })
    }

    /// Remakes the site after `changed` files (project-relative paths) changed: only the
    /// pages that depend on them when only existing files under `content/` changed, else
    /// everything. Pages drawn from the whole playbook may be made after `early` is given the
    /// site without them (see [`dependencies::content`]). Returns how many pages were
    /// rendered, or the diagnostics of a failed build.
    pub fn update(&mut self, changed: &[String], early: Early) -> Result<Updated, Diagnostics> {
        if let Some(pages) = incremental::notes(self, changed) {
            return Ok(Updated { pages, whole: false });
        }
        if let Some(pages) = dependencies::content(self, changed, early) {
            return Ok(Updated { pages, whole: false });
        }
        let (live, checked) = Live::build(&self.root, &self.options);
        match live {
            Some(live) => {
                let pages = live.page_count;
                *self = live;
                Ok(Updated { pages, whole: true })
            }
            None => Err(checked.diagnostics),
        }
    }
}

/// The files of `memory`, made shareable.
fn shared(memory: output::Memory) -> Files {
    memory.0.into_inner().unwrap_or_default().into_iter().map(|(path, bytes)| (path, bytes.into())).collect()
}

/// The pages' view of `project`, whose journeys' sparklines are `sparklines`. `taken` is the
/// HTML taken out of the project's notes, one for each of them in order, or empty when they
/// keep theirs.
fn content_of<'a>(
    renderer: &'a Renderer,
    project: &'a Project,
    sparklines: &'a [Option<String>],
    history: bool,
    mut taken: Vec<String>,
) -> Content<'a> {
    let base = renderer.base.as_str();
    let drafts = project.config.build_drafts;
    let mut notes: Vec<(usize, &crate::model::Note)> =
        project.notes.iter().enumerate().filter(|(_, n)| drafts || !n.draft).collect();
    notes.sort_by(|(_, a), (_, b)| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    let note_html: Vec<String> = match taken.is_empty() {
        true => Vec::new(),
        false => notes.iter().map(|&(i, _)| std::mem::take(&mut taken[i])).collect(),
    };
    let notes = notes.into_iter().map(|(_, n)| n).collect();
    let mut content = Content::new(base, &project.config, &project.journeys, &project.personas, notes, sparklines);
    content.history = history;
    content.named = renderer.named;
    content.note_html = note_html;
    content
}

/// Hands the memory freed so far back to the system. The allocator keeps freed memory for
/// reuse a while, so after checking a large playbook (its file texts dropped) the process would
/// otherwise carry that high-water mark into rendering, where the largest pages add to it.
pub fn release_freed_memory() {
    // SAFETY: mi_collect only returns memory no live allocation uses; any thread may call it.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// Whether pages of the site are made again later: `serve` remakes those a change affects, so
/// it keeps the notes' HTML once their pages are written and readies every template, even of
/// kinds of page the site does not have yet; a build does neither, and leaves the pages' index
/// to the process, which ends once the site is in place.
#[derive(Clone, Copy)]
pub enum Remake {
    Later,
    Never,
}

/// Why rendering stopped.
enum Failure {
    Content(Diagnostic),
    Write(output::WriteError),
}

/// The renderer of `project`'s pages. The built-in templates named in `unused` are left
/// unparsed when every template is built in; a template of the project's own is always read
/// whole, so its errors are reported, and may extend or include any other.
fn renderer(project: &Project, unused: &[&str], diagnostics: &mut Diagnostics) -> Option<Renderer> {
    let config = &project.config;
    let site = SiteContext {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        base: &base_path(&config.base_url),
        generator: concat!("journeybook ", env!("CARGO_PKG_VERSION")),
    };
    let mut templates = theme::templates(project, diagnostics);
    if templates.values().all(|t| t.built_in) {
        templates.retain(|name, _| !unused.contains(&name.as_str()));
    }
    let mut renderer = Renderer::new(templates, &site, diagnostics)?;
    // Validation has reported what is wrong in the string files already.
    let catalogue = crate::i18n::Catalogue::load(&project.root, &mut Diagnostics::default());
    let locales = pages::locale::all(config, &project.journeys, &project.personas, &project.notes);
    renderer.localise(catalogue, &locales);
    Some(renderer)
}

/// Renders the pages `keys` name, in parallel, into `sink`; returns their paths. The first
/// template or write error stops the build.
fn render_pages(
    renderer: &Renderer,
    content: &Content,
    keys: &[pages::Key],
    sink: &dyn Sink,
) -> Result<Vec<String>, Failure> {
    let paths = std::sync::Mutex::new(BTreeSet::new());
    render_pages_into(renderer, content, keys, sink, &paths)?;
    Ok(paths.into_inner().unwrap_or_default().into_iter().collect())
}

/// [`render_pages`], adding each page's path to `paths`: two pages of one build, even when
/// rendered in separate calls, may not share a path.
fn render_pages_into(
    renderer: &Renderer,
    content: &Content,
    keys: &[pages::Key],
    sink: &dyn Sink,
    paths: &std::sync::Mutex<BTreeSet<String>>,
) -> Result<(), Failure> {
    let files: Vec<String> =
        keys.par_iter().with_min_len(crate::cores::BATCH).map(|k| pages::route(content, k).file()).collect();
    sink.expect(&mut files.into_iter()).map_err(Failure::Write)?;
    keys.par_iter().with_max_len(1).try_for_each(|key| {
        let locale = pages::locale::of(content, key);
        // Charts drawn while the page is made take their words from the page's language.
        let page = match renderer.words(locale) {
            Some(words) => crate::i18n::current::within(words, || pages::build(content, key)),
            None => pages::build(content, key),
        };
        debug_assert_eq!(page.path, pages::route(content, key).file(), "a page is made where its key says");
        let fresh = paths.lock().map(|mut p| p.insert(page.path.clone())).unwrap_or(true);
        if !fresh {
            let d = Diagnostic::error("E080", &page.path, Pos::default(), "two pages would be written to this path")
                .with_help("a note's id may collide with a list page such as insights/page/2");
            return Err(Failure::Content(d));
        }
        // The page goes to its file as Tera makes it; a template's error stops the build,
        // whose unfinished files are never swapped in.
        let mut context = Some(page.context);
        let mut failed = None;
        let written = sink.put_with(&page.path, &mut |out| {
            let context = context.take().unwrap_or_default();
            match renderer.write_in(locale, page.template, context, out) {
                Ok(()) => Ok(()),
                Err(Unwritten::Write(e)) => Err(e),
                Err(Unwritten::Template(d)) => {
                    failed = Some(d);
                    Err(std::io::Error::other("template error"))
                }
            }
        });
        match failed {
            Some(d) => Err(Failure::Content(d)),
            None => written.map_err(Failure::Write),
        }
    })
}

/// The files [`data_files`] puts: made from the whole content rather than as pages.
const DATA_FILES: [&str; 3] = ["search-index.json", "metrics.json", "playbook.json"];

/// Puts the files of [`DATA_FILES`], made side by side, each as soon as it is made: the
/// search index, `playbook.json` and, when `journeys` changed (or in a build, which makes
/// everything), `metrics.json`, which shows nothing else. The rest of what a build adds to the
/// pages (assets, the sitemap) depends only on the configuration, the static files and which
/// pages exist.
fn data_files(
    content: &Content,
    note_words: &NoteWords,
    journeys: bool,
    sink: &dyn Sink,
) -> Result<(), output::WriteError> {
    // Each goes to its file as it is written, so none is held whole.
    let (search, (metrics, playbook)) = rayon::join(
        || sink.put_with("search-index.json", &mut |out| crate::render::search::write_index(content, note_words, out)),
        || {
            rayon::join(
                || match journeys {
                    true => sink.put_with("metrics.json", &mut |out| metrics::write(content.journeys, out)),
                    false => Ok(()),
                },
                || sink.put_with("playbook.json", &mut |out| crate::render::playbook::write(content, out)),
            )
        },
    );
    search.and(metrics).and(playbook)
}

/// Sends the assets and the sitemap, after checking that every path stays in the output. The
/// files of [`DATA_FILES`] are in the output already: a static file of the same name replaces
/// the search index, as a later file does, but not `metrics.json` or `playbook.json`.
fn finish(
    project: &Project,
    pages: &[String],
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
    timings: &mut Timings,
) -> Result<(), Failure> {
    let mut files = theme::assets(project, diagnostics);
    for page in pages.iter().map(String::as_str).chain(["metrics.json", "playbook.json"]) {
        files.remove(page);
    }
    for path in pages.iter().chain(files.keys()) {
        if path.split('/').any(|p| p == ".." || p.is_empty()) {
            diagnostics.push(Diagnostic::error("E080", path, Pos::default(), "output path leaves the output folder"));
        } else if path.chars().any(char::is_control) {
            // The output's marker lists one path a line; such a name would make the next
            // build take the file for one it did not write.
            let message = "output path holds a line break or another control character; rename the file";
            diagnostics.push(Diagnostic::error("E080", path, Pos::default(), message));
        }
    }
    if diagnostics.has_errors() {
        return Ok(());
    }
    let put = |path: &str, bytes: Vec<u8>| sink.put(path, bytes).map_err(Failure::Write);
    timings.time("assets", || {
        for (path, bytes) in files {
            put(&path, bytes)?;
        }
        let base = base_path(&project.config.base_url);
        let urls: Vec<String> = pages
            .iter()
            .filter(|p| p.ends_with("index.html"))
            .map(|p| p.strip_suffix("index.html").unwrap_or(p).to_string())
            .collect();
        put("sitemap.xml", sitemap(&project.config.base_url, &base, &urls).into_bytes())
    })
}

fn sitemap(base_url: &str, base: &str, urls: &[String]) -> String {
    let origin = base_url.split_once("://").map(|(scheme, rest)| {
        let host = rest.split('/').next().unwrap_or_default();
        format!("{scheme}://{host}")
    });
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        let loc = format!("{}{base}{url}", origin.as_deref().unwrap_or(""));
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", escape_xml(&crate::render::url::encode(&loc))));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths() {
        assert_eq!(base_path("/"), "/");
        assert_eq!(base_path(""), "/");
        assert_eq!(base_path("/playbook"), "/playbook/");
        assert_eq!(base_path("https://example.org"), "/");
        assert_eq!(base_path("https://example.org/cx/playbook/"), "/cx/playbook/");
    }

    #[test]
    fn sitemap_uses_absolute_urls_when_it_can() {
        let xml = sitemap("https://example.org/pb/", "/pb/", &["".into(), "journeys/a/".into()]);
        assert!(xml.contains("<loc>https://example.org/pb/journeys/a/</loc>"), "{xml}");
    }
}
