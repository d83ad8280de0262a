//! JSON text in and out of the boundary.

use journeymap::Error;
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::error::{throw, JsResult};

/// Serialises a value as compact JSON text.
///
/// ```
/// let stage = journeymap::model::Stage::new("visit", "Visit");
/// assert_eq!(journeymap_wasm::convert::to_text(&stage).unwrap(), r#"{"id":"visit","name":"Visit"}"#);
/// ```
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(serialise_error)
}

/// Serialises a value as JSON text indented with `indent` (each level
/// prefixed by it once more); an empty `indent` gives compact text.
///
/// ```
/// let stage = journeymap::model::Stage::new("visit", "Visit");
/// let text = journeymap_wasm::convert::to_text_indented(&stage, "\t").unwrap();
/// assert_eq!(text, "{\n\t\"id\": \"visit\",\n\t\"name\": \"Visit\"\n}");
/// ```
pub fn to_text_indented<T: Serialize + ?Sized>(value: &T, indent: &str) -> Result<String, Error> {
    if indent.is_empty() {
        return to_text(value);
    }
    let mut out = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut out, formatter);
    value.serialize(&mut ser).map_err(serialise_error)?;
    // serde_json writes valid UTF-8, and `indent` is a &str.
    String::from_utf8(out).map_err(|e| Error::InvalidValue {
        id: None,
        path: String::new(),
        message: format!("output is not UTF-8: {e}"),
    })
}

fn serialise_error(e: serde_json::Error) -> Error {
    Error::InvalidValue {
        id: None,
        path: String::new(),
        message: format!("could not serialise to JSON: {e}"),
    }
}

/// Reads a document part (stage, touchpoint, metadata, list of ids...) from
/// JSON text, throwing a located error.
pub fn parse<T: DeserializeOwned>(text: &str) -> JsResult<T> {
    journeymap::parse_part(text).map_err(throw)
}

/// Serialises for returning to JavaScript, throwing on failure.
pub fn out<T: Serialize + ?Sized>(value: &T) -> JsResult<String> {
    to_text(value).map_err(throw)
}
