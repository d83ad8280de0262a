//! The JSON Schema (draft 2020-12) of the journey-map document, generated
//! from the Rust types with schemars. The checked-in copy lives at
//! `schema/journey-map.schema.json`; a test fails when it is stale.
//!
//! Two clean-ups are applied to what schemars derives: the Rust examples in
//! doc comments are cut from `description`s, and the Rust-specific numeric
//! `format`s (`int64`, `uint32`, `double`, ...) are removed, since they are not
//! formats JSON Schema defines and strict validators refuse unknown formats.

use serde_json::Value;

use crate::model::JourneyDocument;

/// `$id` of the published document schema.
///
/// ```
/// use journeymap::schema::{document_schema, DOCUMENT_SCHEMA_ID};
/// assert_eq!(document_schema()["$id"], DOCUMENT_SCHEMA_ID);
/// ```
pub const DOCUMENT_SCHEMA_ID: &str = "https://journeymap.dev/schema/journey-map.schema.json";

/// The JSON Schema of [`JourneyDocument`].
///
/// ```
/// let schema = journeymap::schema::document_schema();
/// assert_eq!(schema["title"], "Journey map");
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// ```
pub fn document_schema() -> Value {
    let mut schema = schemars::schema_for!(JourneyDocument).to_value();
    tidy(&mut schema);
    if let Some(obj) = schema.as_object_mut() {
        obj.insert("$id".into(), DOCUMENT_SCHEMA_ID.into());
    }
    schema
}

/// The document schema as pretty JSON text with a trailing newline, exactly
/// as checked in.
///
/// ```
/// let text = journeymap::schema::document_schema_json();
/// assert!(text.ends_with("}\n"));
/// let value: serde_json::Value = serde_json::from_str(&text).unwrap();
/// assert_eq!(value, journeymap::schema::document_schema());
/// ```
pub fn document_schema_json() -> String {
    to_pretty(&document_schema())
}

/// Pretty JSON text with a trailing newline.
pub(crate) fn to_pretty(schema: &Value) -> String {
    // A serde_json::Value always serialises.
    serde_json::to_string_pretty(schema).unwrap_or_default() + "\n"
}

/// Removes code examples from descriptions and non-standard numeric formats.
pub(crate) fn tidy(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(d)) = map.get_mut("description") {
                *d = strip_code_blocks(d);
            }
            let rust_format = matches!(
                map.get("format").and_then(Value::as_str),
                Some(
                    "int8"
                        | "int16"
                        | "int32"
                        | "int64"
                        | "uint"
                        | "uint8"
                        | "uint16"
                        | "uint32"
                        | "uint64"
                        | "float"
                        | "double"
                )
            );
            if rust_format {
                map.remove("format");
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

fn strip_code_blocks(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if !in_code {
            out.push(line);
        }
    }
    out.join("\n").trim().to_owned()
}

#[cfg(test)]
mod tests {
    #[test]
    fn code_blocks_are_stripped() {
        assert_eq!(
            super::strip_code_blocks("A thing.\n\n```\nlet x = 1;\n```"),
            "A thing."
        );
        let text = super::document_schema_json();
        assert!(!text.contains("```"));
        assert!(!text.contains("int64"));
    }
}
