//! Metadata about the map itself: authorship, dates, tags, lint settings.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Attributes;

/// Severity a lint rule reports with.
///
/// ```
/// use journeymap::model::LintSeverity;
/// assert!(LintSeverity::Error > LintSeverity::Info);
/// ```
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LintSeverity {
    /// Worth knowing.
    Info,
    /// Should be looked at.
    Warning,
    /// Must be fixed.
    Error,
}

/// Per-map lint settings.
///
/// ```
/// use journeymap::model::LintSettings;
/// let s: LintSettings = serde_json::from_str(r#"{"disable": ["JM-L011"]}"#).unwrap();
/// assert_eq!(s.disable, vec!["JM-L011".to_string()]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LintSettings {
    /// Rule codes turned off for this map.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disable: Vec<String>,
    /// Severity overrides, by rule code.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub severity: BTreeMap<String, LintSeverity>,
    /// Days after `last_reviewed` before the map counts as stale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_review_age_days: Option<u32>,
}

impl LintSettings {
    fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// Metadata about the map.
///
/// Dates are calendar dates `YYYY-MM-DD`; a malformed date is refused when the
/// map is built.
///
/// ```
/// use journeymap::model::Metadata;
/// let m = Metadata { last_reviewed: Some("2026-10-01".into()), ..Default::default() };
/// assert!(m.authors.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// Who wrote the map.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// When the map was created (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"), extend("format" = "date"))]
    pub created: Option<String>,
    /// When the map was last changed (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"), extend("format" = "date"))]
    pub updated: Option<String>,
    /// When the map was last checked against reality (YYYY-MM-DD).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(r"^\d{4}-\d{2}-\d{2}$"), extend("format" = "date"))]
    pub last_reviewed: Option<String>,
    /// Free tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Lint settings for this map.
    #[serde(default, skip_serializing_if = "LintSettings::is_empty")]
    pub lint: LintSettings,
    /// Free key/values.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Attributes,
}

impl Metadata {
    /// Whether nothing is set.
    ///
    /// ```
    /// use journeymap::model::Metadata;
    /// assert!(Metadata::default().is_empty());
    /// assert!(!Metadata { tags: vec!["q3".into()], ..Metadata::default() }.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}
