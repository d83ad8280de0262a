//! Reading a document from JSON text, with located errors.
//!
//! Two passes: the text is first read as a generic JSON value (syntax errors
//! with line and column; format version and size limits checked before the
//! strict pass, so that a newer document is refused for its version rather
//! than for fields this version does not know), then the value is read
//! strictly into [`JourneyDocument`] (`value_de`: objects only where the
//! format has objects) with the JSON path, line and column of any type error.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::Error;
use crate::limits::Limits;
use crate::model::{JourneyDocument, FORMAT_VERSION};
use crate::position::position_of;
use crate::strict_json::{parse_value, Duplicate};
use crate::value_de::{from_value, ValueError};

/// Parses a document from JSON text, enforcing `limits`.
pub(crate) fn parse_document(text: &str, limits: &Limits) -> Result<JourneyDocument, Error> {
    parse_checked(text, limits, true)
}

/// Reads one part of a document (a stage, a touchpoint, metadata, ...) from
/// JSON text, with the located errors and the size limits a whole document
/// gets. Paths in errors are relative to the part.
///
/// Bindings use it to read an entity handed to a mutation.
///
/// ```
/// use journeymap::{parse_part, model::Stage};
/// let stage: Stage = parse_part(r#"{"id": "visit", "name": "Visit"}"#).unwrap();
/// assert_eq!(stage.id, "visit");
/// let err = parse_part::<Stage>(r#"{"id": "visit", "colour": "red"}"#).unwrap_err();
/// assert_eq!(err.code(), "UNKNOWN_FIELD");
/// assert_eq!(err.path(), Some("/colour"));
/// let err = parse_part::<Stage>(r#"["visit", "Visit"]"#).unwrap_err();
/// assert_eq!(err.code(), "JSON_TYPE");
/// ```
pub fn parse_part<T: DeserializeOwned>(text: &str) -> Result<T, Error> {
    parse_checked(text, &Limits::default(), false)
}

/// The passes shared by documents and parts: syntax, version (documents
/// only), limits, then the strict typed pass.
fn parse_checked<T: DeserializeOwned>(
    text: &str,
    limits: &Limits,
    is_document: bool,
) -> Result<T, Error> {
    if text.len() > limits.max_document_bytes {
        return Err(Error::LimitExceeded {
            path: String::new(),
            what: format!("document size ({} bytes)", text.len()),
            limit: limits.max_document_bytes,
        });
    }
    let duplicate = Duplicate::default();
    let value: Value = parse_value(text, &duplicate).map_err(|e| match duplicate.take() {
        Some(segments) => duplicate_key(&segments, &e),
        None => syntax_error(&e),
    })?;
    if is_document {
        if let Some(version) = value.get("format_version") {
            check_version(version)?;
        }
    }
    let mut limit_errors = Vec::new();
    walk_limits(&value, &mut String::new(), limits, &mut limit_errors);
    if let Some(err) = Error::from_violations(limit_errors) {
        return Err(err);
    }
    from_value(&value).map_err(|e| data_error(text, e))
}

fn check_version(version: &Value) -> Result<(), Error> {
    // 1.0 is how some JSON writers (Python's json with floats) spell 1.
    if version.as_f64() == Some(f64::from(FORMAT_VERSION)) {
        return Ok(());
    }
    match version.as_u64() {
        Some(v) if v == u64::from(FORMAT_VERSION) => Ok(()),
        Some(v) if v > u64::from(FORMAT_VERSION) || v == 0 => Err(Error::UnsupportedVersion {
            found: v.to_string(),
            supported: FORMAT_VERSION,
        }),
        // Not a non-negative integer: the strict pass reports the type error.
        _ => match version {
            Value::Number(n) => Err(Error::UnsupportedVersion {
                found: n.to_string(),
                supported: FORMAT_VERSION,
            }),
            _ => Ok(()),
        },
    }
}

/// Checks string, list and object sizes of a JSON value against `limits`.
pub(crate) fn check_limits(value: &Value, limits: &Limits) -> Result<(), Error> {
    let mut errors = Vec::new();
    walk_limits(value, &mut String::new(), limits, &mut errors);
    Error::from_violations(errors).map_or(Ok(()), Err)
}

fn walk_limits(value: &Value, path: &mut String, limits: &Limits, errors: &mut Vec<Error>) {
    let too_long =
        |s: &str| s.len() > limits.max_string_chars && s.chars().count() > limits.max_string_chars;
    match value {
        Value::String(s) if too_long(s) => errors.push(Error::LimitExceeded {
            path: path.clone(),
            what: format!("string length ({} characters)", s.chars().count()),
            limit: limits.max_string_chars,
        }),
        Value::Array(items) => {
            if items.len() > limits.max_entities {
                errors.push(Error::LimitExceeded {
                    path: path.clone(),
                    what: format!("list length ({} items)", items.len()),
                    limit: limits.max_entities,
                });
                return;
            }
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push('/');
                path.push_str(&i.to_string());
                walk_limits(item, path, limits, errors);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            if map.len() > limits.max_entities {
                errors.push(Error::LimitExceeded {
                    path: path.clone(),
                    what: format!("object size ({} keys)", map.len()),
                    limit: limits.max_entities,
                });
                return;
            }
            for (key, item) in map {
                let len = path.len();
                crate::pointer::push(path, key);
                if too_long(key) {
                    errors.push(Error::LimitExceeded {
                        path: path.clone(),
                        what: format!("key length ({} characters)", key.chars().count()),
                        limit: limits.max_string_chars,
                    });
                } else {
                    walk_limits(item, path, limits, errors);
                }
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// serde_json appends " at line L column C" to its messages; the location is
/// reported in fields of its own.
fn bare_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(pos) => text[..pos].to_owned(),
        None => text,
    }
}

fn syntax_error(e: &serde_json::Error) -> Error {
    let message = bare_message(e);
    if message.contains("recursion limit exceeded") {
        return Error::LimitExceeded {
            path: String::new(),
            what: format!("nesting depth (line {}, column {})", e.line(), e.column()),
            limit: 128,
        };
    }
    Error::Syntax {
        message,
        line: e.line().max(1),
        // serde_json gives column 0 at the start of a line and at the end
        // of the input; columns here are 1-based.
        column: e.column().max(1),
    }
}

fn duplicate_key(segments: &[String], e: &serde_json::Error) -> Error {
    let key = segments.last().map_or("", String::as_str);
    Error::Type {
        path: crate::pointer::of(segments),
        message: format!("duplicate key `{key}`: each key may appear once in an object"),
        line: e.line().max(1),
        column: e.column().max(1),
    }
}

/// The text between the first pair of backticks after `prefix`, if the
/// message starts with `prefix`.
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    let rest = message.strip_prefix(prefix)?.strip_prefix('`')?;
    rest.split('`').next()
}

fn data_error(text: &str, e: ValueError) -> Error {
    let ValueError {
        message,
        path: mut segments,
        invalid_value,
        ..
    } = e;
    if invalid_value {
        return Error::InvalidValue {
            id: None,
            path: crate::pointer::of(&segments),
            message,
        };
    }
    // A missing or unknown field is reported at its object; the error's path
    // names the field itself.
    let field = quoted_after(&message, "unknown field ")
        .or_else(|| quoted_after(&message, "missing field "))
        .map(str::to_owned);
    if let Some(field) = &field {
        segments.push(field.clone());
    }
    let (line, column) = position_of(text, &segments);
    let path = crate::pointer::of(&segments);
    match field {
        Some(field) if message.starts_with("unknown field ") => Error::UnknownField {
            path,
            field,
            line,
            column,
        },
        Some(field) => Error::MissingField {
            path,
            field,
            line,
            column,
        },
        None => Error::Type {
            path,
            message,
            line,
            column,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> Error {
        parse_document(text, &Limits::default()).unwrap_err()
    }

    #[test]
    fn syntax_error_has_line_and_column() {
        let e = err("{\n  \"name\": \"x\",\n  \"stages\": [\n}");
        assert_eq!(e.code(), "JSON_SYNTAX");
        assert_eq!(e.line_column(), Some((4, 1)));
    }

    #[test]
    fn unknown_field_path_names_the_field() {
        let e = err(r#"{"name":"x","stages":[{"id":"s","name":"S","colour":"red"}]}"#);
        assert_eq!(e.code(), "UNKNOWN_FIELD");
        assert_eq!(e.path(), Some("/stages/0/colour"));
    }

    #[test]
    fn missing_field_path_names_the_field() {
        let e = err(r#"{"name":"x","stages":[{"id":"s"}]}"#);
        assert_eq!(e.code(), "MISSING_FIELD");
        assert_eq!(e.path(), Some("/stages/0/name"));
    }

    #[test]
    fn wrong_type_has_path() {
        let e = err(
            r#"{"name":"x","stages":[{"id":"s","name":"S"}],"touchpoints":[{"id":"t","name":"T","stage":"s","channel":"c","emotion":{"score":"high"}}]}"#,
        );
        assert_eq!(e.code(), "JSON_TYPE");
        assert_eq!(e.path(), Some("/touchpoints/0/emotion/score"));
    }

    #[test]
    fn newer_version_is_refused_before_unknown_fields() {
        let e = err(r#"{"format_version":2,"name":"x","stages":[],"new_thing":1}"#);
        assert_eq!(e.code(), "UNSUPPORTED_FORMAT_VERSION");
        assert!(e.to_string().contains("upgrade journeymap"));
    }

    #[test]
    fn limits_are_enforced_with_paths() {
        let limits = Limits {
            max_string_chars: 8,
            ..Limits::default()
        };
        let e = parse_document(r#"{"name":"far too long","stages":[]}"#, &limits).unwrap_err();
        assert_eq!(e.code(), "LIMIT_EXCEEDED");
        assert_eq!(e.path(), Some("/name"));
        let limits = Limits {
            max_document_bytes: 10,
            ..Limits::default()
        };
        let e = parse_document(r#"{"name":"x","stages":[]}"#, &limits).unwrap_err();
        assert_eq!(e.code(), "LIMIT_EXCEEDED");
        let deep = "[".repeat(500) + &"]".repeat(500);
        let e = parse_document(
            &format!(r#"{{"name":"x","stages":[],"metadata":{{"extra":{{"a":{deep}}}}}}}"#),
            &Limits::default(),
        )
        .unwrap_err();
        assert_eq!(e.code(), "LIMIT_EXCEEDED");
    }
}
