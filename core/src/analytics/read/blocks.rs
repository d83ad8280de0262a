//! Reading logs on several threads: the input is cut into blocks of whole
//! records, each block is parsed by its own builder in parallel, and the
//! builders are appended in input order, so that the log, the row numbers
//! and the first error are exactly those of a single-threaded read.
//!
//! Blocks are read a batch at a time (a few MiB per thread), so memory
//! stays bounded whatever the input size. CSV records are found with the
//! CSV quoting rules (a newline inside a quoted field does not end a
//! record); JSON Lines records end at every newline.

use std::io::Read;

use memchr::{memchr, memrchr};

use super::csv::{
    bytecount, csv_builder, csv_error, layout, read_block, reader_builder, CsvLayout,
};
use super::jsonl::io_error;
#[cfg(feature = "parallel")]
use super::jsonl::{jsonl_builder, read_one_line, too_long};
use super::lines::{cr_to_lf, lone_cr};
use super::CsvOptions;
#[cfg(feature = "parallel")]
use super::JsonlOptions;
use crate::analytics::log::EventLog;
#[cfg(feature = "parallel")]
use crate::analytics::log::EventLogBuilder;
use crate::error::Error;
use crate::JourneyMap;

/// Target size of a block: small enough that the blocks in flight (three
/// batches of two per thread) stay a small part of the memory.
const BLOCK: usize = 1 << 20;

/// A piece of input: whole records, or a JSON line too long to keep.
enum Piece {
    /// The records are `buf[..len]`; the rest of `buf` is initialized
    /// room kept for the next piece (filling it again needs no zeroing).
    /// `quotes` is false when the records are known to hold no `"`.
    Records {
        buf: Vec<u8>,
        len: usize,
        quotes: bool,
    },
    TooLong,
}

impl Piece {
    /// The records' bytes and whether they may hold quotes; `None` for a
    /// line too long to keep.
    fn records(&self) -> Option<(&[u8], bool)> {
        match self {
            Piece::Records { buf, len, quotes } => Some((&buf[..*len], *quotes)),
            Piece::TooLong => None,
        }
    }
}

/// Where the last complete record of some bytes ends (0 if none), and
/// whether the bytes hold a quote.
type EndOf = dyn Fn(&[u8]) -> (usize, bool);

/// States of the CSV record scanner (`csv_core` defaults: `"` quotes,
/// doubled to escape).
#[derive(Clone, Copy, PartialEq)]
enum Scan {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

/// Offset just after the last complete CSV record of `bytes` (0 if none),
/// and whether `bytes` holds a quote.
pub(crate) fn csv_end(bytes: &[u8], delimiter: u8) -> (usize, bool) {
    let quotes = memchr(b'"', bytes).is_some();
    let end = if quotes {
        csv_scan(bytes, delimiter, false)
    } else {
        line_end(bytes)
    };
    (end, quotes)
}

/// Offset just after the last (or, with `first`, the first) complete CSV
/// record of `bytes` (0 if none).
pub(crate) fn csv_scan(bytes: &[u8], delimiter: u8, first: bool) -> usize {
    if memchr(b'"', bytes).is_none() {
        // No quoting: records end at newlines.
        return if first {
            memchr(b'\n', bytes).map_or(0, |p| p + 1)
        } else {
            line_end(bytes)
        };
    }
    let mut state = Scan::FieldStart;
    let mut end = 0;
    for (i, &b) in bytes.iter().enumerate() {
        state = match (state, b) {
            (Scan::Quoted, b'"') => Scan::QuoteInQuoted,
            (Scan::Quoted, _) => Scan::Quoted,
            (Scan::QuoteInQuoted, b'"') => Scan::Quoted,
            (Scan::FieldStart, b'"') => Scan::Quoted,
            (_, b'\n') => {
                end = i + 1;
                if first {
                    return end;
                }
                Scan::FieldStart
            }
            (_, b) if b == delimiter => Scan::FieldStart,
            (Scan::FieldStart, b'\r') => Scan::FieldStart,
            _ => Scan::Unquoted,
        };
    }
    end
}

/// Offset just after the last newline of `bytes` (0 if none).
fn line_end(bytes: &[u8]) -> usize {
    memrchr(b'\n', bytes).map_or(0, |p| p + 1)
}

/// Cuts a stream into pieces of whole records.
struct Cutter<R> {
    reader: R,
    carry: Vec<u8>,
    eof: bool,
    /// Longest record kept (JSON Lines), if bounded.
    max_record: Option<usize>,
    /// Target block size.
    block: usize,
    /// Buffers of pieces already parsed, for reuse (no fresh pages to
    /// fault in for every block).
    pool: Vec<Vec<u8>>,
    /// Whether every `\r` read is a line break (a lone-`\r` CSV file).
    cr_to_lf: bool,
}

impl<R: Read> Cutter<R> {
    fn new(reader: R, carry: Vec<u8>, max_record: Option<usize>) -> Self {
        Cutter {
            reader,
            carry,
            eof: false,
            max_record,
            block: BLOCK,
            pool: Vec::new(),
            cr_to_lf: false,
        }
    }

    /// Reads until `buf` holds at least `want` bytes or the input ends.
    fn fill(&mut self, buf: &mut Vec<u8>, want: usize) -> Result<(), Error> {
        let mut filled = buf.len();
        let read = self.fill_into(buf, &mut filled, want);
        buf.truncate(filled);
        read
    }

    /// Reads until `buf[..filled]` holds at least `want` bytes or the input
    /// ends, into `buf`'s initialized room (grown, and zeroed, only when
    /// shorter than `want`).
    fn fill_into(
        &mut self,
        buf: &mut Vec<u8>,
        filled: &mut usize,
        want: usize,
    ) -> Result<(), Error> {
        if *filled >= want || self.eof {
            return Ok(());
        }
        if buf.len() < want {
            buf.resize(want, 0);
        }
        while *filled < want {
            match self.reader.read(&mut buf[*filled..want]) {
                Ok(0) => {
                    self.eof = true;
                    break;
                }
                Ok(n) => {
                    if self.cr_to_lf {
                        cr_to_lf(&mut buf[*filled..*filled + n]);
                    }
                    *filled += n;
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(io_error(e)),
            }
        }
        Ok(())
    }

    /// Skips input up to and including the next newline.
    fn skip_line(&mut self) -> Result<(), Error> {
        let mut buf = Vec::with_capacity(1 << 16);
        loop {
            buf.clear();
            self.fill(&mut buf, 1 << 16)?;
            if buf.is_empty() {
                return Ok(());
            }
            if let Some(p) = memchr(b'\n', &buf) {
                self.carry.clear();
                self.carry.extend_from_slice(&buf[p + 1..]);
                return Ok(());
            }
        }
    }

    /// Gives back the buffer of a parsed piece.
    fn recycle(&mut self, piece: Piece) {
        if let Piece::Records { buf, .. } = piece {
            if buf.capacity() <= 2 * self.block && self.pool.len() < 64 {
                self.pool.push(buf);
            }
        }
    }

    /// The next piece, `None` at the end of the input.
    fn next(&mut self, end_of: &EndOf) -> Result<Option<Piece>, Error> {
        // A pooled buffer is initialized up to its length: the carried
        // bytes go to its front, the input after them.
        let mut buf = self.pool.pop().unwrap_or_default();
        let mut filled = self.carry.len();
        if buf.len() < filled {
            buf.resize(filled, 0);
        }
        buf[..filled].copy_from_slice(&self.carry);
        self.carry.clear();
        let mut want = self.block.max(filled + 1);
        loop {
            self.fill_into(&mut buf, &mut filled, want)?;
            if filled == 0 {
                self.pool.push(buf);
                return Ok(None);
            }
            let (end, quotes) = end_of(&buf[..filled]);
            let end = if self.eof { filled } else { end };
            if end > 0 {
                self.carry.extend_from_slice(&buf[end..filled]);
                return Ok(Some(Piece::Records {
                    buf,
                    len: end,
                    quotes,
                }));
            }
            if let Some(max) = self.max_record {
                if filled > max {
                    // A line longer than allowed: drop it, keep its place.
                    self.skip_line()?;
                    return Ok(Some(Piece::TooLong));
                }
            }
            want = filled * 2;
        }
    }
}

#[cfg(feature = "parallel")]
/// What a worker makes of a piece: its builder (row and line numbers
/// local to the piece) and the number of lines the piece spans.
type Parsed = Result<(EventLogBuilder, u64), Error>;

#[cfg(feature = "parallel")]
/// Reads the next batch of pieces; an input error ends the batch and is
/// returned beside what was read before it.
fn read_batch<R: Read>(
    cutter: &mut Cutter<R>,
    end_of: &EndOf,
    size: usize,
) -> (Vec<Piece>, Option<Error>) {
    let mut pieces = Vec::with_capacity(size);
    while pieces.len() < size {
        match cutter.next(end_of) {
            Ok(Some(p)) => pieces.push(p),
            Ok(None) => break,
            Err(e) => return (pieces, Some(e)),
        }
    }
    (pieces, None)
}

#[cfg(feature = "parallel")]
/// Appends parsed pieces in order; `lines` counts the lines before them.
fn append_all(
    main: &mut EventLogBuilder,
    lines: &mut u64,
    parsed: Vec<Parsed>,
) -> Result<(), Error> {
    for p in parsed {
        match p {
            Ok((b, n)) => {
                main.append(b, *lines)?;
                *lines += n;
            }
            Err(e) => return Err(shift(e, main.rows(), *lines)),
        }
    }
    Ok(())
}

#[cfg(feature = "parallel")]
/// Runs a pipeline over batches of pieces: while the pool parses batch
/// k + 1, this thread appends batch k in order into `main` and reads batch
/// k + 2 (the reader never leaves this thread). `lines` is the number of
/// lines before the first piece.
fn run<R: Read>(
    cutter: &mut Cutter<R>,
    end_of: &EndOf,
    main: &mut EventLogBuilder,
    mut lines: u64,
    parse: impl Fn(&Piece, EventLogBuilder) -> Parsed + Sync,
) -> Result<(), Error> {
    let size = rayon::current_num_threads().max(1) * 2;
    let proto = main.empty_like();
    let (mut to_parse, mut read_error) = read_batch(cutter, end_of, size);
    let mut parsed: Vec<Parsed> = Vec::new();
    loop {
        if to_parse.is_empty() && parsed.is_empty() {
            return read_error.map_or(Ok(()), Err);
        }
        let pieces = std::mem::take(&mut to_parse);
        let ready = std::mem::take(&mut parsed);
        let mut slots: Vec<Option<Parsed>> = (0..pieces.len()).map(|_| None).collect();
        let (parse, proto) = (&parse, &proto);
        let appended = rayon::in_place_scope(|scope| {
            for (slot, piece) in slots.iter_mut().zip(&pieces) {
                scope.spawn(move |_| *slot = Some(parse(piece, proto.empty_like())));
            }
            let appended = append_all(main, &mut lines, ready);
            if appended.is_ok() && read_error.is_none() {
                let (next, error) = read_batch(cutter, end_of, size);
                to_parse = next;
                read_error = error;
            }
            appended
        });
        appended?;
        for piece in pieces {
            cutter.recycle(piece);
        }
        // Every spawned task has filled its slot when the scope ends.
        parsed = slots.into_iter().flatten().collect();
    }
}

#[cfg(feature = "parallel")]
/// Shifts the row and line numbers of a row error found in a later piece.
fn shift(e: Error, rows: u64, lines: u64) -> Error {
    match e {
        Error::EventRow(mut row) => {
            row.row += rows;
            row.line = row.line.map(|l| l + lines);
            Error::EventRow(row)
        }
        other => other,
    }
}

/// Reads CSV in blocks: on all threads with the `parallel` feature, else
/// on this one (the same log, rows, errors and lines either way).
pub(crate) fn read_csv<R: Read>(
    reader: R,
    map: &JourneyMap,
    options: &CsvOptions,
) -> Result<EventLog, Error> {
    options.check()?;
    csv_blocks(reader, map, options, BLOCK)
}

fn csv_blocks<R: Read>(
    mut reader: R,
    map: &JourneyMap,
    options: &CsvOptions,
    block: usize,
) -> Result<EventLog, Error> {
    let delimiter = options.delimiter;
    let end_of = move |b: &[u8]| csv_end(b, delimiter);
    // The header: the first record.
    let mut cutter = Cutter::new(&mut reader, Vec::new(), None);
    let mut head = Vec::new();
    let mut want = 1 << 16;
    let mut lone = None;
    let header_end = loop {
        cutter.fill(&mut head, want)?;
        if lone.is_none() {
            lone = lone_cr(&head, cutter.eof);
            if lone == Some(true) {
                cr_to_lf(&mut head);
                cutter.cr_to_lf = true;
            }
        }
        let end = csv_scan(&head, delimiter, true);
        if end > 0 || cutter.eof {
            break if end > 0 { end } else { head.len() };
        }
        want = head.len() * 2;
    };
    let rest = head.split_off(header_end);
    let mut hdr = reader_builder(options, true).from_reader(&head[..]);
    let raw = hdr.byte_headers().map_err(csv_error)?.clone();
    let mut main = csv_builder(map, options);
    let layout: CsvLayout = layout(&raw, options, &main)?;
    let eof = cutter.eof;
    let mut cutter = Cutter::new(&mut reader, rest, None);
    cutter.eof = eof;
    cutter.block = block;
    cutter.cr_to_lf = lone == Some(true);
    #[cfg(feature = "parallel")]
    run(
        &mut cutter,
        &end_of,
        &mut main,
        bytecount(&head),
        |piece, mut b| {
            let mut lines = 0;
            if let Some((bytes, quotes)) = piece.records() {
                // Room for rows of 32 bytes or more (no count of the lines).
                b.reserve(bytes.len() / 32 + 1);
                lines = read_block(bytes, quotes, &layout, options, &mut b, 0)?;
            }
            Ok((b, lines))
        },
    )?;
    #[cfg(not(feature = "parallel"))]
    {
        let mut lines = bytecount(&head);
        while let Some(piece) = cutter.next(&end_of)? {
            if let Some((bytes, quotes)) = piece.records() {
                lines += read_block(bytes, quotes, &layout, options, &mut main, lines)?;
            }
            cutter.recycle(piece);
        }
    }
    // The block buffers are not needed while the log is sorted.
    drop(cutter);
    main.finish()
}

#[cfg(feature = "parallel")]
/// Reads JSON Lines on all threads.
pub(crate) fn jsonl_parallel<R: Read>(
    reader: R,
    map: &JourneyMap,
    options: &JsonlOptions,
) -> Result<EventLog, Error> {
    jsonl_blocks(reader, map, options, BLOCK)
}

#[cfg(feature = "parallel")]
fn jsonl_blocks<R: Read>(
    reader: R,
    map: &JourneyMap,
    options: &JsonlOptions,
    block: usize,
) -> Result<EventLog, Error> {
    let mut main = jsonl_builder(map, options)?;
    let mut cutter = Cutter::new(reader, Vec::new(), Some(options.max_line_bytes));
    cutter.block = block;
    run(
        &mut cutter,
        &|b| (line_end(b), true),
        &mut main,
        0,
        |piece, mut b| {
            let lines = match piece.records() {
                None => {
                    b.refuse(too_long(options), Some(1))?;
                    1
                }
                Some((bytes, _)) => {
                    let mut body = bytes;
                    if body.last() == Some(&b'\n') {
                        body = &body[..body.len() - 1];
                    }
                    for (i, line) in body.split(|&c| c == b'\n').enumerate() {
                        let line = line.strip_suffix(b"\r").unwrap_or(line);
                        read_one_line(&mut b, line, 1 + i as u64, options)?;
                    }
                    bytecount(bytes)
                }
            };
            Ok((b, lines))
        },
    )?;
    drop(cutter);
    main.finish()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::analytics::read::csv::read_csv_sequential;
    #[cfg(feature = "parallel")]
    use crate::analytics::read::jsonl::read_jsonl_sequential;
    use crate::analytics::{analyze, OnError, ReportOptions};

    /// The map of the shared event fixtures.
    pub(crate) fn shop() -> JourneyMap {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/events/shop.json"
        );
        JourneyMap::from_path(path).unwrap()
    }

    /// Everything observable of a log read (or its error): journeys,
    /// ingest stats and the default report.
    pub(crate) fn digest(r: Result<EventLog, Error>, map: &JourneyMap) -> String {
        match r {
            Err(e) => serde_json::to_string(&e).unwrap(),
            Ok(log) => {
                let journeys: Vec<_> = log
                    .customer_ids()
                    .map(|c| (c.to_owned(), log.journey(c).unwrap()))
                    .collect();
                let report = analyze(map, &log, &ReportOptions::default()).unwrap();
                format!(
                    "{}|{}|{}",
                    serde_json::to_string(&journeys).unwrap(),
                    serde_json::to_string(log.stats()).unwrap(),
                    serde_json::to_string(&report).unwrap()
                )
            }
        }
    }

    /// The bytes of a file, by its path from the repository root.
    pub(crate) fn root(path: &str) -> Vec<u8> {
        std::fs::read(format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn blocks_read_exactly_like_one_thread() {
        let map = shop();
        let mut csv_inputs = vec![
            root("tests/fixtures/events/shop.csv"),
            root("tests/fixtures/events/bad.csv"),
            root("tests/fixtures/events/missing_column.csv"),
            b"customer_id,timestamp,touchpoint,event,path\r\n\"c\n1\",1772357400000,,page_view,\"/product/\"\"x\"\"\"\r\nc2,1772357400005,ad,,\nc3,1772357400006,ad".to_vec(),
            b"customer_id,timestamp,touchpoint\n\"unterminated,1772357400000,ad\nc1,1772357400001,ad\n".to_vec(),
            Vec::new(),
        ];
        csv_inputs.push(root("tests/fixtures/events/shop.csv").repeat(3));
        for input in &csv_inputs {
            for policy in [OnError::Fail, OnError::Skip] {
                let options = CsvOptions::default().on_error(policy);
                let expected = digest(read_csv_sequential(&input[..], &map, &options), &map);
                for block in [1, 7, 64, 300, 1 << 20] {
                    let got = digest(csv_blocks(&input[..], &map, &options, block), &map);
                    assert!(
                        got == expected,
                        "csv block {block}, {policy:?}, input {:?}\n got {}\nwant {}",
                        String::from_utf8_lossy(input),
                        &got[..got.len().min(300)],
                        &expected[..expected.len().min(300)]
                    );
                }
            }
        }
        #[cfg(feature = "parallel")]
        jsonl_like_one_thread(&map);
    }

    #[cfg(feature = "parallel")]
    fn jsonl_like_one_thread(map: &JourneyMap) {
        let mut long = root("tests/fixtures/events/bad.jsonl");
        long.extend(
            format!(
                "{{\"customer_id\": \"c8\", \"timestamp\": 0, \"event\": \"{}\"}}\n",
                "x".repeat(500)
            )
            .bytes(),
        );
        long.extend(b"{\"customer_id\": \"c9\", \"timestamp\": 0, \"touchpoint\": \"ad\"}");
        let jsonl_inputs = vec![
            root("tests/fixtures/events/shop.jsonl"),
            root("tests/fixtures/events/bad.jsonl"),
            long,
            b"\n\n".to_vec(),
            Vec::new(),
        ];
        for input in &jsonl_inputs {
            for policy in [OnError::Fail, OnError::Skip] {
                let options = JsonlOptions::default().on_error(policy).max_line_bytes(200);
                let expected = digest(read_jsonl_sequential(&input[..], map, &options), map);
                for block in [1, 7, 64, 300, 1 << 20] {
                    let got = digest(jsonl_blocks(&input[..], map, &options, block), map);
                    assert!(
                        got == expected,
                        "jsonl block {block}, {policy:?}, input {:?}\n got {}\nwant {}",
                        String::from_utf8_lossy(input),
                        &got[..got.len().min(300)],
                        &expected[..expected.len().min(300)]
                    );
                }
            }
        }
    }

    #[test]
    fn csv_records_end_outside_quotes() {
        assert_eq!(csv_end(b"a,b\nc,d\ne", b','), (8, false));
        assert_eq!(csv_end(b"a,\"b\nc\",d\ne", b','), (10, true));
        assert_eq!(csv_end(b"a,\"b\"\"\n\",d", b','), (0, true));
        assert_eq!(csv_end(b"5\" tv,x\nnext", b','), (8, true));
        assert_eq!(csv_end(b"a;\"x\ny\";b\r\n", b';'), (11, true));
        assert_eq!(line_end(b"{}\n{}\n{"), 6);
        assert_eq!(csv_scan(b"a,\"b\nc\"\nd\ne\n", b',', true), 8);
    }
}
