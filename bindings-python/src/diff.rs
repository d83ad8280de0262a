//! Structural diff: `JourneyMap.diff(other)` and `journeymap.diff(old, new)`.

use pyo3::prelude::*;

use crate::convert::to_py;
use crate::map::PyJourneyMap;

#[pymethods]
impl PyJourneyMap {
    /// The differences from this map (old) to ``other`` (new): keys
    /// ``map``, ``added``, ``removed``, ``changed``, ``moved``,
    /// ``stage_order``.
    ///
    /// >>> shop = JourneyMap.from_dict({
    /// ...     "name": "Shop",
    /// ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    /// ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    /// ...     "touchpoints": [
    /// ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    /// ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    /// ...     "transitions": [{"from": "home", "to": "pay"}]})
    /// >>> new = shop.copy()
    /// >>> new.update_touchpoint({"id": "home", "name": "Home page", "stage": "visit", "channel": "web"})
    /// >>> d = shop.diff(new)
    /// >>> d["changed"][0]["id"], d["changed"][0]["changes"]
    /// ('home', [{'path': '/name', 'old': 'Home', 'new': 'Home page'}])
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

/// The differences from map ``old`` to map ``new`` (see
/// :meth:`JourneyMap.diff`).
///
/// >>> old = JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]})
/// >>> new = old.copy()
/// >>> new.add_stage({"id": "buy", "name": "Buy"})
/// >>> d = diff(old, new)
/// >>> [(a["kind"], a["id"]) for a in d["added"]], d["removed"], d["stage_order"]
/// ([('stage', 'buy')], [], None)
#[pyfunction]
pub fn diff<'py>(
    py: Python<'py>,
    old: PyRef<'py, PyJourneyMap>,
    new: PyRef<'py, PyJourneyMap>,
) -> PyResult<Bound<'py, PyAny>> {
    old.diff(py, new)
}
