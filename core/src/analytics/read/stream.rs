//! Reading an event log pushed in chunks, for callers that are handed the
//! input a piece at a time and cannot block for the next one (a browser's
//! `ReadableStream`, a network callback): [`LogStream`].
//!
//! The chunks are cut into blocks of whole records and each block is read
//! by the same block readers as [`EventLog::from_csv`] and
//! [`EventLog::from_jsonl`], with the same row and line numbers, so a log
//! pushed in any chunks reads exactly as the same bytes read at once. At
//! most one record is held back between pushes (the one a chunk cut).

use memchr::{memchr, memrchr};

use super::blocks::{csv_end, csv_scan};
use super::csv::{
    bytecount, csv_builder, csv_error, layout, read_block, reader_builder, CsvLayout,
};
use super::jsonl::{jsonl_builder, read_one_line, too_long};
use super::lines::{self, cr_to_lf};
use super::{CsvOptions, JsonlOptions};
use crate::analytics::log::{EventLog, EventLogBuilder};
use crate::error::Error;
use crate::JourneyMap;

/// An event log read from chunks pushed one after another.
///
/// ```
/// use journeymap::analytics::{CsvOptions, EventLog, LogStream};
/// # let map = journeymap::doc_support::home_map();
/// let csv = "customer_id,timestamp,touchpoint\nc1,2026-03-01T09:00:00Z,home\nc2,2026-03-01T10:00:00Z,home\n";
/// let mut stream = LogStream::csv(&map, CsvOptions::default()).unwrap();
/// for chunk in csv.as_bytes().chunks(7) {
///     stream.push(chunk).unwrap();
/// }
/// assert_eq!(stream.bytes(), csv.len() as u64);
/// let log = stream.finish().unwrap();
/// assert_eq!((log.len(), log.customers()), (2, 2));
///
/// // A bad row fails a later push or the finish, with its line.
/// let mut stream = LogStream::csv(&map, CsvOptions::default()).unwrap();
/// stream.push(b"customer_id,timestamp,touchpoint\nc1,yesterday,home\n").unwrap();
/// let err = stream.finish().unwrap_err();
/// assert_eq!(err.code(), "BAD_TIMESTAMP");
/// assert_eq!(err.row_error().unwrap().line, Some(2));
/// ```
#[derive(Debug)]
pub struct LogStream {
    format: Format,
    builder: EventLogBuilder,
    /// Bytes pushed and not read yet: the start of a record.
    carry: Vec<u8>,
    /// Lines before `carry`.
    lines: u64,
    /// Bytes pushed in all.
    bytes: u64,
    /// The error a push ended with: every later call returns it again.
    failed: Option<Error>,
}

#[derive(Debug)]
enum Format {
    /// CSV; `layout` is `None` until the header is complete, `lone_cr`
    /// until the first line break is seen (see the `lines` module).
    Csv {
        options: CsvOptions,
        layout: Option<CsvLayout>,
        lone_cr: Option<bool>,
    },
    /// JSON Lines; `skipping` while the rest of a line too long to keep
    /// is passed over.
    Jsonl {
        options: JsonlOptions,
        skipping: bool,
    },
}

/// Records are read once this many bytes are waiting (fewer, larger
/// blocks; a push of any size is taken whole).
const MIN_BLOCK: usize = 1 << 16;

impl LogStream {
    /// A stream of CSV text with a header row, read as
    /// [`EventLog::from_csv`] reads it. Options it cannot read with are
    /// refused here ([`CsvOptions::check`]), before any chunk.
    ///
    /// ```
    /// use journeymap::analytics::{CsvOptions, LogStream};
    /// # let map = journeymap::doc_support::stage_map();
    /// let err = LogStream::csv(&map, CsvOptions::default().delimiter(b'\n')).unwrap_err();
    /// assert_eq!(err.path(), Some("/delimiter"));
    /// ```
    pub fn csv(map: &JourneyMap, options: CsvOptions) -> Result<Self, Error> {
        options.check()?;
        let builder = csv_builder(map, &options);
        Ok(Self::new(
            Format::Csv {
                options,
                layout: None,
                lone_cr: None,
            },
            builder,
        ))
    }

    /// A stream of JSON Lines, read as [`EventLog::from_jsonl`] reads it.
    ///
    /// ```
    /// use journeymap::analytics::{JsonlOptions, LogStream};
    /// # let map = journeymap::doc_support::home_map();
    /// let mut stream = LogStream::jsonl(&map, JsonlOptions::default()).unwrap();
    /// stream.push(br#"{"customer_id": "c1", "timestamp": 1772357400000, "touch"#).unwrap();
    /// stream.push(b"point\": \"home\"}\n\n").unwrap();
    /// assert_eq!(stream.finish().unwrap().len(), 1);
    /// ```
    ///
    /// Options it cannot read with ([`JsonlOptions::check`]) are refused
    /// here, before any byte.
    pub fn jsonl(map: &JourneyMap, options: JsonlOptions) -> Result<Self, Error> {
        let builder = jsonl_builder(map, &options)?;
        Ok(Self::new(
            Format::Jsonl {
                options,
                skipping: false,
            },
            builder,
        ))
    }

    fn new(format: Format, builder: EventLogBuilder) -> Self {
        LogStream {
            format,
            builder,
            carry: Vec::new(),
            lines: 0,
            bytes: 0,
            failed: None,
        }
    }

    /// Bytes pushed so far.
    ///
    /// ```
    /// # use journeymap::analytics::{CsvOptions, LogStream};
    /// # let map = journeymap::doc_support::stage_map();
    /// let mut stream = LogStream::csv(&map, CsvOptions::default()).unwrap();
    /// stream.push(b"customer_id,timestamp,event\n").unwrap();
    /// assert_eq!(stream.bytes(), 28);
    /// ```
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Takes the next chunk and reads the whole records waiting once there
    /// are enough of them to make a block (64 KiB). A refused row (under
    /// [`OnError::Fail`](super::OnError::Fail)) or a bad header is returned
    /// by the push that reads it, or by [`finish`](Self::finish), and again
    /// by every later call.
    pub fn push(&mut self, chunk: &[u8]) -> Result<(), Error> {
        if let Some(e) = &self.failed {
            return Err(e.clone());
        }
        self.bytes += chunk.len() as u64;
        let from = self.carry.len();
        self.carry.extend_from_slice(chunk);
        self.line_breaks(from, false);
        let read = self.read(false);
        self.keep(read)
    }

    /// Reads what is left (a last record without a line break) and
    /// returns the log.
    pub fn finish(mut self) -> Result<EventLog, Error> {
        if let Some(e) = self.failed.take() {
            return Err(e);
        }
        self.line_breaks(self.carry.len(), true);
        self.read(true)?;
        self.builder.finish()
    }

    /// A lone-`\r` CSV stream has its `\r`s read as `\n`: those of
    /// `carry[from..]` once decided, all of `carry` when deciding now.
    fn line_breaks(&mut self, from: usize, end: bool) {
        if let Format::Csv { lone_cr, .. } = &mut self.format {
            match lone_cr {
                Some(true) => cr_to_lf(&mut self.carry[from..]),
                Some(false) => {}
                None => {
                    *lone_cr = lines::lone_cr(&self.carry, end);
                    if *lone_cr == Some(true) {
                        cr_to_lf(&mut self.carry);
                    }
                }
            }
        }
    }

    fn keep(&mut self, read: Result<(), Error>) -> Result<(), Error> {
        if let Err(e) = &read {
            self.failed = Some(e.clone());
            self.carry = Vec::new();
        }
        read
    }

    /// Reads the whole records of `carry` (all of it at the end).
    fn read(&mut self, end: bool) -> Result<(), Error> {
        match &mut self.format {
            Format::Csv {
                options, layout, ..
            } => {
                let csv = CsvPart {
                    options,
                    layout,
                    builder: &mut self.builder,
                };
                csv.read(&mut self.carry, &mut self.lines, end)
            }
            Format::Jsonl { options, skipping } => read_jsonl(
                options,
                skipping,
                &mut self.builder,
                &mut self.carry,
                &mut self.lines,
                end,
            ),
        }
    }
}

struct CsvPart<'a> {
    options: &'a CsvOptions,
    layout: &'a mut Option<CsvLayout>,
    builder: &'a mut EventLogBuilder,
}

impl CsvPart<'_> {
    fn read(self, carry: &mut Vec<u8>, lines: &mut u64, end: bool) -> Result<(), Error> {
        let delimiter = self.options.delimiter;
        if self.layout.is_none() {
            // The header: the first record, or all there is at the end.
            let header_end = match csv_scan(carry, delimiter, true) {
                0 if end => carry.len(),
                0 => return Ok(()),
                n => n,
            };
            let head = &carry[..header_end];
            let mut hdr = reader_builder(self.options, true).from_reader(head);
            let raw = hdr.byte_headers().map_err(csv_error)?.clone();
            *self.layout = Some(layout(&raw, self.options, self.builder)?);
            *lines = bytecount(head);
            carry.drain(..header_end);
        }
        let Some(layout) = self.layout.as_ref() else {
            return Ok(());
        };
        if carry.is_empty() || (!end && carry.len() < MIN_BLOCK) {
            return Ok(());
        }
        let (block_end, quotes) = if end {
            (carry.len(), memchr(b'"', carry).is_some())
        } else {
            csv_end(carry, delimiter)
        };
        if block_end > 0 {
            *lines += read_block(
                &carry[..block_end],
                quotes,
                layout,
                self.options,
                self.builder,
                *lines,
            )?;
            carry.drain(..block_end);
        }
        Ok(())
    }
}

fn read_jsonl(
    options: &JsonlOptions,
    skipping: &mut bool,
    builder: &mut EventLogBuilder,
    carry: &mut Vec<u8>,
    lines: &mut u64,
    end: bool,
) -> Result<(), Error> {
    if *skipping {
        // The rest of a line too long to keep, up to its line break.
        match memchr(b'\n', carry) {
            Some(p) => {
                carry.drain(..=p);
                *skipping = false;
            }
            None => {
                carry.clear();
                return Ok(());
            }
        }
    }
    let block_end = if end {
        carry.len()
    } else {
        memrchr(b'\n', carry).map_or(0, |p| p + 1)
    };
    let mut body = &carry[..block_end];
    if body.last() == Some(&b'\n') {
        body = &body[..body.len() - 1];
    }
    if !body.is_empty() || block_end > 0 {
        for line in body.split(|&c| c == b'\n') {
            *lines += 1;
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            read_one_line(builder, line, *lines, options)?;
        }
    }
    carry.drain(..block_end);
    if !end && carry.len() > options.max_line_bytes {
        // A line longer than allowed: refused, and skipped to its end.
        *lines += 1;
        builder.refuse(too_long(options), Some(*lines))?;
        carry.clear();
        *skipping = true;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::read::blocks::tests::{digest, root, shop};
    use crate::analytics::OnError;

    fn pushed(mut stream: LogStream, bytes: &[u8], chunk: usize) -> Result<EventLog, Error> {
        for piece in bytes.chunks(chunk.max(1)) {
            stream.push(piece)?;
        }
        assert_eq!(stream.bytes(), bytes.len() as u64);
        stream.finish()
    }

    const CHUNKS: [usize; 9] = [1, 2, 3, 5, 17, 64, 1000, MIN_BLOCK + 1, usize::MAX];

    #[test]
    fn csv_pushed_in_any_chunks_reads_as_at_once() {
        let map = shop();
        let mut inputs = vec![
            root("tests/fixtures/events/shop.csv"),
            root("tests/fixtures/events/bad.csv"),
            root("tests/fixtures/events/missing_column.csv"),
        ];
        let shop_csv = String::from_utf8(inputs[0].clone()).unwrap();
        inputs.push(shop_csv.replace('\n', "\r\n").into_bytes());
        inputs.push(shop_csv.trim_end().as_bytes().to_vec());
        inputs.push(format!("\u{feff}{shop_csv}").into_bytes());
        inputs.push(b"customer_id,timestamp,touchpoint,note\nc1,2026-03-01T09:00:00Z,ad,\"two\nlines, \"\"quoted\"\"\"\nc1,2026-03-01T09:01:00Z,nowhere,x\n".to_vec());
        inputs.push(b"customer_id,timestamp,touchpoint".to_vec());
        inputs.push(b"customer_id,timestamp,touchpoint\n\nc1,2026-03-01T09:00:00Z,ad\n\n".to_vec());
        inputs.push(Vec::new());
        // Big enough for several blocks.
        inputs.push(shop_csv.repeat(2_000).into_bytes());
        for on_error in [OnError::Fail, OnError::Skip] {
            let options = CsvOptions::default().on_error(on_error);
            for input in &inputs {
                let want = digest(EventLog::from_csv(&input[..], &map, &options), &map);
                for chunk in CHUNKS {
                    let got = pushed(LogStream::csv(&map, options.clone()).unwrap(), input, chunk);
                    assert_eq!(digest(got, &map), want, "chunk {chunk}, {on_error:?}");
                }
            }
        }
    }

    #[test]
    fn jsonl_pushed_in_any_chunks_reads_as_at_once() {
        let map = shop();
        let mut inputs = vec![
            root("tests/fixtures/events/shop.jsonl"),
            root("tests/fixtures/events/bad.jsonl"),
        ];
        let shop_jsonl = String::from_utf8(inputs[0].clone()).unwrap();
        inputs.push(shop_jsonl.replace('\n', "\r\n").into_bytes());
        inputs.push(shop_jsonl.trim_end().as_bytes().to_vec());
        inputs.push(format!("\n\n{shop_jsonl}\n  \n").into_bytes());
        inputs.push(Vec::new());
        inputs.push(shop_jsonl.repeat(500).into_bytes());
        for on_error in [OnError::Fail, OnError::Skip] {
            for max in [usize::MAX, 40, 120] {
                let options = JsonlOptions::default()
                    .on_error(on_error)
                    .max_line_bytes(max);
                for input in &inputs {
                    let want = digest(EventLog::from_jsonl(&input[..], &map, &options), &map);
                    for chunk in CHUNKS {
                        let got = pushed(
                            LogStream::jsonl(&map, options.clone()).unwrap(),
                            input,
                            chunk,
                        );
                        assert_eq!(
                            digest(got, &map),
                            want,
                            "chunk {chunk}, max {max}, {on_error:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn a_failed_stream_keeps_failing() {
        let map = shop();
        let mut stream = LogStream::csv(&map, CsvOptions::default()).unwrap();
        let mut rows = b"customer_id,timestamp,touchpoint\nc1,soon,ad\n".to_vec();
        rows.extend(b"c1,2026-03-01T09:00:00Z,ad\n".repeat(MIN_BLOCK / 20));
        assert_eq!(
            stream.push(&rows).unwrap_err().row_error().unwrap().line,
            Some(2)
        );
        let again = stream.push(b"c1,2026-03-01T09:00:00Z,ad\n").unwrap_err();
        assert_eq!(again.code(), "BAD_TIMESTAMP");
        assert_eq!(stream.finish().unwrap_err().code(), "BAD_TIMESTAMP");
        // A header without the customer column fails once it is complete.
        let mut stream = LogStream::csv(&map, CsvOptions::default()).unwrap();
        stream.push(b"who,timestamp").unwrap();
        assert_eq!(stream.push(b"\n").unwrap_err().code(), "MISSING_COLUMN");
    }
}
