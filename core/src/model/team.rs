//! Teams: who inside the business owns each step.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::TeamId;

/// A team that owns touchpoints.
///
/// ```
/// use journeymap::model::Team;
/// let t = Team::new("support", "Customer support");
/// assert_eq!(t.name, "Customer support");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Unique team id.
    pub id: TeamId,
    /// Human-readable name (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub name: String,
    /// Free text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Team {
    /// A team with an id and a name.
    ///
    /// ```
    /// use journeymap::model::Team;
    /// let t = Team::new("support", "Customer support");
    /// assert_eq!((t.id.as_str(), t.description), ("support", None));
    /// ```
    pub fn new(id: impl Into<TeamId>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            description: None,
        }
    }
}
