//! Key performance indicators.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A KPI: a named measure, optionally with a target and a unit.
///
/// ```
/// use journeymap::model::Kpi;
/// let k = Kpi::new("Cart abandonment").with_target(0.6, "ratio");
/// assert_eq!(k.target, Some(0.6));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// What is measured (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub name: String,
    /// The value aimed for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Unit of the value (%, EUR, days, ratio, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

impl Kpi {
    /// A KPI with a name and no target.
    ///
    /// ```
    /// use journeymap::model::Kpi;
    /// let k = Kpi::new("Repeat purchase rate");
    /// assert_eq!((k.name.as_str(), k.target), ("Repeat purchase rate", None));
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            ..Self::default()
        }
    }

    /// Sets the target and its unit.
    ///
    /// ```
    /// use journeymap::model::Kpi;
    /// let k = Kpi::new("NPS").with_target(50.0, "points");
    /// assert_eq!((k.target, k.unit.as_deref()), (Some(50.0), Some("points")));
    /// ```
    pub fn with_target(mut self, target: f64, unit: impl Into<String>) -> Self {
        self.target = Some(target);
        self.unit = Some(unit.into());
        self
    }
}
