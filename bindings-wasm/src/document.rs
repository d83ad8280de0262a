//! Module-level functions: version, validation, limits. (The JSON Schemas
//! ship as data in the package's `lib/schemas.js`, generated from `schema/`.)

use journeymap::{JourneyMap, Limits};
use wasm_bindgen::prelude::*;

use crate::convert::to_text;
use crate::error::{throw, JsResult};

/// Version of the journeymap library inside this package.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// Every invariant violation of a document given as JSON text, as the JSON
/// text of a list of errors (`[]` when the document is a valid map). Never
/// throws for a bad document: a parse error is one item of the list.
#[wasm_bindgen]
pub fn validate_text(text: &str) -> JsResult<String> {
    validation_report(text).map_err(throw)
}

/// [`validate_text`] without the JavaScript error type.
///
/// ```
/// let report = journeymap_wasm::document::validation_report(r#"{"name": "x", "stages": []}"#).unwrap();
/// assert!(report.contains("NO_STAGES"));
/// assert_eq!(journeymap_wasm::document::validation_report(r#"{"name": "x", "stages": [{"id": "s", "name": "S"}]}"#).unwrap(), "[]");
/// ```
pub fn validation_report(text: &str) -> Result<String, journeymap::Error> {
    match JourneyMap::from_json(text) {
        Ok(map) => to_text(&map.validate()),
        Err(err) => to_text(err.violations()),
    }
}

/// Largest JSON text accepted, in bytes. The JavaScript layer refuses longer
/// strings before copying them into WebAssembly memory.
#[wasm_bindgen]
pub fn max_document_bytes() -> f64 {
    // A usize on wasm32 is exact as an f64.
    Limits::default().max_document_bytes as f64
}

/// Bytes of WebAssembly memory the module holds (it grows to the largest
/// run and is reused by later ones; the tests check that it stops growing).
#[wasm_bindgen]
pub fn memory_bytes() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        // Pages of 64 KiB; at most 4 GiB, exact as an f64.
        (core::arch::wasm32::memory_size(0) * 65_536) as f64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

/// The JSON Pointer of a path given as its unescaped keys (core's
/// [`journeymap::pointer::of`]): the package locates the values it refuses
/// with it.
///
/// ```
/// assert_eq!(journeymap_wasm::document::pointer_of(vec!["0".into(), "a/b".into()]), "/0/a~1b");
/// ```
#[wasm_bindgen]
pub fn pointer_of(keys: Vec<String>) -> String {
    journeymap::pointer::of(keys)
}
