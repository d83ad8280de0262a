//! The binary form of a [`Partial`]: what one machine of a map-reduce
//! writes and another reads back to merge.
//!
//! Layout, all integers little-endian:
//!
//! | bytes | what |
//! |---|---|
//! | 4 | magic `JMP` and a zero byte |
//! | 2 | format version ([`Partial::FORMAT_VERSION`]) |
//! | 2 + n | length and text of the version of journeymap that wrote it |
//! | 8 | fingerprint of the map |
//! | 8 | fingerprint of the options that shape a partial (all but `top_k`) |
//! | rest | the partial, MessagePack with named fields (`rmp-serde`) |
//!
//! The header is read first: a newer format is refused
//! (`UNSUPPORTED_FORMAT_VERSION`) before its body is touched, and
//! [`Partial::merge`] refuses partials of another map or other options
//! (`INVALID_VALUE`). Bytes that are not a partial, cut short or
//! inconsistent are `INVALID_VALUE`; none of it panics.

use crate::analytics::log::fnv1a;
use crate::analytics::options::ReportOptions;
use crate::analytics::partial::Partial;
use crate::error::Error;

const MAGIC: &[u8; 4] = b"JMP\0";

impl Partial {
    /// Version of the binary format [`Partial::to_bytes`] writes.
    pub const FORMAT_VERSION: u16 = 1;

    /// The partial as bytes: a header (format version, the writing
    /// version of journeymap, fingerprints of the map and of the options)
    /// and the counts. [`Partial::from_bytes`] reads them back, on any
    /// machine.
    ///
    /// ```
    /// use journeymap::analytics::{Partial, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// # let log = journeymap::doc_support::shop_log(&map);
    /// let options = ReportOptions::default();
    /// let partial = Partial::from_log(&map, &log, &options).unwrap();
    /// let bytes = partial.to_bytes();
    /// assert!(bytes.starts_with(b"JMP\0"));
    /// let back = Partial::from_bytes(&bytes).unwrap();
    /// assert_eq!(back.finish(&map, &options).unwrap(), partial.finish(&map, &options).unwrap());
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let version = env!("CARGO_PKG_VERSION").as_bytes();
        let mut out = Vec::with_capacity(64 + self.customers.len() * 64);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&Self::FORMAT_VERSION.to_le_bytes());
        // A crate version is a few bytes long.
        out.extend_from_slice(&(version.len().min(u16::MAX as usize) as u16).to_le_bytes());
        out.extend_from_slice(version);
        out.extend_from_slice(&self.fingerprint.to_le_bytes());
        out.extend_from_slice(&options_fingerprint(&self.options).to_le_bytes());
        // Every field of a partial is plain data (numbers, strings, maps
        // with string or integer keys): MessagePack writes all of them.
        if let Err(e) = rmp_serde::encode::write_named(&mut out, self) {
            unreachable!("a partial always encodes: {e}");
        }
        out
    }

    /// Reads a partial written by [`Partial::to_bytes`].
    ///
    /// ```
    /// use journeymap::analytics::Partial;
    /// let err = Partial::from_bytes(b"not a partial").unwrap_err();
    /// assert_eq!(err.code(), "INVALID_VALUE");
    /// let mut newer = b"JMP\0".to_vec();
    /// newer.extend_from_slice(&99u16.to_le_bytes());
    /// assert_eq!(Partial::from_bytes(&newer).unwrap_err().code(), "UNSUPPORTED_FORMAT_VERSION");
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Partial, Error> {
        let header = Header::read(bytes)?;
        let partial: Partial = rmp_serde::from_slice(header.body)
            .map_err(|e| invalid(format!("the partial's counts cannot be read: {e}")))?;
        if partial.fingerprint != header.map
            || options_fingerprint(&partial.options) != header.options
        {
            return Err(invalid(
                "the partial's header does not match its counts".to_owned(),
            ));
        }
        partial.check_shape()?;
        Ok(partial)
    }

    /// The version of journeymap that wrote `bytes` (a partial's header),
    /// without reading the counts.
    ///
    /// ```
    /// use journeymap::analytics::{Partial, ReportOptions};
    /// # let map = journeymap::doc_support::shop_map();
    /// let bytes = Partial::empty(&map, &ReportOptions::default()).unwrap().to_bytes();
    /// assert_eq!(Partial::written_by(&bytes).unwrap(), env!("CARGO_PKG_VERSION"));
    /// ```
    pub fn written_by(bytes: &[u8]) -> Result<String, Error> {
        Header::read(bytes).map(|h| h.writer.to_owned())
    }
}

/// A partial's header, read.
struct Header<'a> {
    writer: &'a str,
    map: u64,
    options: u64,
    body: &'a [u8],
}

impl<'a> Header<'a> {
    fn read(bytes: &'a [u8]) -> Result<Header<'a>, Error> {
        let not_partial = || invalid("the bytes are not a journeymap partial result".to_owned());
        let short = || invalid("the partial result is cut short".to_owned());
        if bytes.len() < 4 || &bytes[..4] != MAGIC {
            return Err(not_partial());
        }
        let mut at = 4;
        let mut take = |n: usize| -> Result<&'a [u8], Error> {
            let part = bytes.get(at..at + n).ok_or_else(short)?;
            at += n;
            Ok(part)
        };
        let u16_of = |b: &[u8]| u16::from_le_bytes([b[0], b[1]]);
        let u64_of = |b: &[u8]| {
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            u64::from_le_bytes(a)
        };
        let format = u16_of(take(2)?);
        if format != Partial::FORMAT_VERSION {
            return Err(Error::UnsupportedVersion {
                found: format.to_string(),
                supported: u32::from(Partial::FORMAT_VERSION),
            });
        }
        let len = usize::from(u16_of(take(2)?));
        let writer = std::str::from_utf8(take(len)?).map_err(|_| not_partial())?;
        let map = u64_of(take(8)?);
        let options = u64_of(take(8)?);
        Ok(Header {
            writer,
            map,
            options,
            body: &bytes[at..],
        })
    }
}

/// A fingerprint of what in the options shapes a partial: everything but
/// `top_k` (FNV-1a of their JSON).
fn options_fingerprint(options: &ReportOptions) -> u64 {
    let shaping = ReportOptions {
        top_k: 0,
        ..options.clone()
    };
    // Options are plain data: serialising them cannot fail.
    fnv1a(
        serde_json::to_string(&shaping)
            .unwrap_or_default()
            .as_bytes(),
    )
}

fn invalid(message: String) -> Error {
    Error::InvalidValue {
        id: None,
        path: String::new(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc_support::{shop_log, shop_map};

    #[test]
    fn every_cut_and_every_flipped_byte_is_an_error_or_the_same_partial() {
        let map = shop_map();
        let log = shop_log(&map);
        let options = ReportOptions::default().include_customers(true);
        let partial = Partial::from_log(&map, &log, &options).unwrap();
        let bytes = partial.to_bytes();
        let report = partial.finish(&map, &options).unwrap();
        for n in 0..bytes.len() {
            assert!(Partial::from_bytes(&bytes[..n]).is_err(), "cut at {n}");
        }
        for i in 0..bytes.len() {
            for flip in [0x01u8, 0x80, 0xff] {
                let mut b = bytes.clone();
                b[i] ^= flip;
                // Either refused, or a partial that still finishes (a
                // changed count) without panicking.
                if let Ok(p) = Partial::from_bytes(&b) {
                    let _ = p.finish(&map, &options);
                }
            }
        }
        assert_eq!(
            Partial::from_bytes(&bytes)
                .unwrap()
                .finish(&map, &options)
                .unwrap(),
            report
        );
    }
}
