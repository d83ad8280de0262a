//! Strict typed reading of a parsed JSON value, with the path of an error.
//!
//! Documents and their parts are read in two passes (see `parse`): the text
//! becomes a [`serde_json::Value`], then this deserialiser turns the value
//! into the typed model. It differs from `serde_json::from_value` in two
//! ways the format needs:
//!
//! - an error carries the path of the value it was found at (the segments of
//!   a JSON Pointer), recorded once by the innermost value that fails;
//! - a JSON array where a struct is expected is refused. serde's derived
//!   `Deserialize` for structs also accepts an array of field values in
//!   order, so `"stages": [["visit", "Visit"]]` would otherwise load as a
//!   stage; the document format only has objects there, as its JSON Schema
//!   says.
//!
//! Every document type is instantiated once, for this deserialiser, which
//! keeps the WebAssembly build small (docs/performance.md).

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};
use serde_json::{Map, Number, Value};

/// Where a value sits below the root: a chain of segments, walked only when
/// an error needs it.
#[derive(Clone, Copy)]
enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl Path<'_> {
    fn segments(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut node = self;
        loop {
            match node {
                Path::Root => break,
                Path::Key(parent, key) => {
                    out.push((*key).to_owned());
                    node = parent;
                }
                Path::Index(parent, index) => {
                    out.push(index.to_string());
                    node = parent;
                }
            }
        }
        out.reverse();
        out
    }
}

/// An error with the path (segments of a JSON Pointer) of the value it was
/// found at. For a missing or unknown field, the path is the object's.
#[derive(Debug)]
pub(crate) struct ValueError {
    pub(crate) message: String,
    pub(crate) path: Vec<String>,
    /// A hand-written `Deserialize` refused the value itself (a date that
    /// is not one, an unknown timestamp format): `INVALID_VALUE`, where
    /// serde's own errors (wrong type, unknown variant, missing field...)
    /// are `JSON_TYPE`.
    pub(crate) invalid_value: bool,
    located: bool,
}

impl ValueError {
    /// Records `path` unless a value further in already did. Out of line:
    /// it is called from every instantiation, and only on errors.
    #[cold]
    #[inline(never)]
    fn at(mut self, path: &Path<'_>) -> Self {
        if !self.located {
            self.path = path.segments();
            self.located = true;
        }
        self
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ValueError {}

impl ValueError {
    /// One of serde's own errors, with serde's own message.
    fn serde(e: de::value::Error) -> Self {
        ValueError {
            invalid_value: false,
            ..de::Error::custom(e)
        }
    }
}

impl de::Error for ValueError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        ValueError {
            message: msg.to_string(),
            path: Vec::new(),
            invalid_value: true,
            located: false,
        }
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::serde(de::Error::invalid_type(unexp, exp))
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self::serde(de::Error::invalid_value(unexp, exp))
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Self::serde(de::Error::invalid_length(len, exp))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self::serde(de::Error::unknown_variant(variant, expected))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Self::serde(de::Error::unknown_field(field, expected))
    }

    fn missing_field(field: &'static str) -> Self {
        Self::serde(de::Error::missing_field(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self::serde(de::Error::duplicate_field(field))
    }
}

/// A `Deserialize` body for types read from a string by their `FromStr`
/// (a timestamp format, unit or zone, a bad-row policy): a string the parser
/// refuses is a custom error, which reads as `INVALID_VALUE` at its path.
pub(crate) fn from_str_value<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
    T: std::str::FromStr,
    T::Err: fmt::Display,
{
    let text = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
    text.parse().map_err(de::Error::custom)
}

/// Reads a `T` from `value`, refusing arrays where structs belong.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, ValueError> {
    T::deserialize(ValueDe {
        value,
        path: Path::Root,
    })
}

struct ValueDe<'de, 'p> {
    value: &'de Value,
    path: Path<'p>,
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
            (Some(u), _, _) => Unexpected::Unsigned(u),
            (_, Some(i), _) => Unexpected::Signed(i),
            (_, _, Some(f)) => Unexpected::Float(f),
            _ => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn visit_number<'de, V: Visitor<'de>>(n: &Number, visitor: V) -> Result<V::Value, ValueError> {
    if let Some(u) = n.as_u64() {
        visitor.visit_u64(u)
    } else if let Some(i) = n.as_i64() {
        visitor.visit_i64(i)
    } else {
        // serde_json without arbitrary precision: every number is one of the
        // three, so this is a float.
        visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
    }
}

fn visit_array<'de, V: Visitor<'de>>(
    items: &'de [Value],
    path: &Path<'_>,
    visitor: V,
) -> Result<V::Value, ValueError> {
    let mut seq = Seq {
        items: items.iter(),
        index: 0,
        path,
    };
    let out = visitor.visit_seq(&mut seq)?;
    if seq.items.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(
            items.len(),
            &"fewer elements in array",
        ))
    }
}

fn visit_object<'de, V: Visitor<'de>>(
    map: &'de Map<String, Value>,
    path: &Path<'_>,
    visitor: V,
) -> Result<V::Value, ValueError> {
    let mut access = Object {
        entries: map.iter(),
        value: None,
        path,
    };
    let out = visitor.visit_map(&mut access)?;
    if access.entries.len() == 0 {
        Ok(out)
    } else {
        Err(de::Error::invalid_length(
            map.len(),
            &"fewer elements in map",
        ))
    }
}

impl<'de> de::Deserializer<'de> for ValueDe<'de, '_> {
    type Error = ValueError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ValueError> {
        let result = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => visit_number(n, visitor),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visit_array(items, &self.path, visitor),
            Value::Object(map) => visit_object(map, &self.path, visitor),
        };
        result.map_err(|e| e.at(&self.path))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ValueError> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ValueError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ValueError> {
        let result = match self.value {
            Value::Object(map) => visit_object(map, &self.path, visitor),
            Value::Array(_) => Err(de::Error::invalid_type(
                Unexpected::Other("array"),
                &"an object",
            )),
            other => Err(de::Error::invalid_type(unexpected(other), &visitor)),
        };
        result.map_err(|e| e.at(&self.path))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ValueError> {
        let (variant, content) = match self.value {
            Value::String(s) => (s.as_str(), None),
            Value::Object(map) => {
                let mut entries = map.iter();
                match (entries.next(), entries.next()) {
                    (Some((k, v)), None) => (k.as_str(), Some(v)),
                    _ => {
                        return Err(de::Error::invalid_value(
                            Unexpected::Map,
                            &"map with a single key",
                        ))
                        .map_err(|e: ValueError| e.at(&self.path))
                    }
                }
            }
            other => {
                return Err(de::Error::invalid_type(unexpected(other), &"string or map"))
                    .map_err(|e: ValueError| e.at(&self.path))
            }
        };
        visitor
            .visit_enum(Enum {
                variant,
                content,
                path: &self.path,
            })
            .map_err(|e| e.at(&self.path))
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, ValueError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier
    }
}

struct Seq<'de, 'p> {
    items: std::slice::Iter<'de, Value>,
    index: usize,
    path: &'p Path<'p>,
}

impl<'de> SeqAccess<'de> for Seq<'de, '_> {
    type Error = ValueError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ValueError> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let path = Path::Index(self.path, self.index);
        self.index += 1;
        // Errors of a hand-written `Deserialize` (a date, say) are located
        // here, at the value they were reading.
        seed.deserialize(ValueDe { value, path })
            .map(Some)
            .map_err(|e| e.at(&path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Object<'de, 'p> {
    entries: serde_json::map::Iter<'de>,
    value: Option<(&'de str, &'de Value)>,
    path: &'p Path<'p>,
}

impl<'de> MapAccess<'de> for Object<'de, '_> {
    type Error = ValueError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ValueError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, ValueError> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom(
                "a map value was asked for before its key",
            ));
        };
        let path = Path::Key(self.path, key);
        seed.deserialize(ValueDe { value, path })
            .map_err(|e| e.at(&path))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct Enum<'de, 'p> {
    variant: &'de str,
    content: Option<&'de Value>,
    path: &'p Path<'p>,
}

impl<'de, 'p> EnumAccess<'de> for Enum<'de, 'p> {
    type Error = ValueError;
    type Variant = Variant<'de, 'p>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), ValueError> {
        let tag = seed.deserialize(BorrowedStrDeserializer::new(self.variant))?;
        Ok((
            tag,
            Variant {
                variant: self.variant,
                content: self.content,
                path: self.path,
            },
        ))
    }
}

struct Variant<'de, 'p> {
    variant: &'de str,
    content: Option<&'de Value>,
    path: &'p Path<'p>,
}

impl<'de> Variant<'de, '_> {
    fn content(&self, expected: &str) -> Result<&'de Value, ValueError> {
        self.content
            .ok_or_else(|| de::Error::invalid_type(Unexpected::UnitVariant, &expected))
    }
}

impl<'de> VariantAccess<'de> for Variant<'de, '_> {
    type Error = ValueError;

    fn unit_variant(self) -> Result<(), ValueError> {
        match self.content {
            None | Some(Value::Null) => Ok(()),
            Some(other) => Err(de::Error::invalid_type(unexpected(other), &"unit variant")),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, ValueError> {
        let value = self.content("newtype variant")?;
        seed.deserialize(ValueDe {
            value,
            path: Path::Key(self.path, self.variant),
        })
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, ValueError> {
        let value = self.content("tuple variant")?;
        de::Deserializer::deserialize_seq(
            ValueDe {
                value,
                path: Path::Key(self.path, self.variant),
            },
            visitor,
        )
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ValueError> {
        let value = self.content("struct variant")?;
        de::Deserializer::deserialize_struct(
            ValueDe {
                value,
                path: Path::Key(self.path, self.variant),
            },
            "",
            fields,
            visitor,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        id: String,
        #[serde(default)]
        n: Option<u8>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Plain,
        Counted(u32),
        Shaped { inner: Inner },
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        items: Vec<Inner>,
        #[serde(default)]
        kinds: Vec<Kind>,
        #[serde(default)]
        extra: BTreeMap<String, Value>,
    }

    fn read(text: &str) -> Result<Outer, ValueError> {
        from_value(&serde_json::from_str::<Value>(text).unwrap())
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let text = r#"{"items": [{"id": "a", "n": 3}, {"id": "b", "n": null}],
            "kinds": ["plain", {"counted": 2}, {"shaped": {"inner": {"id": "c"}}}],
            "extra": {"x": [1, {"y": true}]}}"#;
        let got = read(text).unwrap();
        let want: Outer = serde_json::from_str(text).unwrap();
        assert_eq!(got, want);
    }

    #[test]
    fn errors_carry_the_innermost_path() {
        let e = read(r#"{"items": [{"id": "a"}, {"id": "b", "n": 300}]}"#).unwrap_err();
        assert_eq!(e.path, ["items", "1", "n"]);
        assert_eq!(e.message, "invalid value: integer `300`, expected u8");
        let e = read(r#"{"items": [], "kinds": [{"counted": "two"}]}"#).unwrap_err();
        assert_eq!(e.path, ["kinds", "0", "counted"]);
        let e = read(r#"{"items": [], "kinds": ["round"]}"#).unwrap_err();
        assert_eq!(e.path, ["kinds", "0"]);
        assert!(
            e.message.starts_with("unknown variant `round`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn missing_and_unknown_fields_point_at_the_object() {
        let e = read(r#"{"items": [{"n": 1}]}"#).unwrap_err();
        assert_eq!(e.path, ["items", "0"]);
        assert_eq!(e.message, "missing field `id`");
        let e = read(r#"{"items": [{"id": "a", "colour": "red"}]}"#).unwrap_err();
        assert_eq!(e.path, ["items", "0"]);
        assert!(
            e.message.starts_with("unknown field `colour`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn errors_of_hand_written_deserialize_are_located() {
        fn even<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
            let n = u32::deserialize(d)?;
            if n % 2 == 0 {
                Ok(n)
            } else {
                Err(de::Error::custom("odd"))
            }
        }
        #[derive(Debug, Deserialize)]
        struct Evens {
            #[serde(deserialize_with = "even")]
            _n: u32,
        }
        let value = serde_json::json!([{"_n": 2}, {"_n": 3}]);
        let e = from_value::<Vec<Evens>>(&value).unwrap_err();
        assert_eq!(e.path, ["1", "_n"]);
        assert_eq!(e.message, "odd");
        assert!(e.invalid_value);
        let e = from_value::<Vec<Evens>>(&serde_json::json!([{"_n": "two"}])).unwrap_err();
        assert!(!e.invalid_value, "a wrong type is serde's: {}", e.message);
    }

    #[test]
    fn arrays_are_refused_where_structs_belong() {
        let e = read(r#"{"items": [["a", 1]]}"#).unwrap_err();
        assert_eq!(e.path, ["items", "0"]);
        assert_eq!(e.message, "invalid type: array, expected an object");
        let e = read(r#"{"items": ["a"]}"#).unwrap_err();
        assert_eq!(
            e.message,
            r#"invalid type: string "a", expected struct Inner"#
        );
    }
}
