//! The journey-map document: what is stored and exchanged as JSON.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Channel, Metadata, Objective, Persona, Stage, Team, Touchpoint, Transition};

/// The document format version this library writes and reads.
///
/// ```
/// use journeymap::model::{JourneyDocument, FORMAT_VERSION};
/// assert_eq!(JourneyDocument::new("x").format_version, FORMAT_VERSION);
/// let err = journeymap::JourneyMap::from_json(r#"{"format_version": 2, "name": "x", "stages": []}"#).unwrap_err();
/// assert!(err.to_string().contains("newer than this journeymap reads"));
/// ```
pub const FORMAT_VERSION: u32 = 1;

fn format_version_default() -> u32 {
    FORMAT_VERSION
}

/// A journey-map document (format version 1), exactly as stored in JSON.
///
/// A document may break invariants; a [`crate::JourneyMap`] never does. Build
/// one with [`crate::JourneyMap::from_document`] to check them.
///
/// ```
/// use journeymap::model::{JourneyDocument, Stage};
/// let mut doc = JourneyDocument::new("Coffee maker");
/// doc.stages.push(Stage::new("awareness", "Awareness"));
/// let json = serde_json::to_string(&doc).unwrap();
/// assert!(json.contains("\"format_version\":1"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "Journey map",
    description = "A customer journey map (journeymap format version 1)."
)]
pub struct JourneyDocument {
    /// Document format version; this library reads and writes version 1.
    #[serde(
        default = "format_version_default",
        deserialize_with = "super::integral::u32_from_integral"
    )]
    #[schemars(range(min = 1, max = 1))]
    pub format_version: u32,
    /// Title of the map (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub name: String,
    /// Free text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Who the customers are.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<Persona>,
    /// The phases of the journey, in order (at least one).
    #[schemars(length(min = 1))]
    pub stages: Vec<Stage>,
    /// Where customers meet the business.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub channels: Vec<Channel>,
    /// Who owns the steps.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub teams: Vec<Team>,
    /// The steps of the journey.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touchpoints: Vec<Touchpoint>,
    /// Planned moves between touchpoints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<Transition>,
    /// What the map is for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
    /// Authorship, dates, tags, lint settings.
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
}

impl JourneyDocument {
    /// An empty document (no stages yet, so not a valid map until one is added).
    ///
    /// ```
    /// use journeymap::model::{JourneyDocument, Stage};
    /// use journeymap::JourneyMap;
    /// let mut doc = JourneyDocument::new("Shop");
    /// assert_eq!(JourneyMap::from_document(doc.clone()).unwrap_err().code(), "NO_STAGES");
    /// doc.stages.push(Stage::new("visit", "Visit"));
    /// assert_eq!(JourneyMap::from_document(doc).unwrap().name(), "Shop");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            name: name.into(),
            description: None,
            personas: Vec::new(),
            stages: Vec::new(),
            channels: Vec::new(),
            teams: Vec::new(),
            touchpoints: Vec::new(),
            transitions: Vec::new(),
            objectives: Vec::new(),
            metadata: Metadata::default(),
        }
    }
}
