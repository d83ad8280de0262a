//! Integers that may arrive spelled as floats (`2.0`), as JSON writers such as
//! pandas or Python's `json` with float columns produce. JSON Schema counts
//! `2.0` as an integer too, so the document format accepts it.

use serde::de::{self, Deserializer, Visitor};

struct Integral;

impl Visitor<'_> for Integral {
    type Value = i64;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
        // Exactly representable integers only; |v| < 2^53 keeps the cast exact.
        if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 {
            Ok(v as i64)
        } else {
            Err(E::invalid_value(de::Unexpected::Float(v), &self))
        }
    }
}

/// Deserialises an `i64` from an integer or an integral float.
pub(crate) fn i64_from_integral<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    d.deserialize_any(Integral)
}

/// Deserialises a `u32` from an integer or an integral float.
pub(crate) fn u32_from_integral<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let v = d.deserialize_any(Integral)?;
    u32::try_from(v).map_err(|_| {
        de::Error::invalid_value(de::Unexpected::Signed(v), &"a non-negative 32-bit integer")
    })
}
