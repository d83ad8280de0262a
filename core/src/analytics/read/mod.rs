//! Reading event logs: CSV and TSV ([`csv`]), JSON Lines ([`jsonl`]), both
//! in parallel blocks ([`blocks`]) or pushed in chunks ([`stream`]), event
//! records and flat records from the bindings ([`records`], [`flat`]), the
//! field names ([`columns`]), timestamps ([`time`], [`time_pattern`],
//! [`zone`]), file formats ([`format`]) and bad rows ([`ingest`]).
//!
//! The `EventLog::from_*` entry points of text are here: they choose the
//! parallel or the sequential reader, so that the readers themselves do not
//! know of each other.

use std::io::Read;

use crate::analytics::EventLog;
use crate::error::Error;
use crate::JourneyMap;

pub(crate) mod blocks;
pub(crate) mod columns;
pub(crate) mod csv;
pub(crate) mod flat;
pub(crate) mod format;
pub(crate) mod ingest;
pub(crate) mod jsonl;
pub(crate) mod lines;
pub(crate) mod records;
pub(crate) mod stream;
pub(crate) mod time;
pub(crate) mod time_pattern;
pub(crate) mod zone;

pub use self::csv::CsvOptions;
pub use columns::{FieldNames, MAX_COLUMNS};
pub use flat::FlatValue;
pub use format::{InputFormat, ReaderOptions};
pub use ingest::{IngestStats, OnError};
pub use jsonl::JsonlOptions;
pub use records::RecordValue;
pub use stream::LogStream;
pub use time::{TimeSpec, TimeUnit, TimestampFormat};
pub use time_pattern::{PatternError, TimePattern};
pub use zone::Timezone;

impl EventLog {
    /// Reads a CSV event log, streaming: the text is never held in memory
    /// as a whole.
    ///
    /// ```
    /// use journeymap::analytics::{CsvOptions, EventLog, OnError};
    /// # let map = journeymap::doc_support::page_view_map();
    /// let csv = "customer_id,timestamp,event,page,value\n\
    ///            c1,2026-03-01T09:00:00Z,view,/,\n\
    ///            c1,2026-03-01T09:05:00Z,view,/faq,\n\
    ///            c2,1772355600000,view,/,3.5\n\
    ///            c3,not-a-time,view,/,\n";
    /// let options = CsvOptions::default().on_error(OnError::Skip);
    /// let log = EventLog::from_csv(csv.as_bytes(), &map, &options).unwrap();
    /// assert_eq!((log.len(), log.customers(), log.unknown_events()), (3, 2, 1));
    /// assert_eq!(log.stats().skipped["BAD_TIMESTAMP"], 1);
    /// ```
    pub fn from_csv<R: Read>(
        reader: R,
        map: &JourneyMap,
        options: &CsvOptions,
    ) -> Result<EventLog, Error> {
        blocks::read_csv(reader, map, options)
    }
}

impl EventLog {
    /// Reads a JSON Lines event log, streaming line by line. Blank lines
    /// are ignored (they are not rows).
    ///
    /// ```
    /// use journeymap::analytics::{EventLog, JsonlOptions};
    /// # let map = journeymap::doc_support::page_view_map();
    /// let text = r#"{"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "event": "view", "attributes": {"page": "/"}}
    /// {"customer_id": 42, "timestamp": 1772355600000, "touchpoint": "home", "value": 3.5}
    ///
    /// {"customer_id": "c2", "timestamp": "2026-03-01T09:00:00Z", "event": "view", "page": "/faq"}
    /// "#;
    /// let log = EventLog::from_jsonl(text.as_bytes(), &map, &JsonlOptions::default()).unwrap();
    /// assert_eq!((log.len(), log.customers(), log.unknown_events()), (3, 3, 1));
    /// ```
    pub fn from_jsonl<R: Read>(
        reader: R,
        map: &JourneyMap,
        options: &JsonlOptions,
    ) -> Result<EventLog, Error> {
        #[cfg(feature = "parallel")]
        {
            blocks::jsonl_parallel(reader, map, options)
        }
        #[cfg(not(feature = "parallel"))]
        {
            jsonl::read_jsonl_sequential(reader, map, options)
        }
    }
}
