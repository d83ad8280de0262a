//! A check serde cannot make: a JSON array where the format wants an object.
//!
//! serde's derived `Deserialize` for structs accepts a JSON array of field
//! values in order, so `"stages": [["visit", "Visit"]]` would load as a stage.
//! The document format only has objects there, as its JSON Schema says; this
//! module walks a parsed value along the schema of the expected type and
//! reports the first array found where an object is expected, with its JSON
//! Pointer and its line and column in the text.

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::error::Error;
use crate::parse::pointer_token;

/// The first array in `value` at a place where `schema` (a JSON Schema with
/// `$defs`) expects an object, as a located `JSON_TYPE` error.
pub(crate) fn check_objects(text: &str, value: &Value, schema: &Value) -> Result<(), Error> {
    let defs = schema.get("$defs").and_then(Value::as_object);
    let mut path = Vec::new();
    if !walk(value, schema, defs, &mut path) {
        return Ok(());
    }
    let pointer: String = path
        .iter()
        .map(|p| format!("/{}", pointer_token(p)))
        .collect();
    let (line, column) = position_of(text, &path).unwrap_or((1, 1));
    Err(Error::Type {
        path: pointer,
        message: "invalid type: array, expected an object".into(),
        line,
        column,
    })
}

fn resolve<'s>(mut node: &'s Value, defs: Option<&'s Map<String, Value>>) -> &'s Value {
    // `$ref`s in a schemars schema point into `$defs`; follow a bounded chain.
    for _ in 0..16 {
        let target = node
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.strip_prefix("#/$defs/"))
            .and_then(|name| defs?.get(name));
        match target {
            Some(t) => node = t,
            None => break,
        }
    }
    node
}

/// The non-null alternatives of a `oneOf` / `anyOf`, or the node itself.
fn alternatives<'s>(node: &'s Value, defs: Option<&'s Map<String, Value>>) -> Vec<&'s Value> {
    for key in ["oneOf", "anyOf"] {
        if let Some(alts) = node.get(key).and_then(Value::as_array) {
            return alts
                .iter()
                .map(|a| resolve(a, defs))
                .filter(|a| a.get("type").and_then(Value::as_str) != Some("null"))
                .collect();
        }
    }
    vec![node]
}

fn expects_object(node: &Value) -> bool {
    node.get("type").and_then(Value::as_str) == Some("object") || node.get("properties").is_some()
}

/// Walks `value` along `node`; true (with `path` left pointing at it) when an
/// array sits where an object is expected.
fn walk(
    value: &Value,
    node: &Value,
    defs: Option<&Map<String, Value>>,
    path: &mut Vec<String>,
) -> bool {
    let alts = alternatives(resolve(node, defs), defs);
    match value {
        Value::Array(items) => {
            if !alts.is_empty() && alts.iter().all(|a| expects_object(a)) {
                return true;
            }
            let Some(item_schema) = alts.iter().find_map(|a| a.get("items")) else {
                return false;
            };
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                if walk(item, item_schema, defs, path) {
                    return true;
                }
                path.pop();
            }
            false
        }
        Value::Object(map) => {
            for (key, item) in map {
                let prop = alts
                    .iter()
                    .find_map(|a| a.get("properties").and_then(|p| p.get(key)))
                    .or_else(|| {
                        alts.iter()
                            .find_map(|a| a.get("additionalProperties").filter(|s| s.is_object()))
                    });
                if let Some(prop) = prop {
                    path.push(key.clone());
                    if walk(item, prop, defs, path) {
                        return true;
                    }
                    path.pop();
                }
            }
            false
        }
        _ => false,
    }
}

const MARK: &str = "journeymap: position mark";

/// Line and column of the value at `path` in `text`, found by letting
/// serde_json stop there with an error (its errors carry the position).
fn position_of(text: &str, path: &[String]) -> Option<(usize, usize)> {
    let mut de = serde_json::Deserializer::from_str(text);
    match (Seek { path }).deserialize(&mut de) {
        Err(e) if e.to_string().starts_with(MARK) => Some((e.line(), e.column().max(1))),
        _ => None,
    }
}

struct Seek<'p> {
    path: &'p [String],
}

impl<'de> DeserializeSeed<'de> for Seek<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seek<'_> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.path.split_first() else {
            return Err(de::Error::custom(MARK));
        };
        let target: usize = first
            .parse()
            .map_err(|_| de::Error::custom("not an index"))?;
        for _ in 0..target {
            if seq.next_element::<IgnoredAny>()?.is_none() {
                return Ok(());
            }
        }
        seq.next_element_seed(Seek { path: rest })?;
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let Some((first, rest)) = self.path.split_first() else {
            return Err(de::Error::custom(MARK));
        };
        while let Some(key) = map.next_key::<String>()? {
            if key == *first {
                return map.next_value_seed(Seek { path: rest });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}
