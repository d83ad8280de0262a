//! Structural diff: `JourneyMap.diff(other)` and `journeymap.diff(old, new)`.

use pyo3::prelude::*;

use crate::convert::to_py;
use crate::map::PyJourneyMap;

#[pymethods]
impl PyJourneyMap {
    /// The differences from this map (the old version) to `other` (the
    /// new one), as a dict with keys `map`, `added`, `removed`, `changed`,
    /// `moved` and `stage_order`.
    fn diff<'py>(
        &self,
        py: Python<'py>,
        other: PyRef<'py, PyJourneyMap>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (old, new) = (&self.map, &other.map);
        let d = py.detach(|| journeymap::diff::diff(old, new));
        to_py(py, &d)
    }
}

/// The differences from map `old` to map `new` (see `JourneyMap.diff`).
#[pyfunction]
pub fn diff<'py>(
    py: Python<'py>,
    old: PyRef<'py, PyJourneyMap>,
    new: PyRef<'py, PyJourneyMap>,
) -> PyResult<Bound<'py, PyAny>> {
    old.diff(py, new)
}
