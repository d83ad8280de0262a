//! Objectives: what the map is for, and how success is measured.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Kpi, ObjectiveId, StageId, TouchpointId};

/// What counts as converting for an objective: reaching a touchpoint, or
/// reaching any touchpoint of a stage.
///
/// ```
/// use journeymap::model::ConversionTarget;
/// let c: ConversionTarget = serde_json::from_str(r#"{"touchpoint": "tp-order"}"#).unwrap();
/// assert_eq!(c, ConversionTarget::Touchpoint("tp-order".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ConversionTarget {
    /// Reaching this touchpoint.
    Touchpoint(TouchpointId),
    /// Reaching any touchpoint of this stage.
    Stage(StageId),
}

/// An objective of the map (reduce cart abandonment, raise retention, ...).
///
/// ```
/// use journeymap::model::{Kpi, Objective};
/// let o = Objective::new("obj-cart", "Reduce cart abandonment")
///     .with_kpi(Kpi::new("Abandonment rate").with_target(55.0, "%"));
/// assert_eq!(o.kpis.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    /// Unique objective id.
    pub id: ObjectiveId,
    /// Human-readable name (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub name: String,
    /// Free text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// How success is measured.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<Kpi>,
    /// What counts as converting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversion: Option<ConversionTarget>,
}

impl Objective {
    /// An objective with an id and a name.
    ///
    /// ```
    /// use journeymap::model::Objective;
    /// let o = Objective::new("retain", "Keep subscribers");
    /// assert_eq!((o.id.as_str(), o.conversion), ("retain", None));
    /// ```
    pub fn new(id: impl Into<ObjectiveId>, name: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            ..Self::default()
        }
    }

    /// Adds a KPI.
    ///
    /// ```
    /// use journeymap::model::{Kpi, Objective};
    /// let o = Objective::new("retain", "Keep subscribers").with_kpi(Kpi::new("Churn").with_target(2.0, "%"));
    /// assert_eq!(o.kpis[0].name, "Churn");
    /// ```
    pub fn with_kpi(mut self, kpi: Kpi) -> Self {
        self.kpis.push(kpi);
        self
    }

    /// Sets the conversion definition.
    ///
    /// ```
    /// use journeymap::model::{ConversionTarget, Objective};
    /// let o = Objective::new("sell", "Sell").with_conversion(ConversionTarget::Stage("purchase".into()));
    /// assert_eq!(o.conversion, Some(ConversionTarget::Stage("purchase".into())));
    /// ```
    pub fn with_conversion(mut self, target: ConversionTarget) -> Self {
        self.conversion = Some(target);
        self
    }
}
