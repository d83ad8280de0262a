//! Line and column of a value in JSON text, from its path.
//!
//! Documents are read from a parsed value (see `value_de`), which has no
//! positions; when an error needs one, the text is read again up to the
//! value at the error's path.

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

const MARK: &str = "journeymap: position mark";

/// Line and column of the value at `path` in `text`, or of its nearest
/// ancestor that is there (a missing field's object), else of the start.
pub(crate) fn position_of(text: &str, path: &[String]) -> (usize, usize) {
    (0..=path.len())
        .rev()
        .find_map(|len| seek(text, &path[..len]))
        .unwrap_or((1, 1))
}

/// Line and column of the value at `path`, found by letting serde_json stop
/// there with an error (its errors carry the position).
fn seek(text: &str, path: &[String]) -> Option<(usize, usize)> {
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

    // A scalar ends the walk: found (the position is just after it) if the
    // path ends here, else the path is not in the text.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar()
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar()
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        self.scalar()
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.scalar()
    }
}

impl Seek<'_> {
    fn scalar<E: de::Error>(&self) -> Result<(), E> {
        if self.path.is_empty() {
            Err(de::Error::custom(MARK))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, path: &[&str]) -> (usize, usize) {
        let path: Vec<String> = path.iter().map(|s| (*s).to_owned()).collect();
        position_of(text, &path)
    }

    #[test]
    fn finds_containers_and_scalars() {
        let text = "{\"a\": [1,\n {\"b\": true}],\n \"c\": \"x\"}";
        assert_eq!(at(text, &["a", "1"]), (2, 2));
        assert_eq!(at(text, &["a", "1", "b"]), (2, 11));
        assert_eq!(at(text, &["c"]), (3, 9));
    }

    #[test]
    fn a_missing_value_falls_back_to_its_nearest_ancestor() {
        let text = "{\"a\": [1,\n {\"b\": true}]}";
        assert_eq!(at(text, &["a", "1", "zzz"]), at(text, &["a", "1"]));
        assert_eq!(at(text, &["q"]), (1, 1));
    }
}
