//! Conversions between Python objects and JSON.
//!
//! Python to JSON: [`write_json`] writes a dict/list/str/int/float/bool/None
//! tree as JSON text, in the dict's own key order, so that core reads it with
//! exactly the checks, paths and codes it applies to text. Anything JSON cannot
//! hold is refused with `TypeError` (a set, bytes, a non-str key) or
//! `ValueError` (NaN, infinity, an int outside 64 bits, a circular
//! reference), naming the JSON Pointer of the value; nesting deeper than the
//! JSON reader accepts is refused with a `ParseError` (`LIMIT_EXCEEDED`), so a
//! map never holds a value it could not read back.
//!
//! JSON to Python: [`to_py`] serialises a value with serde_json and reads the
//! text with Python's `json.loads`, which keeps the document's field order and
//! is the fastest way to build many small Python objects.

use std::io::Write as _;

use journeymap::Error;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde::Serialize;

use crate::errors::{to_pyerr, Origin};

/// Deepest nesting of lists and objects in a document: serde_json's reader
/// refuses the 128th level.
pub(crate) const MAX_DEPTH: usize = 127;

/// Why a Python value could not be written as JSON.
pub(crate) enum WriteError {
    /// Not a JSON value: `TypeError` / `ValueError`.
    Python(PyErr),
    /// A document violation (nesting too deep), reported like core's.
    Document(Error),
}

impl WriteError {
    /// The exception to raise.
    pub(crate) fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self {
            WriteError::Python(e) => e,
            WriteError::Document(e) => to_pyerr(py, &e, Origin::OBJECT),
        }
    }
}

impl From<PyErr> for WriteError {
    fn from(e: PyErr) -> Self {
        WriteError::Python(e)
    }
}

/// Writes a Python value as compact JSON text.
///
/// `location` is the JSON Pointer the value will have in the document and
/// `depth` the number of lists and objects enclosing it there; both are used
/// for error messages and the nesting limit.
pub(crate) fn write_json(
    obj: &Bound<'_, PyAny>,
    location: &str,
    depth: usize,
) -> Result<String, WriteError> {
    let mut w = Writer {
        out: Vec::new(),
        path: location.to_owned(),
        open: Vec::new(),
        depth,
    };
    w.value(obj)?;
    String::from_utf8(w.out).map_err(|e| PyValueError::new_err(e.to_string()).into())
}

struct Writer {
    out: Vec<u8>,
    /// JSON Pointer of the value being written.
    path: String,
    /// Containers being written (their addresses), to detect cycles.
    open: Vec<usize>,
    /// Lists and objects enclosing the value being written.
    depth: usize,
}

/// Python type name of `obj`, for messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

impl Writer {
    fn here(&self) -> &str {
        if self.path.is_empty() {
            "the document root"
        } else {
            &self.path
        }
    }

    fn io(e: std::io::Error) -> PyErr {
        // Writing to a Vec cannot fail; if it somehow did, say so.
        PyValueError::new_err(e.to_string())
    }

    fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    fn string(&mut self, s: &str) -> Result<(), WriteError> {
        serde_json::to_writer(&mut self.out, s)
            .map_err(|e| PyValueError::new_err(e.to_string()).into())
    }

    fn value(&mut self, obj: &Bound<'_, PyAny>) -> Result<(), WriteError> {
        if obj.is_none() {
            self.raw(b"null");
        } else if let Ok(b) = obj.cast::<PyBool>() {
            self.raw(if b.is_true() { b"true" } else { b"false" });
        } else if let Ok(i) = obj.cast::<PyInt>() {
            if let Ok(v) = i.extract::<i64>() {
                write!(self.out, "{v}").map_err(Self::io)?;
            } else if let Ok(v) = i.extract::<u64>() {
                write!(self.out, "{v}").map_err(Self::io)?;
            } else {
                return Err(PyValueError::new_err(format!(
                    "{}: integer {} does not fit in 64 bits",
                    self.here(),
                    i.str().map(|s| s.to_string()).unwrap_or_default()
                ))
                .into());
            }
        } else if let Ok(f) = obj.cast::<PyFloat>() {
            let v = f.value();
            if !v.is_finite() {
                return Err(PyValueError::new_err(format!(
                    "{}: {v} is not a JSON number (NaN and infinities are not allowed)",
                    self.here()
                ))
                .into());
            }
            serde_json::to_writer(&mut self.out, &v)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
        } else if let Ok(s) = obj.cast::<PyString>() {
            let text = s.to_cow().map_err(|e| {
                PyValueError::new_err(format!("{}: string is not valid Unicode: {e}", self.here()))
            })?;
            self.string(&text)?;
        } else if let Ok(d) = obj.cast::<PyDict>() {
            self.enter(obj)?;
            self.raw(b"{");
            // A snapshot of the items: nothing below runs Python code, but a
            // snapshot cannot be invalidated even if something did.
            for (k, item) in d.items().iter().enumerate() {
                let pair = item.cast::<PyTuple>().map_err(PyErr::from)?;
                let key = pair.get_item(0)?;
                let value = pair.get_item(1)?;
                let Ok(key) = key.cast::<PyString>() else {
                    return Err(PyTypeError::new_err(format!(
                        "{}: keys must be str, not {}",
                        self.here(),
                        type_name(&key)
                    ))
                    .into());
                };
                let key = key.to_cow().map_err(|e| {
                    PyValueError::new_err(format!("{}: key is not valid Unicode: {e}", self.here()))
                })?;
                if k > 0 {
                    self.raw(b",");
                }
                self.string(&key)?;
                self.raw(b":");
                let len = self.path.len();
                journeymap::pointer::push(&mut self.path, &key);
                self.value(&value)?;
                self.path.truncate(len);
            }
            self.raw(b"}");
            self.leave();
        } else if let Ok(list) = obj.cast::<PyList>() {
            // The list's own items, whatever a subclass's `__iter__` says.
            self.sequence(obj, list.iter())?;
        } else if let Ok(tuple) = obj.cast::<PyTuple>() {
            self.sequence(obj, tuple.iter())?;
        } else {
            return Err(PyTypeError::new_err(format!(
                "{}: {} is not a JSON value (expected dict, list, tuple, str, int, float, bool or None)",
                self.here(),
                type_name(obj)
            )).into());
        }
        Ok(())
    }

    fn sequence<'py>(
        &mut self,
        obj: &Bound<'py, PyAny>,
        items: impl Iterator<Item = Bound<'py, PyAny>>,
    ) -> Result<(), WriteError> {
        self.enter(obj)?;
        self.raw(b"[");
        for (i, item) in items.enumerate() {
            if i > 0 {
                self.raw(b",");
            }
            let len = self.path.len();
            self.path.push('/');
            self.path.push_str(&i.to_string());
            self.value(&item)?;
            self.path.truncate(len);
        }
        self.raw(b"]");
        self.leave();
        Ok(())
    }

    /// Starts writing a container: refuses cycles and excessive nesting.
    fn enter(&mut self, obj: &Bound<'_, PyAny>) -> Result<(), WriteError> {
        let addr = obj.as_ptr() as usize;
        if self.open.contains(&addr) {
            return Err(PyValueError::new_err(format!(
                "{}: circular reference (a container that contains itself)",
                self.here()
            ))
            .into());
        }
        if self.depth + 1 > MAX_DEPTH {
            // Located like the JSON reader's own nesting error (at the
            // document), with the value's path in the message.
            let err = Error::LimitExceeded {
                path: String::new(),
                what: format!("nesting depth (at {})", self.here()),
                limit: MAX_DEPTH,
            };
            return Err(WriteError::Document(err));
        }
        self.open.push(addr);
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.open.pop();
        self.depth -= 1;
    }
}

/// Python's `json.loads`.
fn json_loads(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    LOADS
        .get_or_try_init(py, || {
            py.import("json")?.getattr("loads").map(Bound::unbind)
        })
        .map(|f| f.bind(py))
}

/// Reads JSON text (known to be valid) into Python objects.
pub(crate) fn loads<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    json_loads(py)?.call1((text,))
}

/// Converts a serialisable value into plain Python objects (dicts, lists, str,
/// int, float, bool, None), keeping field order.
pub(crate) fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    loads(py, &text)
}

/// Like [`to_py`] for an optional value (`None` when absent).
pub(crate) fn opt_to_py<'py, T: Serialize>(
    py: Python<'py>,
    value: Option<&T>,
) -> PyResult<Option<Bound<'py, PyAny>>> {
    value.map(|v| to_py(py, v)).transpose()
}
