//! Rendering (SVG, Mermaid, DOT, CSV) and the Mermaid `journey` import.

use journeymap::render::csv::{touchpoints_csv_with, CsvOptions};
use journeymap::render::svg::{read_report, Lane, SvgOptions};
use journeymap::render::{dot, mermaid, mermaid_import};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyType};

use crate::errors::{text_err, to_pyerr, Origin, Source};
use crate::map::PyJourneyMap;

/// The JSON text of a report given to `to_svg`: a `journeymap.Report`
/// (its `to_json()`), a dict shaped like one, or JSON text; and whether
/// the text is the user's own (errors then keep line and column).
fn report_text(py: Python<'_>, report: &Bound<'_, PyAny>) -> PyResult<(String, Source)> {
    if let Ok(text) = report.cast::<PyString>() {
        return Ok((text.to_str()?.to_owned(), Source::Text));
    }
    let report_class = py.import("journeymap._analytics")?.getattr("Report")?;
    let json = if report.is_instance(&report_class)? {
        report.call_method0("to_json")?
    } else if report.is_instance_of::<PyDict>() {
        py.import("json")?.call_method1("dumps", (report,))?
    } else {
        return Err(PyTypeError::new_err(format!(
            "report must be a journeymap.Report, a dict or JSON text, not {}",
            report.get_type().name()?
        )));
    };
    Ok((json.extract::<String>()?, Source::Object))
}

#[pymethods]
impl PyJourneyMap {
    /// The SVG journey canvas; ``persona`` restricts it to that
    /// persona's journey (NotFoundError for an unknown persona).
    ///
    /// ``title`` replaces the map's name; ``lanes`` picks and orders the
    /// lanes (``"touchpoints"``, ``"actions"``, ``"emotions"``,
    /// ``"pain_points"``, ``"opportunities"``, ``"owners"``; an unknown
    /// one raises InvalidMapError with path ``/lanes/N``); ``legend``
    /// draws the legend; ``column_width`` (120..640) and ``min_width``
    /// are pixel hints. ``report`` overlays a journey report of this map
    /// (a :class:`Report` from :func:`analyze`, its dict or JSON text):
    /// the funnel per stage, reach, conversion, exits and observed mean
    /// score per touchpoint, conformance in the header. Touchpoints the
    /// report does not know are drawn without figures; an invalid report
    /// raises with a path under ``/report``.
    ///
    /// >>> shop = JourneyMap.from_dict({
    /// ...     "name": "Shop",
    /// ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    /// ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    /// ...     "touchpoints": [
    /// ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    /// ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    /// ...     "transitions": [{"from": "home", "to": "pay"}]})
    /// >>> svg = shop.to_svg(title="Shop <Q3>", lanes=["touchpoints", "emotions"])
    /// >>> svg.startswith("<?xml"), "Shop &lt;Q3&gt;" in svg
    /// (True, True)
    #[pyo3(signature = (persona=None, *, title=None, lanes=None, legend=true, column_width=None, min_width=None, report=None))]
    #[allow(clippy::too_many_arguments)]
    fn to_svg(
        &self,
        py: Python<'_>,
        persona: Option<String>,
        title: Option<String>,
        lanes: Option<Vec<String>>,
        legend: bool,
        column_width: Option<u32>,
        min_width: Option<u32>,
        report: Option<Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let mut options = SvgOptions::new().legend(legend);
        if let Some(report) = report.filter(|r| !r.is_none()) {
            let (text, source) = report_text(py, &report)?;
            let origin = Origin {
                prefix: "/report",
                source,
            };
            let parsed = py
                .detach(|| read_report(&text))
                .map_err(|e| to_pyerr(py, &e, origin))?;
            options = options.report(parsed);
        }
        if let Some(p) = persona {
            options = options.persona(p);
        }
        if let Some(t) = title {
            options = options.title(t);
        }
        if let Some(names) = lanes {
            let parsed = Lane::parse_list(&names).map_err(|e| to_pyerr(py, &e, Origin::OBJECT))?;
            options = options.lanes(parsed);
        }
        if let Some(px) = column_width {
            options = options.column_width(px);
        }
        if let Some(px) = min_width {
            options = options.min_width(px);
        }
        py.detach(|| self.map.to_svg(&options))
            .map_err(text_err(py))
    }

    /// The SVG canvas, for inline display in Jupyter.
    fn _repr_svg_(&self, py: Python<'_>) -> PyResult<String> {
        self.to_svg(py, None, None, None, true, None, None, None)
    }

    /// The Mermaid ``journey`` diagram.
    ///
    /// >>> shop = JourneyMap.from_dict({
    /// ...     "name": "Shop",
    /// ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    /// ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    /// ...     "touchpoints": [
    /// ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    /// ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    /// ...     "transitions": [{"from": "home", "to": "pay"}]})
    /// >>> print(shop.to_mermaid())
    /// journey
    ///   title Shop
    ///   section Visit
    ///     Home: 3
    ///   section Buy
    ///     Pay: 3
    fn to_mermaid(&self) -> String {
        mermaid::journey(&self.map)
    }

    /// The touchpoint graph as a Mermaid ``flowchart LR``.
    ///
    /// >>> shop = JourneyMap.from_dict({
    /// ...     "name": "Shop",
    /// ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    /// ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    /// ...     "touchpoints": [
    /// ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    /// ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    /// ...     "transitions": [{"from": "home", "to": "pay"}]})
    /// >>> print(shop.to_mermaid_flowchart())
    /// ---
    /// title: "Shop"
    /// ---
    /// flowchart LR
    ///   subgraph st0["Visit"]
    ///     tp0["Home<br>Web"]
    ///   end
    ///   subgraph st1["Buy"]
    ///     tp1(["Pay<br>Web"])
    ///   end
    ///   tp0 --> tp1
    ///   classDef conversion fill:#d9f2d9,stroke:#2e7d32,stroke-width:2px
    ///   classDef exit fill:#fbe0e0,stroke:#c62828,stroke-width:2px
    ///   class tp1 conversion
    fn to_mermaid_flowchart(&self) -> String {
        mermaid::flowchart(&self.map)
    }

    /// The touchpoint graph as Graphviz DOT text.
    ///
    /// >>> shop = JourneyMap.from_dict({
    /// ...     "name": "Shop",
    /// ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    /// ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    /// ...     "touchpoints": [
    /// ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    /// ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    /// ...     "transitions": [{"from": "home", "to": "pay"}]})
    /// >>> shop.to_dot().startswith("digraph"), '"home" -> "pay"' in shop.to_dot()
    /// (True, True)
    fn to_dot(&self) -> String {
        dot::dot(&self.map)
    }

    /// The touchpoints as CSV, one row each with a header. Cells a
    /// spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``...)
    /// are prefixed with ``'`` unless ``raw``.
    ///
    /// >>> shop = JourneyMap.from_dict({
    /// ...     "name": "Shop",
    /// ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    /// ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    /// ...     "touchpoints": [
    /// ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    /// ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    /// ...     "transitions": [{"from": "home", "to": "pay"}]})
    /// >>> rows = shop.to_csv().splitlines()
    /// >>> rows[0].split(",")[:4], len(rows)
    /// (['stage_order', 'stage_id', 'stage_name', 'touchpoint_order'], 3)
    #[pyo3(signature = (raw=false))]
    fn to_csv(&self, py: Python<'_>, raw: bool) -> PyResult<String> {
        let options = if raw {
            CsvOptions::raw()
        } else {
            CsvOptions::default()
        };
        touchpoints_csv_with(&self.map, &options).map_err(text_err(py))
    }

    /// Reads a Mermaid ``journey`` diagram; ParseError
    /// (``MERMAID_SYNTAX``, with ``line``/``column``) for malformed text.
    ///
    /// >>> m = JourneyMap.from_mermaid(
    /// ...     "journey\n  title Morning\n  section Home\n    Make tea: 5: Me\n")
    /// >>> m.name, m.touchpoints[0]["emotion"]["score"]
    /// ('Morning', 2)
    #[classmethod]
    fn from_mermaid(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &str) -> PyResult<Self> {
        py.detach(|| mermaid_import::parse_journey(text))
            .map(|map| PyJourneyMap { map })
            .map_err(text_err(py))
    }
}
