//! Module-level functions: `schema()` and `validate(doc)`.

use journeymap::{Error, JourneyMap};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

use crate::convert::{to_py, write_json, WriteError};
use crate::errors::{violation_dicts, Origin};
use crate::map::type_name;

/// The JSON Schema (draft 2020-12) of the journey-map document.
///
/// >>> s = schema()
/// >>> s["$schema"], s["title"], "touchpoints" in s["properties"]
/// ('https://json-schema.org/draft/2020-12/schema', 'Journey map', True)
#[pyfunction]
pub fn schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_py(py, &journeymap::schema::document_schema())
}

/// Every violation in a document (JSON text or dict), without raising;
/// ``[]`` when it is a valid map. The codes and paths are those
/// :meth:`JourneyMap.from_json` would raise. TypeError for an argument
/// that is neither text nor a dict.
///
/// >>> validate({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]})
/// []
/// >>> [(e["code"], e["path"]) for e in validate({"name": "", "stages": []})]
/// [('EMPTY_NAME', '/name'), ('NO_STAGES', '/stages')]
#[pyfunction]
pub fn validate<'py>(py: Python<'py>, doc: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let (result, origin): (Result<JourneyMap, Error>, Origin<'_>) =
        if let Ok(s) = doc.cast::<PyString>() {
            let text = s.to_cow()?;
            let text: &str = &text;
            (py.detach(|| JourneyMap::from_json(text)), Origin::TEXT)
        } else if let Ok(b) = doc.cast::<PyBytes>() {
            let bytes = b.as_bytes();
            (py.detach(|| JourneyMap::from_reader(bytes)), Origin::TEXT)
        } else if doc.cast::<PyDict>().is_ok() {
            let result = match write_json(doc, "", 0) {
                Ok(text) => py.detach(|| JourneyMap::from_json(&text)),
                // A document violation found while writing is reported, not raised.
                Err(WriteError::Document(e)) => Err(e),
                Err(WriteError::Python(e)) => return Err(e),
            };
            (result, Origin::OBJECT)
        } else {
            return Err(PyTypeError::new_err(format!(
                "validate expects JSON text (str or bytes) or a document dict, not {}",
                type_name(doc)
            )));
        };
    match result {
        Ok(_) => Ok(PyList::empty(py)),
        Err(e) => violation_dicts(py, e.violations(), origin),
    }
}
