//! Errors thrown to JavaScript.
//!
//! A failure is thrown as a JS string holding the JSON form of a
//! [`journeymap::Error`] (its `Serialize` output: a `message` without
//! location), plus `text`, the error's `Display` (the message with its
//! line, column or row). The package's `lib/api.js` recognises such a
//! string and rethrows it as a `JourneyMapError`, with `text` as the
//! message when the error points into text the user gave.

use journeymap::Error;
use wasm_bindgen::JsValue;

/// Result of a function exported to JavaScript.
pub type JsResult<T> = Result<T, JsValue>;

/// The JSON text an error is thrown as.
///
/// ```
/// let text = journeymap_wasm::error::error_text(&journeymap::Error::NoStages);
/// assert!(text.starts_with(r#"{"code":"NO_STAGES""#));
/// ```
pub fn error_text(err: &Error) -> String {
    // An Error serialises to a map of strings and integers: this cannot fail.
    // Should it ever, a message-only object still reaches JavaScript.
    let mut value = serde_json::to_value(err)
        .unwrap_or_else(|_| serde_json::json!({"code": err.code(), "message": err.message()}));
    if let Some(map) = value.as_object_mut() {
        map.insert("text".into(), err.to_string().into());
    }
    value.to_string()
}

/// Converts an error into the value thrown to JavaScript.
pub fn throw(err: Error) -> JsValue {
    JsValue::from_str(&error_text(&err))
}
