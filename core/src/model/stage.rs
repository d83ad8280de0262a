//! Stages: the phases of the journey, in order.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::StageId;

/// The common kinds of stage. A business may define its own stages with
/// [`StageKind::Custom`] (or leave the kind out).
///
/// ```
/// use journeymap::model::StageKind;
/// let k: StageKind = serde_json::from_str("\"retention\"").unwrap();
/// assert_eq!(k, StageKind::Retention);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    /// The customer learns the offer exists.
    Awareness,
    /// The customer compares and evaluates.
    Consideration,
    /// The customer buys or signs.
    Purchase,
    /// The customer keeps using and buying.
    Retention,
    /// The customer recommends.
    Advocacy,
    /// Any other stage a business defines.
    Custom,
}

/// A stage of the journey. The order of `stages` in the document is the order
/// of the journey.
///
/// ```
/// use journeymap::model::{Stage, StageKind};
/// let s = Stage::new("purchase", "Purchase").with_kind(StageKind::Purchase);
/// assert_eq!(s.kind, Some(StageKind::Purchase));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Unique stage id.
    pub id: StageId,
    /// Human-readable name (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub name: String,
    /// Free text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What the customer wants to achieve in this stage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// Which common stage this is, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<StageKind>,
}

impl Stage {
    /// A stage with an id and a name.
    ///
    /// ```
    /// use journeymap::model::Stage;
    /// let s = Stage::new("awareness", "Awareness");
    /// assert_eq!((s.id.as_str(), s.kind), ("awareness", None));
    /// ```
    pub fn new(id: impl Into<StageId>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            ..Self::default()
        }
    }

    /// Sets the stage kind.
    ///
    /// ```
    /// use journeymap::model::{Stage, StageKind};
    /// let s = Stage::new("loyal", "Loyalty").with_kind(StageKind::Retention);
    /// assert_eq!(s.kind, Some(StageKind::Retention));
    /// ```
    pub fn with_kind(mut self, kind: StageKind) -> Self {
        self.kind = Some(kind);
        self
    }
}
