//! Rendering (SVG, Mermaid, DOT, CSV) and the Mermaid `journey` import.

use journeymap::render::csv::{touchpoints_csv_with, CsvOptions};
use journeymap::render::svg::SvgOptions;
use journeymap::render::{dot, mermaid, mermaid_import};
use pyo3::prelude::*;
use pyo3::types::PyType;

use crate::errors::text_err;
use crate::map::PyJourneyMap;

#[pymethods]
impl PyJourneyMap {
    /// The map as an SVG journey canvas (stages as columns, lanes for
    /// touchpoints, emotions, pain points...). `persona` restricts it to
    /// that persona's journey (`NotFoundError` for an unknown persona).
    #[pyo3(signature = (persona=None))]
    fn to_svg(&self, py: Python<'_>, persona: Option<String>) -> PyResult<String> {
        let mut options = SvgOptions::new();
        if let Some(p) = persona {
            options = options.persona(p);
        }
        py.detach(|| self.map.to_svg(&options))
            .map_err(text_err(py))
    }

    /// The SVG canvas, so that maps show inline in Jupyter.
    fn _repr_svg_(&self, py: Python<'_>) -> PyResult<String> {
        self.to_svg(py, None)
    }

    /// The map as a Mermaid `journey` diagram.
    fn to_mermaid(&self) -> String {
        mermaid::journey(&self.map)
    }

    /// The touchpoint graph as a Mermaid `flowchart LR`.
    fn to_mermaid_flowchart(&self) -> String {
        mermaid::flowchart(&self.map)
    }

    /// The touchpoint graph as Graphviz DOT text.
    fn to_dot(&self) -> String {
        dot::dot(&self.map)
    }

    /// The touchpoints as CSV, one row each. Cells that a spreadsheet would
    /// read as a formula are neutralised unless `raw` is true.
    #[pyo3(signature = (raw=false))]
    fn to_csv(&self, py: Python<'_>, raw: bool) -> PyResult<String> {
        let options = if raw {
            CsvOptions::raw()
        } else {
            CsvOptions::default()
        };
        touchpoints_csv_with(&self.map, &options).map_err(text_err(py))
    }

    /// Reads a Mermaid `journey` diagram into a map; malformed text raises
    /// `ParseError` (`MERMAID_SYNTAX`) with `line` and `column`.
    #[classmethod]
    fn from_mermaid(_cls: &Bound<'_, PyType>, py: Python<'_>, text: &str) -> PyResult<Self> {
        py.detach(|| mermaid_import::parse_journey(text))
            .map(|map| PyJourneyMap { map })
            .map_err(text_err(py))
    }
}
