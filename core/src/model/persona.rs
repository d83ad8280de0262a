//! Personas: who the customer is.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::PersonaId;

/// Free key/value attributes (demographics, psychographics, extra metadata).
/// Any JSON value is allowed; keys are kept in sorted order.
///
/// ```
/// use journeymap::model::{Attributes, Persona};
/// let mut p = Persona::new("parent", "Busy parent");
/// p.demographics.insert("age".into(), serde_json::json!("35-44"));
/// p.demographics.insert("children".into(), serde_json::json!(2));
/// let keys: Vec<&String> = p.demographics.keys().collect();
/// assert_eq!(keys, ["age", "children"]);
/// let _: &Attributes = &p.psychographics;
/// ```
pub type Attributes = BTreeMap<String, serde_json::Value>;

/// A persona: an archetype of the customer whose journey the map follows.
///
/// ```
/// use journeymap::model::Persona;
/// let p = Persona::new("busy-parent", "Busy parent")
///     .with_goal("Good coffee before the school run");
/// assert_eq!(p.goals.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// Unique persona id.
    pub id: PersonaId,
    /// Human-readable name (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub name: String,
    /// Free text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What the persona wants to achieve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<String>,
    /// Why they want it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub motivations: Vec<String>,
    /// What annoys them in general (not tied to one touchpoint).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub frustrations: Vec<String>,
    /// Observed habits and behaviours.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub behaviours: Vec<String>,
    /// Demographic attributes (age band, location, role, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub demographics: Attributes,
    /// Psychographic attributes (values, attitudes, interests, ...).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub psychographics: Attributes,
    /// URL of a picture of the persona.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

impl Persona {
    /// A persona with an id and a name and nothing else.
    ///
    /// ```
    /// use journeymap::model::Persona;
    /// let p = Persona::new("parent", "Busy parent");
    /// assert_eq!((p.name.as_str(), p.goals.len()), ("Busy parent", 0));
    /// ```
    pub fn new(id: impl Into<PersonaId>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            ..Self::default()
        }
    }

    /// Adds a goal.
    ///
    /// ```
    /// use journeymap::model::Persona;
    /// let p = Persona::new("parent", "Busy parent").with_goal("Coffee before 7am");
    /// assert_eq!(p.goals, ["Coffee before 7am"]);
    /// ```
    pub fn with_goal(mut self, goal: impl Into<String>) -> Self {
        self.goals.push(goal.into());
        self
    }
}
