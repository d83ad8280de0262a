//! JSON text to a [`serde_json::Value`], refusing duplicate keys.
//!
//! `serde_json::from_str::<Value>` keeps the last of two equal keys, so
//! `{"name": "a", "name": "b"}` would load as `"b"` with nothing said. A
//! document where one key appears twice in an object is refused instead,
//! with the path of the second key and its line and column.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// The path segments of a duplicate key, when that is why parsing failed.
pub(crate) type Duplicate = RefCell<Option<Vec<String>>>;

/// Parses `text`; on a duplicate key, `duplicate` holds its path and the
/// error (with serde_json's line and column) says "duplicate key".
pub(crate) fn parse_value(text: &str, duplicate: &Duplicate) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Strict {
        path: &mut Vec::new(),
        duplicate,
    }
    .deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

struct Strict<'a> {
    path: &'a mut Vec<String>,
    duplicate: &'a Duplicate,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // serde_json only hands finite floats to a visitor.
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            self.path.push(items.len().to_string());
            let item = seq.next_element_seed(Strict {
                path: self.path,
                duplicate: self.duplicate,
            })?;
            self.path.pop();
            match item {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.path.push(key);
            if out.contains_key(&self.path[self.path.len() - 1]) {
                *self.duplicate.borrow_mut() = Some(self.path.clone());
                return Err(de::Error::custom("duplicate key"));
            }
            let value = map.next_value_seed(Strict {
                path: self.path,
                duplicate: self.duplicate,
            })?;
            // Pushed above; the path is never empty here.
            let key = self.path.pop().unwrap_or_default();
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#"{"a": [1, -2, 2.5, "x", null, true, {"b": {}}], "c": "\u00e9"}"#;
        let duplicate = Duplicate::default();
        let got = parse_value(text, &duplicate).unwrap();
        assert_eq!(got, serde_json::from_str::<Value>(text).unwrap());
        assert!(duplicate.borrow().is_none());
    }

    #[test]
    fn duplicate_keys_are_refused_with_their_path() {
        let text = "{\"a\": [{\"b\": 1,\n \"b\": 2}]}";
        let duplicate = Duplicate::default();
        let e = parse_value(text, &duplicate).unwrap_err();
        assert_eq!(
            duplicate.borrow().as_deref(),
            Some(&["a", "0", "b"].map(String::from)[..])
        );
        assert_eq!(e.line(), 2);
        assert!(e.to_string().starts_with("duplicate key"), "{e}");
    }

    #[test]
    fn trailing_text_is_refused() {
        let duplicate = Duplicate::default();
        assert!(parse_value("{} {}", &duplicate).is_err());
    }
}
