//! `journeymap.Partial`: the mergeable partial result of a part of a log
//! (core's [`Partial`]), and what makes reports of them.

use journeymap::analytics::{analyze, EventLog, Partial, Report, ReportOptions};
use journeymap::Error;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use crate::convert::to_py;
use crate::errors::{to_pyerr, Origin};
use crate::map::PyJourneyMap;

/// The partial result of the customers of a part of an event log:
/// ``journeymap.partial(map, events, **options)`` makes one, ``a.merge(b)``
/// or ``a + b`` adds another part's (of other customers), and
/// ``journeymap.finish(map, partials)`` gives the report, identical to
/// analysing all the parts' events at once. ``bytes(p)`` and
/// ``Partial.from_bytes(data)`` carry one between processes or machines
/// (pickling does the same).
///
/// >>> import journeymap, pickle
/// >>> shop = journeymap.JourneyMap.from_dict({
/// ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
/// ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
/// ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
/// >>> p = journeymap.partial(shop, [{"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"}])
/// >>> q = journeymap.Partial.from_bytes(bytes(p))
/// >>> q.customers, pickle.loads(pickle.dumps(p)).customers, (p + q).customers, sum([p, q]).customers
/// (1, 1, 2, 2)
#[pyclass(name = "Partial", module = "journeymap", frozen)]
pub struct PyPartial {
    pub(crate) partial: Partial,
}

#[pymethods]
impl PyPartial {
    /// The sum of this partial and ``other`` (a partial of other customers,
    /// computed against the same map with the same options but
    /// ``top_k``); ``InvalidMapError`` (``INVALID_VALUE``) otherwise.
    fn merge(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<PyPartial> {
        let other = other.cast::<PyPartial>().map_err(|_| {
            PyTypeError::new_err(format!(
                "merge expects a journeymap.Partial, not {}",
                crate::map::type_name(other)
            ))
        })?;
        let merged = self.partial.clone().merge(other.get().partial.clone());
        merged
            .map(|partial| PyPartial { partial })
            .map_err(|e| to_pyerr(py, &e, Origin::OBJECT))
    }

    fn __add__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        if !other.is_instance_of::<PyPartial>() {
            return Ok(py.NotImplemented());
        }
        Ok(Py::new(py, self.merge(py, other)?)?.into_any())
    }

    /// ``other + self``; ``0 + self`` is ``self``, so that ``sum(partials)``
    /// merges them.
    fn __radd__(slf: &Bound<'_, Self>, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        if other.extract::<i64>().ok() == Some(0) && !other.is_instance_of::<pyo3::types::PyBool>()
        {
            return Ok(slf.clone().into_any().unbind());
        }
        if !other.is_instance_of::<PyPartial>() {
            return Ok(py.NotImplemented());
        }
        Ok(Py::new(py, slf.get().merge(py, other)?)?.into_any())
    }

    /// The partial as bytes (core's binary form: a header with the format
    /// version and fingerprints of the map and the options, then the
    /// counts).
    fn __bytes__<'py>(&self, py: Python<'py>) -> Bound<'py, PyBytes> {
        PyBytes::new(py, &self.partial.to_bytes())
    }

    /// A partial from ``bytes(partial)``, on any machine.
    /// ``UNSUPPORTED_FORMAT_VERSION`` for a newer format,
    /// ``INVALID_VALUE`` for bytes that are not a partial.
    #[staticmethod]
    fn from_bytes(py: Python<'_>, data: &[u8]) -> PyResult<PyPartial> {
        Partial::from_bytes(data)
            .map(|partial| PyPartial { partial })
            .map_err(|e| to_pyerr(py, &e, Origin::OBJECT))
    }

    /// Customers counted.
    #[getter]
    fn customers(&self) -> u64 {
        self.partial.customers()
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, (Bound<'py, PyBytes>,))> {
        let py = slf.py();
        let from_bytes = py.get_type::<PyPartial>().getattr("from_bytes")?;
        Ok((from_bytes, (slf.get().__bytes__(py),)))
    }

    fn __repr__(&self) -> String {
        format!(
            "<journeymap.Partial: {} customers>",
            self.partial.customers()
        )
    }
}

/// What a run of `_analyze_*` gives: the report, or with `partial=True`
/// the partial result.
pub(crate) enum Outcome {
    Report(Report),
    Partial(Partial),
}

impl Outcome {
    /// `log` analysed, or its partial.
    pub(crate) fn of(
        map: &journeymap::JourneyMap,
        log: &EventLog,
        options: &ReportOptions,
        partial: bool,
    ) -> Result<Outcome, Error> {
        Ok(if partial {
            Outcome::Partial(Partial::from_log(map, log, options)?)
        } else {
            Outcome::Report(analyze(map, log, options)?)
        })
    }

    /// The report as a dict, or the partial as a `journeymap.Partial`.
    pub(crate) fn into_py<'py>(
        result: Result<Outcome, Error>,
        py: Python<'py>,
    ) -> PyResult<Bound<'py, PyAny>> {
        match result {
            Ok(Outcome::Report(report)) => to_py(py, &report),
            Ok(Outcome::Partial(partial)) => Ok(Bound::new(py, PyPartial { partial })?.into_any()),
            Err(e) => Err(to_pyerr(py, &e, Origin::OBJECT)),
        }
    }
}

/// The report (a dict) of `partials` merged, finished against `map` with
/// their options (`top_k` replaced when given).
#[pyfunction]
#[pyo3(signature = (map, partials, top_k=None))]
pub fn _finish<'py>(
    py: Python<'py>,
    map: PyRef<'py, PyJourneyMap>,
    partials: &Bound<'py, PyAny>,
    top_k: Option<usize>,
) -> PyResult<Bound<'py, PyAny>> {
    let mut parts = Vec::new();
    for (i, item) in partials.try_iter()?.enumerate() {
        let item = item?;
        let part = item.cast::<PyPartial>().map_err(|_| {
            PyTypeError::new_err(format!(
                "partials[{i}] is a {}, not a journeymap.Partial",
                crate::map::type_name(&item)
            ))
        })?;
        parts.push(part.get().partial.clone());
    }
    let map = &map.map;
    let result = py.detach(|| -> Result<Report, Error> {
        let mut parts = parts.into_iter();
        let Some(first) = parts.next() else {
            return Err(Error::InvalidValue {
                id: None,
                path: "/partials".into(),
                message: "partials is empty: give at least one partial result".into(),
            });
        };
        let merged = parts.try_fold(first, Partial::merge)?;
        let mut options = merged.options().clone();
        if let Some(top) = top_k {
            options = options.top_k(top);
        }
        merged.finish(map, &options)
    });
    match result {
        Ok(report) => to_py(py, &report),
        Err(e) => Err(to_pyerr(py, &e, Origin::OBJECT)),
    }
}
