//! The command line. Doc comments here are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::diagnostic::Format;

/// Turn a customer-journey playbook (YAML journeys, personas, Markdown insight notes) into a
/// static HTML site.
///
/// Exit status: 0 success (warnings allowed), 1 content errors, 2 usage or I/O errors.
#[derive(Debug, Parser)]
#[command(name = "journeybook", version, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the playbook and build the site.
    ///
    /// Nothing is written unless every file is valid: on any error the previous site stays as
    /// it was. The output folder is replaced only when it is absent, empty, or a previous
    /// journeybook output holding only files journeybook wrote.
    Build {
        #[command(flatten)]
        common: Common,
        /// Output folder [default: the config's `output`, else `public`].
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Where the site is served, overriding the config's `base_url`.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include notes marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print how long each step of the build took.
        #[arg(long)]
        timings: bool,
        /// Also write journeys/<id>/history/: how each journey's emotion curve and metrics
        /// moved across the git repository's tags.
        #[arg(long)]
        history: bool,
    },
    /// Validate the playbook and report every problem; writes nothing.
    Check {
        #[command(flatten)]
        common: Common,
        /// Also fail (exit 1) when a metric with a target is this far off it or worse, listing
        /// each such metric: `at-risk` fails on at-risk and off-track metrics.
        #[arg(long, value_enum, value_name = "STATUS")]
        fail_on: Option<FailOn>,
        /// With --fail-on, fail only on certain misses: metrics from survey responses whose
        /// 95 % interval lies wholly on the wrong side of the target.
        #[arg(long, requires = "fail_on")]
        certain: bool,
    },
    /// Build the site in memory, serve it, and rebuild and reload pages on every change.
    ///
    /// An edit of files under `content/` re-renders only the pages that show what changed;
    /// open pages reload once those are made, and a page drawn from the whole playbook that is
    /// asked for before it is made is served once it is. A content or template error is shown
    /// in the browser instead of the site until it is fixed; the server keeps running.
    Serve {
        /// The playbook project folder.
        #[arg(long, short, value_name = "DIR", default_value = ".")]
        source: PathBuf,
        /// Address to listen on; loopback by default, so only this computer can connect.
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Port to listen on; 0 picks a free one.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Write a new journey or insight note that validates, dated today.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Turn a Mermaid `journey` diagram into a journey file.
    Import {
        #[command(subcommand)]
        format: ImportCommand,
    },
    /// Print a journey in another format.
    Export {
        #[command(subcommand)]
        format: ExportCommand,
    },
    /// Write a small working playbook into DIR (which must be absent or empty).
    ///
    /// With `--ci github`, write only a GitHub Actions workflow into the existing playbook DIR.
    Init {
        /// The folder to create, or with `--ci` the existing playbook.
        dir: PathBuf,
        /// Write a CI workflow for this host into an existing playbook instead (never replacing one).
        #[arg(long, value_enum, value_name = "HOST")]
        ci: Option<CiHost>,
    },
    /// Show what a change to the playbook means for the customer.
    ///
    /// Compares the playbook at git revision REV (default HEAD) with the working tree, or two
    /// revisions given as A..B: journeys, stages, touchpoints, emotions, pain points,
    /// opportunities, metrics and notes. Nothing is written.
    Diff {
        /// `REV` to compare with the working tree, or `A..B` to compare two revisions.
        #[arg(value_name = "REV | A..B")]
        range: Option<String>,
        /// The playbook project folder, inside a git repository.
        #[arg(long, short, value_name = "DIR", default_value = ".")]
        source: PathBuf,
        /// Readable text, Markdown for a pull-request comment, or JSON.
        #[arg(long, value_enum, default_value_t = crate::diff::DiffFormat::Human)]
        format: crate::diff::DiffFormat,
        /// Exit 1 when a metric's status got worse or a stage's emotion fell by 0.5 or more.
        #[arg(long, value_enum, value_name = "WHAT")]
        fail_on: Option<DiffFailOn>,
        /// Where the built site is served, to link journeys and stages in the Markdown form.
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Print the JSON Schema of a file kind, for editor completion and checking.
    ///
    /// Add `# yaml-language-server: $schema=<file>` to the top of a YAML file to use it.
    Schema {
        /// Which file kind.
        #[arg(value_enum, default_value_t = SchemaKind::Journey)]
        kind: SchemaKind,
    },
    /// Explain a diagnostic code: what it means and, for most, an example fix.
    Explain {
        /// The code, such as E040.
        code: String,
    },
}

/// Formats `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A Mermaid `journey` diagram: sections become stages, tasks touchpoints, scores emotions.
    Mermaid {
        /// The `.mmd` file to read.
        file: PathBuf,
        /// Where to write the journey [default: content/journeys/<id>.yaml under --source, the id
        /// made from the title, else from the diagram's file name]. A name that is no valid id
        /// makes the file state an `id:`.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the output file if it exists.
        #[arg(long)]
        force: bool,
        /// Also write a persona stub in content/personas/ for each actor that has none.
        #[arg(long)]
        personas: bool,
        /// The playbook project folder.
        #[arg(long, short, value_name = "DIR", default_value = ".")]
        source: PathBuf,
    },
}

/// Formats `export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// A Mermaid `journey` diagram of JOURNEY (its id), on standard output.
    Mermaid {
        /// The journey's id.
        journey: String,
        /// The playbook project folder.
        #[arg(long, short, value_name = "DIR", default_value = ".")]
        source: PathBuf,
    },
}

/// What `new` writes.
#[derive(Debug, Subcommand)]
pub enum NewCommand {
    /// A journey: content/journeys/<id>.yaml with a few stages to fill in.
    Journey {
        /// The journey's title; its id and file name are derived from it unless --id is given.
        name: String,
        /// The journey's id and file name, when the title should not give them.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// The playbook project folder.
        #[arg(long, short, value_name = "DIR", default_value = ".")]
        source: PathBuf,
    },
    /// An insight note: content/insights/<year>/<id>.md.
    Note {
        /// The note's title; its file name is derived from it unless --id is given.
        title: String,
        /// The note's file name (without `.md`), when the title should not give it.
        #[arg(long, value_name = "ID")]
        id: Option<String>,
        /// The journey the note is about (its id).
        #[arg(long)]
        journey: Option<String>,
        /// The stage of that journey (its id).
        #[arg(long, requires = "journey")]
        stage: Option<String>,
        /// interview, survey, analytics, observation, experiment, quote or idea.
        #[arg(long, default_value = "observation")]
        kind: String,
        /// The playbook project folder.
        #[arg(long, short, value_name = "DIR", default_value = ".")]
        source: PathBuf,
    },
}

/// Options shared by `build` and `check`.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// The playbook project folder.
    #[arg(long, short, value_name = "DIR", default_value = ".")]
    pub source: PathBuf,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// How to print diagnostics: readable text, one JSON object per line, or GitHub Actions annotations.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// The metric status from which `check --fail-on` fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Fail on metrics at risk or off track.
    AtRisk,
    /// Fail on metrics off track.
    OffTrack,
}

impl FailOn {
    /// The status name, as in `metrics.json`.
    pub fn status(self) -> crate::model::MetricStatus {
        match self {
            FailOn::AtRisk => crate::model::MetricStatus::AtRisk,
            FailOn::OffTrack => crate::model::MetricStatus::OffTrack,
        }
    }
}

/// What `diff --fail-on` fails on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFailOn {
    /// A metric's status got worse, or a stage's emotion fell by 0.5 or more.
    Regression,
}

/// CI hosts `init --ci` writes a workflow for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CiHost {
    /// GitHub Actions: `.github/workflows/journeybook.yml`.
    Github,
}

/// File kinds with a JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaKind {
    /// `content/journeys/*.yaml`
    Journey,
    /// `content/personas/*.yaml`
    Persona,
    /// `journeybook.yaml`
    Config,
    /// The front matter of `content/insights/**/*.md`
    Note,
}
