//! Events given as a list of dicts: read by core's JSON Lines rules
//! ([`EventLog::from_flat_records`]) without writing JSON text. Each dict reads
//! as the JSON Lines line `json.dumps` would write for it, with two
//! additions a data scientist expects: a `datetime` is its ISO 8601 text
//! (a naive one is UTC, as in tables) and a `date` is midnight UTC.

use std::collections::HashMap;

use journeymap::analytics::{EventLog, FlatValue, JsonlOptions, RecordValue};
use journeymap::{parse_part, Error};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType};

use crate::analytics::report_options;
use crate::convert::type_name;
use crate::errors::{to_pyerr, Origin};
use crate::map::PyJourneyMap;
use crate::partial::Outcome;

/// A value read from Python, its text in [`Cells::text`].
#[derive(Clone, Copy, Debug)]
enum Cell {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(usize, usize),
    /// A dict of the next `n` cells (keyed).
    Object(usize),
    /// A list of the next `n` cells (their keys unused).
    Array(usize),
}

/// The events, flattened as [`FlatValue`]s: one string buffer, interned
/// keys, and cells in order (a record's fields follow its record cell, a
/// container's items follow it).
#[derive(Default)]
struct Cells {
    text: String,
    keys: Vec<String>,
    key_ids: HashMap<String, u32>,
    /// (key, value) of each cell; records and list items have no key.
    cells: Vec<(Option<u32>, Cell)>,
}

/// The `datetime.datetime` and `datetime.date` classes.
fn datetime_types(py: Python<'_>) -> PyResult<&(Py<PyType>, Py<PyType>)> {
    static TYPES: PyOnceLock<(Py<PyType>, Py<PyType>)> = PyOnceLock::new();
    TYPES.get_or_try_init(py, || {
        let module = py.import("datetime")?;
        let datetime = module.getattr("datetime")?.cast_into::<PyType>()?.unbind();
        let date = module.getattr("date")?.cast_into::<PyType>()?.unbind();
        Ok((datetime, date))
    })
}

impl Cells {
    fn key(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.key_ids.get(key) {
            return id;
        }
        // Fewer keys than cells, and cells are counted in `usize`; a u32
        // key id overflows only past 4 billion distinct keys.
        let id = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        self.keys.push(key.to_owned());
        self.key_ids.insert(key.to_owned(), id);
        id
    }

    /// A string cell of the concatenation of `parts`.
    fn text_cell(&mut self, parts: &[&str]) -> Cell {
        let start = self.text.len();
        for part in parts {
            self.text.push_str(part);
        }
        Cell::Str(start, self.text.len())
    }

    fn string(&mut self, s: &Bound<'_, PyString>, at: &dyn Fn() -> String) -> PyResult<Cell> {
        let text = s.to_cow().map_err(|e| {
            PyValueError::new_err(format!("{}: string is not valid Unicode: {e}", at()))
        })?;
        Ok(self.text_cell(&[&text]))
    }

    /// Adds `obj` as one cell (and, for containers, their items);
    /// `depth` counts the containers around it (a record is depth 0).
    fn value(
        &mut self,
        py: Python<'_>,
        key: Option<u32>,
        obj: &Bound<'_, PyAny>,
        depth: usize,
        at: &dyn Fn() -> String,
    ) -> PyResult<()> {
        let cell = if obj.is_none() {
            Cell::Null
        } else if let Ok(b) = obj.cast::<PyBool>() {
            Cell::Bool(b.is_true())
        } else if let Ok(i) = obj.cast::<PyInt>() {
            if let Ok(v) = i.extract::<i64>() {
                if v < 0 {
                    Cell::Int(v)
                } else {
                    Cell::UInt(v as u64)
                }
            } else if let Ok(v) = i.extract::<u64>() {
                Cell::UInt(v)
            } else {
                return Err(PyValueError::new_err(format!(
                    "{}: integer {} does not fit in 64 bits",
                    at(),
                    i.str().map(|s| s.to_string()).unwrap_or_default()
                )));
            }
        } else if let Ok(f) = obj.cast::<PyFloat>() {
            Cell::Float(f.value())
        } else if let Ok(s) = obj.cast::<PyString>() {
            self.string(s, at)?
        } else if let Ok(d) = obj.cast::<PyDict>() {
            if depth >= 2 {
                return Err(nested(at, obj));
            }
            let at_cell = self.cells.len();
            self.cells.push((key, Cell::Object(0)));
            // A copy of the dict, which no other code holds: no Python
            // code runs below but `isoformat`, and whatever that does, the
            // copy cannot change while it is read.
            for (k, v) in d.copy()?.iter() {
                let Ok(k) = k.cast::<PyString>() else {
                    return Err(PyTypeError::new_err(format!(
                        "{}: keys must be str, not {}",
                        at(),
                        type_name(&k)
                    )));
                };
                let k = k.to_cow().map_err(|e| {
                    PyValueError::new_err(format!("{}: key is not valid Unicode: {e}", at()))
                })?;
                let id = self.key(&k);
                let here = || format!("{}[{}]", at(), py_repr(&k));
                self.value(py, Some(id), &v, depth + 1, &here)?;
            }
            let n = self.cells.len() - at_cell - 1;
            self.cells[at_cell].1 = Cell::Object(n);
            return Ok(());
        } else if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
            if depth >= 2 {
                return Err(nested(at, obj));
            }
            let at_cell = self.cells.len();
            self.cells.push((key, Cell::Array(0)));
            for (i, item) in obj.try_iter()?.enumerate() {
                let here = || format!("{}[{i}]", at());
                self.value(py, None, &item?, depth + 1, &here)?;
            }
            let n = self.cells.len() - at_cell - 1;
            self.cells[at_cell].1 = Cell::Array(n);
            return Ok(());
        } else {
            let (datetime, date) = datetime_types(py)?;
            if obj.is_instance(datetime.bind(py))? {
                let text: String = obj.call_method0("isoformat")?.extract()?;
                // A naive datetime is UTC.
                let zone = if obj.call_method0("utcoffset")?.is_none() {
                    "Z"
                } else {
                    ""
                };
                self.text_cell(&[&text, zone])
            } else if obj.is_instance(date.bind(py))? {
                let text: String = obj.call_method0("isoformat")?.extract()?;
                self.text_cell(&[&text, "T00:00:00Z"])
            } else {
                return Err(PyTypeError::new_err(format!(
                    "{}: {} is not an event value (expected str, int, float, bool, None, \
                     datetime, date, or a dict or list of those)",
                    at(),
                    type_name(obj)
                )));
            }
        };
        self.cells.push((key, cell));
        Ok(())
    }
}

/// `key` as Python writes a str (`'a'`), for locations.
fn py_repr(key: &str) -> String {
    if key.contains(['\'', '\\']) || key.chars().any(char::is_control) {
        // Rare keys: Rust's quoting, close enough to say which key.
        format!("{key:?}")
    } else {
        format!("'{key}'")
    }
}

fn nested(at: &dyn Fn() -> String, obj: &Bound<'_, PyAny>) -> PyErr {
    PyTypeError::new_err(format!(
        "{}: a {} nested this deep is not an event value (a field may hold one dict \
         or list of plain values)",
        at(),
        type_name(obj)
    ))
}

/// The journey report (a dict) of events given as a list or tuple of
/// dicts; `reader` is the JSON of a [`JsonlOptions`], `report` that of the
/// report options. A value that is not an event value raises
/// `TypeError` (or `ValueError`), located as `events[i]['key']`.
#[pyfunction]
#[pyo3(signature = (map, events, reader, report, partial=false))]
pub fn _analyze_records<'py>(
    py: Python<'py>,
    map: PyRef<'py, PyJourneyMap>,
    events: &Bound<'py, PyAny>,
    reader: &str,
    report: &str,
    partial: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let map = &map.map;
    let err = |e: Error| to_pyerr(py, &e, Origin::OBJECT);
    let options = report_options(report, map).map_err(err)?;
    let reader: JsonlOptions = parse_part(reader).map_err(err)?;
    let mut cells = Cells::default();
    for (i, event) in events.try_iter()?.enumerate() {
        let at = || format!("events[{i}]");
        cells.value(py, None, &event?, 0, &at)?;
    }
    let result = py.detach(|| -> Result<_, Error> {
        let log = from_cells(&cells, map, &reader)?;
        Outcome::of(map, &log, &options, partial)
    });
    Outcome::into_py(result, py)
}

/// The log of the records in `cells`: each top-level cell is one record.
fn from_cells(
    cells: &Cells,
    map: &journeymap::JourneyMap,
    reader: &JsonlOptions,
) -> Result<EventLog, Error> {
    let flat = cells.cells.iter().map(|&(key, cell)| {
        let key = key.map_or("", |id| cells.keys[id as usize].as_str());
        let value = match cell {
            Cell::Null => RecordValue::Null,
            Cell::Bool(b) => RecordValue::Bool(b),
            Cell::Int(n) => RecordValue::Int(n),
            Cell::UInt(n) => RecordValue::UInt(n),
            Cell::Float(f) => RecordValue::Float(f),
            Cell::Str(a, b) => RecordValue::Str(&cells.text[a..b]),
            Cell::Object(n) => return (key, FlatValue::Object(n)),
            Cell::Array(n) => return (key, FlatValue::Array(n)),
        };
        (key, FlatValue::Value(value))
    });
    EventLog::from_flat_records(flat, map, reader)
}
