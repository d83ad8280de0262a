//! journeymap errors as Python exceptions.
//!
//! The exception classes are defined in Python (`journeymap/_errors.py`) so
//! that they carry docstrings, pickle with their attributes and can inherit
//! from `KeyError` / `OSError`. This module builds instances of them from
//! [`journeymap::Error`]s and the flat "error info" dicts that
//! `journeymap.validate` returns.

use journeymap::{Error, ErrorCategory, IoKind};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList, PyModule};

/// Where the JSON text an error refers to came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    /// Text the user gave: line and column point into it.
    Text,
    /// Text the binding wrote from a Python object: line and column would
    /// point into text the user never saw, so they are left out.
    Object,
}

/// How an error is located for Python: a JSON Pointer prefix for errors read
/// from one part of a document (`/touchpoints/3`), and the source of the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Origin<'a> {
    /// Prepended to the error's path.
    pub prefix: &'a str,
    /// Where the text came from.
    pub source: Source,
}

impl Origin<'static> {
    /// An error from text the user gave, about the whole document.
    pub const TEXT: Origin<'static> = Origin {
        prefix: "",
        source: Source::Text,
    };
    /// An error about a whole document the binding wrote from a Python object.
    pub const OBJECT: Origin<'static> = Origin {
        prefix: "",
        source: Source::Object,
    };
}

/// One violation, flattened: what `JourneyMapError.errors` holds.
struct Info {
    code: &'static str,
    message: String,
    path: Option<String>,
    id: Option<String>,
    line_column: Option<(usize, usize)>,
    /// For a refused event-log row: its row, column name and line.
    row: Option<(u64, Option<String>, Option<u64>)>,
}

impl Info {
    fn new(err: &Error, origin: Origin<'_>) -> Self {
        // Text the user gave: the core's Display, with line and column.
        // Text made from an object: the core's message, without them.
        let (message, line_column) = match origin.source {
            Source::Object => (err.message(), None),
            _ => (err.to_string(), err.line_column()),
        };
        Info {
            code: err.code(),
            message,
            path: err.path().map(|p| format!("{}{p}", origin.prefix)),
            id: err.id().map(str::to_owned),
            line_column,
            row: err.row_error().map(|r| (r.row, r.column.clone(), r.line)),
        }
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("code", self.code)?;
        d.set_item("message", &self.message)?;
        d.set_item("path", self.path.as_deref())?;
        d.set_item("id", self.id.as_deref())?;
        d.set_item("line", self.line_column.map(|(l, _)| l))?;
        d.set_item("column", self.line_column.map(|(_, c)| c))?;
        if let Some((row, field, line)) = &self.row {
            d.set_item("line", *line)?;
            d.set_item("row", *row)?;
            d.set_item("field", field.as_deref())?;
        }
        Ok(d)
    }
}

/// The exception class (in `journeymap._errors`) of an error: the one of
/// its core category, and for an I/O error also the built-in `OSError`
/// subclass of its kind.
fn class_for(err: &Error) -> &'static str {
    match err.category() {
        ErrorCategory::Parse => "ParseError",
        ErrorCategory::InvalidMap => "InvalidMapError",
        ErrorCategory::NotFound => "NotFoundError",
        ErrorCategory::InUse => "ReferenceInUseError",
        ErrorCategory::EventLog => "EventLogError",
        ErrorCategory::Io => match err {
            Error::Io { kind, .. } => match kind {
                IoKind::NotFound => "_FileNotFound",
                IoKind::PermissionDenied => "_PermissionDenied",
                IoKind::IsADirectory => "_IsADirectory",
                IoKind::Other => "JourneyMapIOError",
            },
            // Several I/O errors at once: the family's class.
            _ => "JourneyMapIOError",
        },
        // A category this binding does not know yet: the root class.
        _ => "JourneyMapError",
    }
}

fn errors_module(py: Python<'_>) -> PyResult<&Bound<'_, PyModule>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    MODULE
        .get_or_try_init(py, || py.import("journeymap._errors").map(Bound::unbind))
        .map(|m| m.bind(py))
}

/// The list of violation dicts for an error (`JourneyMapError.errors`, and
/// what `journeymap.validate` returns).
pub(crate) fn violation_dicts<'py>(
    py: Python<'py>,
    errors: &[Error],
    origin: Origin<'_>,
) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for err in errors {
        list.append(Info::new(err, origin).to_dict(py)?)?;
    }
    Ok(list)
}

fn build(py: Python<'_>, err: &Error, origin: Origin<'_>) -> PyResult<PyErr> {
    let class = errors_module(py)?.getattr(class_for(err))?;
    let info = Info::new(err, origin);
    let kwargs = PyDict::new(py);
    kwargs.set_item("code", info.code)?;
    kwargs.set_item("path", info.path.as_deref())?;
    kwargs.set_item("id", info.id.as_deref())?;
    kwargs.set_item("line", info.line_column.map(|(l, _)| l))?;
    kwargs.set_item("column", info.line_column.map(|(_, c)| c))?;
    kwargs.set_item("errors", violation_dicts(py, err.violations(), origin)?)?;
    if let Error::Io { path, .. } = err {
        kwargs.set_item("filename", path)?;
    }
    if let Some((row, field, line)) = &info.row {
        kwargs.set_item("row", *row)?;
        kwargs.set_item("field", field.as_deref())?;
        kwargs.set_item("line", *line)?;
    }
    let exc = class.call((info.message,), Some(&kwargs))?;
    Ok(PyErr::from_value(exc))
}

/// Converts a core error into the matching `JourneyMapError` subclass.
pub(crate) fn to_pyerr(py: Python<'_>, err: &Error, origin: Origin<'_>) -> PyErr {
    // Should building the exception itself fail (the package is broken), that
    // failure is raised instead: it is still an exception, never a panic.
    build(py, err, origin).unwrap_or_else(|e| e)
}

/// `map_err` adapter for results of core calls on user text.
pub(crate) fn text_err(py: Python<'_>) -> impl Fn(Error) -> PyErr + '_ {
    move |e| to_pyerr(py, &e, Origin::TEXT)
}
