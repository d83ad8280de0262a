//! Lint: diagnostics of a map, the rule catalogue and its explanations.

use journeymap::lint::{rule, LintConfig, RULES};
use journeymap::Error;
use wasm_bindgen::prelude::*;

use crate::convert::{out, parse};
use crate::error::{throw, JsResult};
use crate::map::RawJourneyMap;

#[wasm_bindgen]
impl RawJourneyMap {
    /// Lints the map with a [`LintConfig`] given as JSON (`{"today",
    /// "disable", "severity", "max_review_age_days"}`, every key optional);
    /// returns the diagnostics (JSON list). A configuration naming an
    /// unknown rule is refused (`INVALID_VALUE`, [`LintConfig::check`])
    /// rather than reported as a `JM-L000` diagnostic.
    pub fn lint(&self, config: &str) -> JsResult<String> {
        let config: LintConfig = parse(config)?;
        config.check().map_err(throw)?;
        out(&self.map().lint(&config))
    }
}

/// The lint rule catalogue (JSON list of rules, in code order).
#[wasm_bindgen]
pub fn lint_rules() -> JsResult<String> {
    out(RULES)
}

/// The documentation of a rule (by code or name, any letter case) as plain
/// text; `INVALID_VALUE` for a name no rule has.
#[wasm_bindgen]
pub fn explain_rule(code_or_name: &str) -> JsResult<String> {
    explanation(code_or_name).map_err(throw)
}

/// [`explain_rule`] without the JavaScript error type.
///
/// ```
/// let text = journeymap_wasm::lint::explanation("dead-end").unwrap();
/// assert!(text.starts_with("JM-L003 dead-end"));
/// assert_eq!(journeymap_wasm::lint::explanation("JM-L999").unwrap_err().code(), "INVALID_VALUE");
/// ```
pub fn explanation(code_or_name: &str) -> Result<String, Error> {
    rule(code_or_name)
        .map(|r| r.explain())
        .ok_or_else(|| Error::InvalidValue {
            id: Some(code_or_name.to_owned()),
            path: String::new(),
            message: format!("unknown lint rule {code_or_name:?}; lintRules() lists the rules"),
        })
}
