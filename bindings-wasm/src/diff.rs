//! Structural diff between two maps.

use wasm_bindgen::prelude::*;

use crate::convert::out;
use crate::error::JsResult;
use crate::map::RawJourneyMap;

#[wasm_bindgen]
impl RawJourneyMap {
    /// The differences from this map (the old version) to `newer` (JSON of
    /// a [`journeymap::diff::MapDiff`]).
    pub fn diff(&self, newer: &RawJourneyMap) -> JsResult<String> {
        out(&journeymap::diff::diff(self.map(), newer.map()))
    }
}
