//! Rendering (SVG, Mermaid, DOT, CSV) and the Mermaid `journey` import.

use journeymap::render::csv::{touchpoints_csv_with, CsvOptions};
use journeymap::render::svg::{read_report, Lane, SvgOptions};
use journeymap::render::{dot, mermaid, mermaid_import};
use journeymap::{Error, JourneyMap};
use wasm_bindgen::prelude::*;

use crate::error::{throw, JsResult};
use crate::map::RawJourneyMap;

#[wasm_bindgen]
impl RawJourneyMap {
    /// The SVG journey canvas. `lanes`: lane names, in order (all when
    /// absent); `NOT_FOUND` for an unknown persona, `INVALID_VALUE` (with
    /// path `/lanes/N`) for an unknown lane. `report`: the JSON of a journey
    /// report to overlay (located `JSON_*` / `MISSING_FIELD` errors, paths
    /// inside the report).
    #[allow(clippy::too_many_arguments)]
    pub fn to_svg(
        &self,
        persona: Option<String>,
        title: Option<String>,
        lanes: Option<Vec<String>>,
        legend: Option<bool>,
        column_width: Option<u32>,
        min_width: Option<u32>,
        report: Option<String>,
    ) -> JsResult<String> {
        svg(
            self.map(),
            persona,
            title,
            lanes.as_deref(),
            legend,
            column_width,
            min_width,
            report.as_deref(),
        )
        .map_err(throw)
    }

    /// The Mermaid `journey` diagram.
    pub fn to_mermaid(&self) -> String {
        mermaid::journey(self.map())
    }

    /// The Mermaid `flowchart LR` of the touchpoint graph.
    pub fn to_mermaid_flowchart(&self) -> String {
        mermaid::flowchart(self.map())
    }

    /// The Graphviz DOT text of the touchpoint graph.
    pub fn to_dot(&self) -> String {
        dot::dot(self.map())
    }

    /// The touchpoints as CSV; `raw` leaves formula-like cells as they are.
    pub fn to_csv(&self, raw: bool) -> JsResult<String> {
        let options = if raw {
            CsvOptions::raw()
        } else {
            CsvOptions::default()
        };
        touchpoints_csv_with(self.map(), &options).map_err(throw)
    }

    /// Reads a Mermaid `journey` diagram into a map (`MERMAID_SYNTAX` with
    /// line and column for malformed text).
    pub fn from_mermaid(text: &str) -> JsResult<RawJourneyMap> {
        mermaid_import::parse_journey(text)
            .map(RawJourneyMap::new)
            .map_err(throw)
    }
}

/// [`RawJourneyMap::to_svg`] without the JavaScript error type.
///
/// ```
/// let map = journeymap::JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "a", "name": "A"}]}"#).unwrap();
/// let lanes = ["emotions".to_owned(), "nope".to_owned()];
/// let err = journeymap_wasm::render::svg(&map, None, None, Some(&lanes), None, None, None, None).unwrap_err();
/// assert_eq!((err.code(), err.path()), ("INVALID_VALUE", Some("/lanes/1")));
/// assert!(journeymap_wasm::render::svg(&map, None, None, None, None, None, None, None).unwrap().contains("<svg"));
/// let err = journeymap_wasm::render::svg(&map, None, None, None, None, None, None, Some("{}")).unwrap_err();
/// assert_eq!(err.code(), "MISSING_FIELD");
/// ```
#[allow(clippy::too_many_arguments)]
pub fn svg(
    map: &JourneyMap,
    persona: Option<String>,
    title: Option<String>,
    lanes: Option<&[String]>,
    legend: Option<bool>,
    column_width: Option<u32>,
    min_width: Option<u32>,
    report: Option<&str>,
) -> Result<String, Error> {
    let mut options = SvgOptions::new();
    if let Some(text) = report {
        options = options.report(read_report(text)?);
    }
    if let Some(persona) = persona {
        options = options.persona(persona);
    }
    if let Some(title) = title {
        options = options.title(title);
    }
    if let Some(names) = lanes {
        options = options.lanes(Lane::parse_list(names)?);
    }
    if let Some(legend) = legend {
        options = options.legend(legend);
    }
    if let Some(px) = column_width {
        options = options.column_width(px);
    }
    if let Some(px) = min_width {
        options = options.min_width(px);
    }
    map.to_svg(&options)
}
