//! Mermaid `journey` diagrams, in and out.
//!
//! ```text
//! journey
//!     title My working day
//!     section Go to work
//!       Make tea: 5: Me
//!       Do work: 1: Me, Cat
//! ```
//!
//! Import reads a diagram as Mermaid itself does (its jison lexer and `journeyDb`): YAML front
//! matter (its `title:`), `%%{…}%%` directives, `%%` comments, keywords in any case, several
//! statements on a line, `accTitle:`/`accDescr:` and `accDescr { … }`, `#name;` entities.
//! Tasks before any `section` form a first stage. A score is whatever JavaScript's `Number`
//! makes of it; one outside 1–5 is clamped and one that is not a number gives no emotion,
//! each with a warning (W050); an `accDescr {` never closed takes the rest of the diagram, as
//! in Mermaid, with W051. Export writes what a person would write, with entities
//! (`#58;`, `#44;`, `#35;`, `#59;`) only where Mermaid would misread a character.

mod export;
mod grammar;
mod import;
mod lexer;
mod source;

pub use export::export;
pub use grammar::parse;
pub use import::{actors, distinct_task_names, link_persona, to_yaml, Target};

/// A diagram as read: title, accessible title and description, and sections of tasks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Diagram {
    /// From `title` or the front matter's `title:`; empty when neither is there.
    pub title: String,
    /// From `accTitle:`; the journey's title when the diagram has no other.
    pub acc_title: String,
    /// From `accDescr`; the journey's summary.
    pub description: String,
    /// In order; tasks written before any `section` are in a first one named [`FIRST_STAGE`].
    pub sections: Vec<Section>,
}

/// A `section`: a stage of the journey.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Section {
    /// The name as shown: entities written out, blank space at the ends dropped.
    pub name: String,
    /// Its tasks, in order; a section may have none.
    pub tasks: Vec<Task>,
}

/// A task: a touchpoint with its emotion and who takes part.
#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    /// The name as shown: entities written out, blank space at the ends dropped.
    pub name: String,
    /// 1–5, decimals kept; `None` when Mermaid's score is not a number.
    pub score: Option<f64>,
    /// Who takes part, in order, without empty names.
    pub actors: Vec<String>,
}

/// The name of the stage that holds tasks written before any `section`.
pub const FIRST_STAGE: &str = "Start";

impl Diagram {
    /// The title a journey gets: `title`, else `accTitle`; `None` when the diagram has neither.
    pub fn heading(&self) -> Option<&str> {
        [self.title.trim(), self.acc_title.trim()].into_iter().find(|t| !t.is_empty())
    }
}

#[cfg(test)]
mod tests;
