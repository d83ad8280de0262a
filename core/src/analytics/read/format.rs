//! The formats of event-log files, and the one table that tells them by
//! file name: [`InputFormat`].

use std::fmt;
use std::io::Read;
use std::path::Path;

use crate::analytics::{CsvOptions, EventLog, JsonlOptions, LogStream};
use crate::error::Error;
use crate::parse::parse_part;
use crate::JourneyMap;

/// The format of an event-log file.
///
/// ```
/// use journeymap::analytics::InputFormat;
/// assert_eq!(InputFormat::from_path("exports/events.TSV").unwrap(), InputFormat::Tsv);
/// assert_eq!(InputFormat::from_path("events.tab").unwrap(), InputFormat::Tsv);
/// assert_eq!("jsonl".parse::<InputFormat>().unwrap(), InputFormat::Jsonl);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row (CSV with a tab delimiter).
    Tsv,
    /// JSON Lines: one JSON object per line.
    Jsonl,
}

impl InputFormat {
    /// Every file extension journeymap reads as an event log, lower case,
    /// and its format: the CLI, Python and the npm package all tell a
    /// file's format from this table. (`.json` is not in it: a `.json`
    /// file is usually one JSON document, not JSON Lines.)
    ///
    /// ```
    /// use journeymap::analytics::InputFormat;
    /// assert!(InputFormat::EXTENSIONS.contains(&("ndjson", InputFormat::Jsonl)));
    /// ```
    pub const EXTENSIONS: &'static [(&'static str, InputFormat)] = &[
        ("csv", InputFormat::Csv),
        ("tsv", InputFormat::Tsv),
        ("tab", InputFormat::Tsv),
        ("jsonl", InputFormat::Jsonl),
        ("ndjson", InputFormat::Jsonl),
    ];

    /// The format of a file by its extension, in any letter case. Another
    /// extension, or none, is an `INVALID_VALUE` error (path
    /// `/input_format`) naming the extensions read and saying to give the
    /// format instead.
    ///
    /// ```
    /// use journeymap::analytics::InputFormat;
    /// assert_eq!(InputFormat::from_path("a/b/events.NDJSON").unwrap(), InputFormat::Jsonl);
    /// let err = InputFormat::from_path("events.xlsx").unwrap_err();
    /// assert_eq!((err.code(), err.path()), ("INVALID_VALUE", Some("/input_format")));
    /// assert!(err.to_string().contains(".csv, .tsv, .tab, .jsonl or .ndjson"));
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<InputFormat, Error> {
        let path = path.as_ref();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        Self::EXTENSIONS
            .iter()
            .find(|(e, _)| Some(*e) == ext.as_deref())
            .map(|(_, f)| *f)
            .ok_or_else(|| {
                let names: Vec<String> =
                    Self::EXTENSIONS.iter().map(|(e, _)| format!(".{e}")).collect();
                let (last, rest) = names.split_last().map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
                Error::InvalidValue {
                    id: None,
                    path: "/input_format".into(),
                    message: format!(
                        "cannot tell the event log format of {:?} from its name: name it {} or {last}, or give the format (csv, tsv or jsonl)",
                        path.display().to_string(),
                        rest.join(", ")
                    ),
                }
            })
    }

    /// The format's name: `csv`, `tsv` or `jsonl`.
    ///
    /// ```
    /// assert_eq!(journeymap::analytics::InputFormat::Tsv.as_str(), "tsv");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Csv => "csv",
            InputFormat::Tsv => "tsv",
            InputFormat::Jsonl => "jsonl",
        }
    }

    /// The options of this format's reader, from the JSON the bindings
    /// build: [`CsvOptions`]' for CSV, the same with a tab delimiter for
    /// TSV (which takes no `delimiter`: give `csv` and the delimiter
    /// instead), [`JsonlOptions`]' for JSON Lines. Errors are located in
    /// the JSON, as [`parse_part`]'s are.
    ///
    /// ```
    /// use journeymap::analytics::{InputFormat, ReaderOptions};
    /// let Ok(ReaderOptions::Csv(tsv)) = InputFormat::Tsv.reader_options("{}") else { panic!() };
    /// assert_eq!(tsv.delimiter, b'\t');
    /// let err = InputFormat::Tsv.reader_options(r#"{"delimiter": 59}"#).unwrap_err();
    /// assert_eq!((err.code(), err.path()), ("INVALID_VALUE", Some("/delimiter")));
    /// let err = InputFormat::Jsonl.reader_options(r#"{"delimiter": 59}"#).unwrap_err();
    /// assert_eq!((err.code(), err.path()), ("UNKNOWN_FIELD", Some("/delimiter")));
    /// ```
    pub fn reader_options(self, json: &str) -> Result<ReaderOptions, Error> {
        match self {
            InputFormat::Csv => Ok(ReaderOptions::Csv(parse_part(json)?)),
            InputFormat::Tsv => {
                let given: serde_json::Map<String, serde_json::Value> = parse_part(json)?;
                if given.contains_key("delimiter") {
                    return Err(Error::InvalidValue {
                        id: None,
                        path: "/delimiter".into(),
                        message: "a TSV file is tab-separated: for another delimiter, read it as csv with that delimiter".into(),
                    });
                }
                Ok(ReaderOptions::Csv(
                    parse_part::<CsvOptions>(json)?.delimiter(b'\t'),
                ))
            }
            InputFormat::Jsonl => Ok(ReaderOptions::Jsonl(parse_part(json)?)),
        }
    }

    /// The field delimiter of the text formats (`None` for JSON Lines).
    ///
    /// ```
    /// use journeymap::analytics::InputFormat;
    /// assert_eq!(InputFormat::Tsv.delimiter(), Some(b'\t'));
    /// assert_eq!(InputFormat::Jsonl.delimiter(), None);
    /// ```
    pub fn delimiter(self) -> Option<u8> {
        match self {
            InputFormat::Csv => Some(b','),
            InputFormat::Tsv => Some(b'\t'),
            InputFormat::Jsonl => None,
        }
    }
}

impl fmt::Display for InputFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for InputFormat {
    type Err = Error;

    /// `csv`, `tsv` or `jsonl`; anything else is `INVALID_VALUE` at
    /// `/input_format`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "csv" => Ok(InputFormat::Csv),
            "tsv" => Ok(InputFormat::Tsv),
            "jsonl" => Ok(InputFormat::Jsonl),
            other => Err(Error::InvalidValue {
                id: None,
                path: "/input_format".into(),
                message: format!("input_format {other:?}: expected \"csv\", \"tsv\" or \"jsonl\""),
            }),
        }
    }
}

/// A reader of event-log text: the format and its options
/// ([`InputFormat::reader_options`]).
///
/// ```
/// use journeymap::analytics::InputFormat;
/// let map = journeymap::JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "s", "name": "S"}],
///   "channels": [{"id": "w", "name": "W", "kind": "digital"}],
///   "touchpoints": [{"id": "home", "name": "Home", "stage": "s", "channel": "w"}]}"#).unwrap();
/// let reader = InputFormat::Tsv.reader_options("{}").unwrap();
/// let log = reader.read(&b"customer_id\ttimestamp\ttouchpoint\nc1\t2026-03-01T09:00:00Z\thome\n"[..], &map).unwrap();
/// assert_eq!(log.len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum ReaderOptions {
    /// Delimited text with a header row (CSV, TSV).
    Csv(CsvOptions),
    /// JSON Lines.
    Jsonl(JsonlOptions),
}

impl ReaderOptions {
    /// Reads a whole log ([`EventLog::from_csv`], [`EventLog::from_jsonl`]).
    pub fn read<R: Read>(&self, input: R, map: &JourneyMap) -> Result<EventLog, Error> {
        match self {
            ReaderOptions::Csv(options) => EventLog::from_csv(input, map, options),
            ReaderOptions::Jsonl(options) => EventLog::from_jsonl(input, map, options),
        }
    }

    /// Starts reading a log in chunks ([`LogStream::csv`],
    /// [`LogStream::jsonl`]).
    ///
    /// ```
    /// use journeymap::analytics::InputFormat;
    /// # let map = journeymap::doc_support::stage_map();
    /// let stream = InputFormat::Jsonl.reader_options("{}").unwrap().stream(&map).unwrap();
    /// assert_eq!(stream.finish().unwrap().len(), 0);
    /// ```
    pub fn stream(self, map: &JourneyMap) -> Result<LogStream, Error> {
        match self {
            ReaderOptions::Csv(options) => LogStream::csv(map, options),
            ReaderOptions::Jsonl(options) => LogStream::jsonl(map, options),
        }
    }
}
