//! Event-log analytics: an event log (CSV or JSON Lines bytes) read against
//! a map and analysed into a journey report.

use journeymap::analytics::{analyze, CsvOptions, EventLog, JsonlOptions, ReportOptions};
use journeymap::{parse_part, Error};
use pyo3::prelude::*;

use crate::convert::to_py;
use crate::errors::{to_pyerr, Origin};
use crate::map::PyJourneyMap;

/// The journey report (a dict) of an event log given as bytes. `format` is
/// `csv` or `jsonl`; `reader` the JSON of the reader's options, `report`
/// the JSON of the report options. Used by `journeymap.analyze`.
#[pyfunction]
pub fn _analyze_bytes<'py>(
    py: Python<'py>,
    map: PyRef<'py, PyJourneyMap>,
    data: &[u8],
    format: &str,
    reader: &str,
    report: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let map = &map.map;
    let result = py.detach(|| -> Result<_, Error> {
        let options: ReportOptions = parse_part(report)?;
        let log = match format {
            "csv" => EventLog::from_csv(data, map, &parse_part::<CsvOptions>(reader)?)?,
            "jsonl" => EventLog::from_jsonl(data, map, &parse_part::<JsonlOptions>(reader)?)?,
            other => {
                return Err(Error::InvalidValue {
                    id: None,
                    path: String::new(),
                    message: format!("unknown event log format {other:?}; use csv or jsonl"),
                })
            }
        };
        analyze(map, &log, &options)
    });
    match result {
        Ok(report) => to_py(py, &report),
        Err(e) => Err(to_pyerr(py, &e, Origin::OBJECT)),
    }
}
