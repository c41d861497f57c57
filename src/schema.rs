//! JSON Schemas of the file kinds, for editors with the YAML language server.

use crate::cli::SchemaKind;

/// The schema text of `kind`.
pub fn text(kind: SchemaKind) -> &'static str {
    match kind {
        SchemaKind::Journey => include_str!("../schema/journey.schema.json"),
        SchemaKind::Persona => include_str!("../schema/persona.schema.json"),
        SchemaKind::Config => include_str!("../schema/config.schema.json"),
        SchemaKind::Note => include_str!("../schema/note.schema.json"),
    }
}
