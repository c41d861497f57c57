//! JSON Schemas of the file kinds, for editors with the YAML language server.

use crate::cmd::cli::SchemaKind;

/// The schema text of `kind`.
pub fn text(kind: SchemaKind) -> &'static str {
    match kind {
        SchemaKind::Journey => include_str!("../../schema/journey.schema.json"),
        SchemaKind::Persona => include_str!("../../schema/persona.schema.json"),
        SchemaKind::Config => include_str!("../../schema/config.schema.json"),
        SchemaKind::Note => include_str!("../../schema/note.schema.json"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::{config, journey, note, persona};
    use std::collections::BTreeSet;

    fn properties(schema: &serde_json::Value, pointer: &str) -> BTreeSet<String> {
        let props = schema.pointer(pointer).unwrap_or_else(|| panic!("{pointer} missing"));
        props.as_object().unwrap().keys().cloned().collect()
    }

    fn keys(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|k| k.to_string()).collect()
    }

    fn parse(kind: SchemaKind) -> serde_json::Value {
        serde_json::from_str(text(kind)).expect("schema is JSON")
    }

    #[test]
    fn schemas_list_exactly_the_keys_the_loaders_accept() {
        let j = parse(SchemaKind::Journey);
        assert_eq!(properties(&j, "/properties"), keys(journey::KEYS));
        assert_eq!(properties(&j, "/$defs/stage/properties"), keys(journey::STAGE_KEYS));
        assert_eq!(properties(&j, "/$defs/touchpoint/properties"), keys(journey::TOUCHPOINT_KEYS));
        assert_eq!(
            properties(&j, "/$defs/pain_point/oneOf/1/properties"),
            keys(crate::project::action::PAIN_POINT_KEYS)
        );
        assert_eq!(
            properties(&j, "/$defs/opportunity/oneOf/1/properties"),
            keys(crate::project::action::OPPORTUNITY_KEYS)
        );
        let rice = "/$defs/opportunity/oneOf/1/properties/rice/properties";
        assert_eq!(properties(&j, rice), keys(crate::project::action::RICE_KEYS));
        assert_eq!(properties(&parse(SchemaKind::Persona), "/properties"), keys(persona::KEYS));
        assert_eq!(properties(&parse(SchemaKind::Note), "/properties"), keys(note::KEYS));
        let c = parse(SchemaKind::Config);
        assert_eq!(properties(&c, "/properties"), keys(config::KEYS));
        assert_eq!(properties(&c, "/properties/metrics/items/properties"), keys(config::METRIC_KEYS));
    }
}
