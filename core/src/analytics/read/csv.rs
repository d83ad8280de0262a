//! Reading an event log from CSV (header-driven, streaming).

use std::io::Read;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::columns::{parse_number, Field, FieldNames};
use super::ingest::OnError;
use super::time::{TimeReader, TimeSpec, TimeUnit, TimestampFormat};
use super::zone::Timezone;
use crate::analytics::log::{Event, EventLogBuilder};
use crate::error::quoted;
use crate::error::Error;
use crate::error::{RowError, RowErrorKind};
use crate::JourneyMap;

/// Options of the CSV reader.
///
/// The first row is the header. `customer_id` and `timestamp` columns are
/// required, and a `touchpoint`, `event` or `channel` column; names are
/// configurable ([`FieldNames`]). Other columns are raw attributes for the
/// `match` rules. Empty cells are absent values.
///
/// ```
/// use journeymap::analytics::{CsvOptions, OnError};
/// let options = CsvOptions::default().customer_column("user").delimiter(b';').on_error(OnError::Skip);
/// assert_eq!(options.fields.customer, "user");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct CsvOptions {
    /// Column names.
    pub fields: FieldNames,
    /// Field delimiter (default `,`).
    pub delimiter: u8,
    /// How timestamps are written.
    pub timestamp_format: TimestampFormat,
    /// The unit of integer timestamps (`None`: milliseconds, and only
    /// between 1980 and 2099; see [`TimeSpec`]).
    pub timestamp_unit: Option<TimeUnit>,
    /// The zone of date-times written without an offset (default UTC).
    pub timezone: Timezone,
    /// What to do with a bad row.
    /// Written `on_bad_row` (as the CLI, Python and JS name it; `on_error`
    /// is read too).
    #[serde(rename = "on_bad_row", alias = "on_error")]
    pub on_error: OnError,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            fields: FieldNames::default(),
            delimiter: b',',
            timestamp_format: TimestampFormat::Auto,
            timestamp_unit: None,
            timezone: Timezone::UTC,
            on_error: OnError::Fail,
        }
    }
}

impl CsvOptions {
    /// Sets the customer id column name.
    ///
    /// ```
    /// # use journeymap::analytics::CsvOptions;
    /// assert_eq!(CsvOptions::default().customer_column("user").fields.customer, "user");
    /// ```
    pub fn customer_column(mut self, name: impl Into<String>) -> Self {
        self.fields.customer = name.into();
        self
    }

    /// Sets the timestamp column name.
    ///
    /// ```
    /// # use journeymap::analytics::CsvOptions;
    /// assert_eq!(CsvOptions::default().timestamp_column("at").fields.timestamp, "at");
    /// ```
    pub fn timestamp_column(mut self, name: impl Into<String>) -> Self {
        self.fields.timestamp = name.into();
        self
    }

    /// Sets all column names.
    ///
    /// ```
    /// # use journeymap::analytics::{CsvOptions, FieldNames};
    /// let names = FieldNames { event: "action".into(), ..FieldNames::default() };
    /// assert_eq!(CsvOptions::default().fields(names).fields.event, "action");
    /// ```
    pub fn fields(mut self, fields: FieldNames) -> Self {
        self.fields = fields;
        self
    }

    /// Sets the delimiter.
    ///
    /// ```
    /// # use journeymap::analytics::CsvOptions;
    /// assert_eq!(CsvOptions::default().delimiter(b'\t').delimiter, b'\t');
    /// ```
    pub fn delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// Sets the timestamp format.
    ///
    /// ```
    /// # use journeymap::analytics::{CsvOptions, TimestampFormat};
    /// let options = CsvOptions::default().timestamp_format(TimestampFormat::EpochMillis);
    /// assert_eq!(options.timestamp_format, TimestampFormat::EpochMillis);
    /// ```
    pub fn timestamp_format(mut self, format: TimestampFormat) -> Self {
        self.timestamp_format = format;
        self
    }

    /// Sets the unit of integer timestamps.
    ///
    /// ```
    /// # use journeymap::analytics::{CsvOptions, TimeUnit};
    /// let options = CsvOptions::default().timestamp_unit(TimeUnit::Seconds);
    /// assert_eq!(options.time_spec().unit, Some(TimeUnit::Seconds));
    /// ```
    pub fn timestamp_unit(mut self, unit: TimeUnit) -> Self {
        self.timestamp_unit = Some(unit);
        self
    }

    /// Sets the zone of date-times written without an offset.
    ///
    /// ```
    /// # use journeymap::analytics::{CsvOptions, Timezone};
    /// let options = CsvOptions::default().timezone("+01:00".parse::<Timezone>().unwrap());
    /// assert_eq!(options.time_spec().timezone.offset_minutes(), Some(60));
    /// ```
    pub fn timezone(mut self, zone: Timezone) -> Self {
        self.timezone = zone;
        self
    }

    /// How timestamps are read: format, unit and zone together.
    ///
    /// ```
    /// # use journeymap::analytics::{CsvOptions, TimestampFormat};
    /// assert_eq!(CsvOptions::default().time_spec().format, TimestampFormat::Auto);
    /// ```
    pub fn time_spec(&self) -> TimeSpec {
        TimeSpec {
            format: self.timestamp_format.clone(),
            unit: self.timestamp_unit,
            timezone: self.timezone.clone(),
        }
    }

    /// Sets the bad-row policy.
    ///
    /// ```
    /// # use journeymap::analytics::{CsvOptions, OnError};
    /// assert_eq!(CsvOptions::default().on_error(OnError::Skip).on_error, OnError::Skip);
    /// ```
    pub fn on_error(mut self, policy: OnError) -> Self {
        self.on_error = policy;
        self
    }

    /// Checks the options a reader cannot work with: the delimiter must be
    /// one ASCII character other than a quote or a line break
    /// (`INVALID_VALUE` at `/delimiter`). [`EventLog::from_csv`] checks
    /// them before reading.
    ///
    /// ```
    /// # use journeymap::analytics::CsvOptions;
    /// assert!(CsvOptions::default().delimiter(b';').check().is_ok());
    /// let err = CsvOptions::default().delimiter(b'"').check().unwrap_err();
    /// assert_eq!((err.code(), err.path()), ("INVALID_VALUE", Some("/delimiter")));
    /// assert!(CsvOptions::default().delimiter(0xe9).check().is_err());
    /// ```
    pub fn check(&self) -> Result<(), Error> {
        self.time_spec().check()?;
        let d = self.delimiter;
        if d.is_ascii() && !matches!(d, b'"' | b'\n' | b'\r') {
            return Ok(());
        }
        Err(Error::InvalidValue {
            id: None,
            path: "/delimiter".into(),
            message: format!(
                "the delimiter must be one ASCII character other than a quote or a line break, not byte {d:#04x}"
            ),
        })
    }
}

/// What the header says: names, known columns, attribute columns by rule slot.
#[derive(Clone, Debug)]
pub(crate) struct CsvLayout {
    pub(crate) headers: Vec<String>,
    index: [Option<usize>; 8],
    slot_columns: Vec<Option<usize>>,
}

/// The CSV reader settings for data rows.
pub(crate) fn reader_builder(options: &CsvOptions, headers: bool) -> csv::ReaderBuilder {
    let mut b = csv::ReaderBuilder::new();
    b.delimiter(options.delimiter)
        .flexible(true)
        .has_headers(headers);
    b
}

/// Checks the header and locates the columns.
pub(crate) fn layout(
    raw: &csv::ByteRecord,
    options: &CsvOptions,
    builder: &EventLogBuilder,
) -> Result<CsvLayout, Error> {
    let headers: Vec<String> = raw
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let name = String::from_utf8_lossy(f).into_owned();
            if i == 0 {
                name.trim_start_matches('\u{feff}').to_owned()
            } else {
                name
            }
        })
        .collect();
    let fields = &options.fields;
    // Errors of the header are on its line.
    fields.check_columns(&headers).map_err(|e| match e {
        Error::EventRow(mut row) => {
            row.line = Some(1);
            Error::EventRow(row)
        }
        other => other,
    })?;
    let mut index: [Option<usize>; 8] = [None; 8];
    let mut attribute_columns = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        match fields.field(h) {
            Some(f) => index[f as usize] = Some(i),
            None => attribute_columns.push((h.clone(), i)),
        }
    }
    // For each attribute slot of the rules, its column (if any).
    let slot_columns = builder
        .attribute_keys()
        .iter()
        .map(|k| {
            attribute_columns
                .iter()
                .find(|(h, _)| h == k)
                .map(|(_, i)| *i)
        })
        .collect();
    Ok(CsvLayout {
        headers,
        index,
        slot_columns,
    })
}

/// A builder for the rows of a CSV log.
pub(crate) fn csv_builder(map: &JourneyMap, options: &CsvOptions) -> EventLogBuilder {
    EventLogBuilder::new(map)
        .on_error(options.on_error)
        .field_names(&options.fields)
}

/// Reads the whole input with the `csv` reader, as one stream (the
/// reference the block readers are tested against).
#[cfg(test)]
pub(crate) fn read_csv_sequential<R: Read>(
    mut reader: R,
    map: &JourneyMap,
    options: &CsvOptions,
) -> Result<crate::analytics::EventLog, Error> {
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(super::jsonl::io_error)?;
    if super::lines::lone_cr(&bytes, true) == Some(true) {
        super::lines::cr_to_lf(&mut bytes);
    }
    let mut rdr = reader_builder(options, true).from_reader(&bytes[..]);
    let raw = rdr.byte_headers().map_err(csv_error)?.clone();
    let header_end = usize::try_from(rdr.position().byte()).unwrap_or(bytes.len());
    let mut b = csv_builder(map, options);
    let layout = layout(&raw, options, &b)?;
    let body = &bytes[header_end.min(bytes.len())..];
    let mut rdr = reader_builder(options, false).from_reader(body);
    read_records(
        &mut rdr,
        body,
        &layout,
        options,
        &mut b,
        bytecount(&bytes[..bytes.len() - body.len()]),
    )?;
    b.finish()
}

/// Reads the data rows of `rdr`, a reader over `bytes`, into `b`; lines
/// are counted from the bytes (see [`Lines`]) and shifted by `line_offset`.
pub(crate) fn read_records<R: Read>(
    rdr: &mut csv::Reader<R>,
    bytes: &[u8],
    layout: &CsvLayout,
    options: &CsvOptions,
    b: &mut EventLogBuilder,
    line_offset: u64,
) -> Result<(), Error> {
    let headers = &layout.headers;
    let mut rec = csv::StringRecord::new();
    let mut times = TimeReader::new(options.time_spec());
    let mut lines = Lines::new(bytes);
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(e) => {
                let line = e.position().map(|p| lines.at(p.byte()) + line_offset);
                let error = match e.kind() {
                    csv::ErrorKind::Io(_) => return Err(csv_error(e)),
                    csv::ErrorKind::Utf8 { err, .. } => {
                        let column = headers.get(err.field()).map(String::as_str);
                        RowError::new(
                            RowErrorKind::BadEncoding,
                            column,
                            format!("the field is not valid UTF-8 ({err})"),
                        )
                    }
                    _ => RowError::new(RowErrorKind::FieldCount, None, e.to_string()),
                };
                b.refuse(error, line)?;
                continue;
            }
        }
        let line = rec.position().map(|p| lines.at(p.byte()) + line_offset);
        let rec = &rec;
        push_record(b, layout, options, &mut times, rec.len(), |i| &rec[i], line)?;
    }
}

/// The 1-based line of a record from the byte offset the `csv` reader
/// gives for it: one plus the `\n`s before its first byte (the offset may
/// point at the line breaks of blank lines before the record, which are
/// skipped). Offsets come in increasing order, so each byte is counted once.
struct Lines<'a> {
    bytes: &'a [u8],
    counted_to: usize,
    newlines: u64,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Lines {
            bytes,
            counted_to: 0,
            newlines: 0,
        }
    }

    fn at(&mut self, byte: u64) -> u64 {
        let mut at = usize::try_from(byte).map_or(self.bytes.len(), |b| b.min(self.bytes.len()));
        while at < self.bytes.len() && matches!(self.bytes[at], b'\n' | b'\r') {
            at += 1;
        }
        if at >= self.counted_to {
            self.newlines += bytecount(&self.bytes[self.counted_to..at]);
            self.counted_to = at;
        } else {
            // Not expected (offsets only grow): count from the start.
            self.newlines = bytecount(&self.bytes[..at]);
            self.counted_to = at;
        }
        self.newlines + 1
    }
}

/// Checks and adds one record of `len` fields (`field(i)` is field `i`).
fn push_record<'r>(
    b: &mut EventLogBuilder,
    layout: &CsvLayout,
    options: &CsvOptions,
    times: &mut TimeReader,
    len: usize,
    field: impl Fn(usize) -> &'r str,
    line: Option<u64>,
) -> Result<(), Error> {
    let headers = &layout.headers;
    if len != headers.len() {
        return b.refuse(
            RowError::new(
                RowErrorKind::FieldCount,
                None,
                format!("the row has {len} fields, the header {}", headers.len()),
            ),
            line,
        );
    }
    match parse_row(&field, &layout.index, options, times) {
        Ok(event) => b.push_with(&event, line, |slot| {
            layout.slot_columns[slot]
                .map(&field)
                .filter(|v| !v.is_empty())
        }),
        Err(e) => b.refuse(e, line),
    }
}

/// Number of newlines in `bytes`.
pub(crate) fn bytecount(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

/// Whether `bytes` can be read by splitting lines and fields: no quote, no
/// carriage return other than before a newline, an ASCII delimiter, valid
/// UTF-8, no leading byte order mark. The CSV rules then reduce to: records end at `\n` (a `\r` before
/// it is dropped), empty lines are not records, fields end at delimiters.
/// `quotes` false says the bytes are known to hold no `"`.
fn plain_text(bytes: &[u8], delimiter: u8, quotes: bool) -> Option<&str> {
    if !delimiter.is_ascii()
        || matches!(delimiter, b'"' | b'\n' | b'\r')
        || bytes.starts_with(b"\xef\xbb\xbf") // a byte order mark, which `csv` drops
        || (quotes && memchr::memchr(b'"', bytes).is_some())
    {
        return None;
    }
    if memchr::memchr_iter(b'\r', bytes).any(|i| bytes.get(i + 1) != Some(&b'\n')) {
        return None;
    }
    std::str::from_utf8(bytes).ok()
}

/// The high bit of every zero byte of `v` (exactly: no false positives).
fn zero_bytes(v: u64) -> u64 {
    const HIGH7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((v & HIGH7) + HIGH7) | v | HIGH7)
}

/// Reads a block of whole data records (its lines numbered from 1) into
/// `b`; returns the number of newlines in the block. Plain text (see
/// [`plain_text`]) is split in place, validated as UTF-8 once; anything
/// else goes through the `csv` reader. Both give the same rows, errors and
/// lines. `quotes` false says the block is known to hold no `"`.
pub(crate) fn read_block(
    bytes: &[u8],
    quotes: bool,
    layout: &CsvLayout,
    options: &CsvOptions,
    b: &mut EventLogBuilder,
    line_offset: u64,
) -> Result<u64, Error> {
    match plain_text(bytes, options.delimiter, quotes) {
        Some(text) => read_plain(text, layout, options, b, line_offset),
        None => read_quoted(bytes, layout, options, b, line_offset),
    }
}

/// [`read_block`] through the `csv` reader.
fn read_quoted(
    bytes: &[u8],
    layout: &CsvLayout,
    options: &CsvOptions,
    b: &mut EventLogBuilder,
    line_offset: u64,
) -> Result<u64, Error> {
    let mut rdr = reader_builder(options, false).from_reader(bytes);
    read_records(&mut rdr, bytes, layout, options, b, line_offset)?;
    Ok(bytecount(bytes))
}

/// [`read_block`] of plain text.
fn read_plain(
    text: &str,
    layout: &CsvLayout,
    options: &CsvOptions,
    b: &mut EventLogBuilder,
    line_offset: u64,
) -> Result<u64, Error> {
    let bytes = text.as_bytes();
    let delimiter = options.delimiter;
    // Ends of the fields of the current record (delimiter or newline positions).
    let mut ends: Vec<usize> = Vec::with_capacity(layout.headers.len());
    let mut fields: Vec<&str> = Vec::with_capacity(layout.headers.len());
    let mut line = 0u64;
    let mut start = 0;
    let mut times = TimeReader::new(options.time_spec());
    let mut record = |start: usize, ends: &[usize], end_line: u64| -> Result<(), Error> {
        // `ends` is not empty: it holds at least the end of the record.
        let last = ends.len() - 1;
        let mut end = ends[last];
        let crlf = end > start && bytes[end - 1] == b'\r';
        if crlf {
            end -= 1;
        }
        if end == start && last == 0 {
            return Ok(()); // an empty line is not a record
        }
        fields.clear();
        let mut from = start;
        for &e in &ends[..last] {
            // Every bound is next to an ASCII byte: a character boundary.
            fields.push(&text[from..e]);
            from = e + 1;
        }
        fields.push(&text[from..end]);
        let fields = &fields;
        // A record of plain text is one line: the line its `\n` ends.
        let line = Some(end_line + line_offset);
        push_record(
            b,
            layout,
            options,
            &mut times,
            fields.len(),
            |i| fields[i],
            line,
        )
    };
    let mut at = |i: usize| -> Result<(), Error> {
        ends.push(i);
        if bytes[i] == b'\n' {
            line += 1;
            record(start, &ends, line)?;
            ends.clear();
            start = i + 1;
        }
        Ok(())
    };
    // Eight bytes at a time: the delimiters and newlines of a word are the
    // zero bytes of the word xor each of them repeated.
    const LOW: u64 = 0x0101_0101_0101_0101;
    let (delimiters, newlines) = (u64::from(delimiter) * LOW, u64::from(b'\n') * LOW);
    let words = bytes.chunks_exact(8);
    let tail = words.remainder();
    for (k, word) in words.enumerate() {
        // `chunks_exact(8)` gives 8 bytes.
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        let mut found = zero_bytes(w ^ delimiters) | zero_bytes(w ^ newlines);
        while found != 0 {
            at(k * 8 + (found.trailing_zeros() / 8) as usize)?;
            found &= found - 1;
        }
    }
    let from = bytes.len() - tail.len();
    for (i, &c) in tail.iter().enumerate() {
        if c == delimiter || c == b'\n' {
            at(from + i)?;
        }
    }
    if start < bytes.len() {
        ends.push(bytes.len());
        record(start, &ends, line + 1)?;
    }
    Ok(line)
}

pub(crate) fn csv_error(e: csv::Error) -> Error {
    Error::csv("<reader>", e)
}

fn parse_row<'r>(
    field: &impl Fn(usize) -> &'r str,
    index: &[Option<usize>; 8],
    options: &CsvOptions,
    times: &mut TimeReader,
) -> Result<Event<'r>, RowError> {
    let get =
        |f: Field| -> Option<&'r str> { index[f as usize].map(field).filter(|s| !s.is_empty()) };
    let col = |f: Field| options.fields.name(f);
    // Required columns exist (checked on the header).
    let customer = get(Field::Customer).unwrap_or("");
    let ts_text = get(Field::Timestamp).ok_or_else(|| {
        RowError::new(
            RowErrorKind::BadTimestamp,
            Some(col(Field::Timestamp)),
            "the timestamp is empty",
        )
    })?;
    let timestamp_ms = times.parse(ts_text).ok_or_else(|| {
        RowError::new(
            RowErrorKind::BadTimestamp,
            Some(col(Field::Timestamp)),
            times.spec().refusal(ts_text),
        )
    })?;
    let number = |f: Field| -> Result<Option<f64>, RowError> {
        match get(f) {
            Some(t) => parse_number(t).map_err(|()| {
                RowError::new(
                    RowErrorKind::BadNumber,
                    Some(col(f)),
                    format!("{} {} is not a number", col(f), quoted(t)),
                )
            }),
            None => Ok(None),
        }
    };
    Ok(Event {
        customer,
        timestamp_ms,
        touchpoint: get(Field::Touchpoint),
        event: get(Field::Event),
        channel: get(Field::Channel),
        attributes: &[],
        value: number(Field::Value)?,
        score: number(Field::Score)?,
        segment: get(Field::Segment),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analytics::read::blocks::tests::{digest as blocks_digest, shop};
    use proptest::prelude::*;

    /// Everything observable of reading a block (or its error).
    fn digest(
        map: &JourneyMap,
        options: &CsvOptions,
        read: impl Fn(&CsvLayout, &mut EventLogBuilder) -> Result<u64, Error>,
    ) -> String {
        let header = "customer_id,timestamp,touchpoint,event,path,value,segment";
        let raw = csv::ByteRecord::from(header.split(',').collect::<Vec<_>>());
        let mut b = csv_builder(map, options);
        let layout = layout(&raw, options, &b).unwrap();
        match read(&layout, &mut b) {
            Err(e) => serde_json::to_string(&e).unwrap(),
            Ok(lines) => format!("{lines}|{}", blocks_digest(Ok(b.build()), map)),
        }
    }

    const PIECES: &[&str] = &[
        "c1",
        "c2",
        "é",
        ",",
        ",",
        ",",
        "\n",
        "\n",
        "\r\n",
        "",
        " ",
        "ad",
        "page_view",
        "/product/1",
        "2026-03-01T09:00:00Z",
        "1772355600000",
        "x",
        "3.5",
        "-",
        "\u{feff}",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Splitting plain text in place reads exactly like the `csv`
        /// reader: rows, skipped rows, errors, lines.
        #[test]
        fn plain_text_reads_like_the_csv_reader(
            parts in proptest::collection::vec(0..PIECES.len(), 0..80),
            fail in any::<bool>(),
        ) {
            let text: String = parts.iter().map(|&i| PIECES[i]).collect();
            let map = shop();
            let policy = if fail { OnError::Fail } else { OnError::Skip };
            let options = CsvOptions::default().on_error(policy);
            if plain_text(text.as_bytes(), b',', true).is_none() {
                return Ok(()); // read by the `csv` reader anyway
            }
            let plain = digest(&map, &options, |l, b| read_plain(&text, l, &options, b, 0));
            let quoted = digest(&map, &options, |l, b| read_quoted(text.as_bytes(), l, &options, b, 0));
            prop_assert_eq!(plain, quoted, "{:?}", text);
        }
    }

    #[test]
    fn newlines_are_counted() {
        for text in [
            "",
            "\n",
            "a\nb",
            "abcdefgh\n\n\n\nijklmnop\n",
            "\n\n\n\n\n\n\n\n\n",
        ] {
            let want = text.matches('\n').count() as u64;
            assert_eq!(bytecount(text.as_bytes()), want, "{text:?}");
        }
    }

    #[test]
    fn plain_text_needs_no_quote_lone_cr_or_bad_utf8() {
        assert!(plain_text(b"a,b\r\nc,d\n", b',', true).is_some());
        assert!(plain_text(b"a,b\rc,d\n", b',', true).is_none());
        assert!(plain_text(b"a,b\r", b',', true).is_none());
        assert!(plain_text(b"a,\"b\"\n", b',', true).is_none());
        assert!(plain_text(b"a,\xff\n", b',', true).is_none());
        assert!(plain_text(b"a\xa7b\n", 0xa7, true).is_none());
        assert!(plain_text(b"a;b\n", b';', true).is_some());
    }
}
