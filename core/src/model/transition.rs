//! Transitions: the planned moves from one touchpoint to the next.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{PersonaId, TouchpointId};

/// A planned move between two touchpoints. At most one transition per
/// ordered pair `(from, to)`; never from a touchpoint to itself.
///
/// ```
/// use journeymap::model::Transition;
/// let t = Transition::new("tp-cart", "tp-checkout").with_expected_rate(0.7);
/// assert_eq!(t.expected_rate, Some(0.7));
/// assert!(!t.is_loop);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// Touchpoint the customer comes from.
    pub from: TouchpointId,
    /// Touchpoint the customer goes to.
    pub to: TouchpointId,
    /// Personas taking this transition; empty means all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<PersonaId>,
    /// Share of customers at `from` expected to move to `to` (0..=1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0.0, max = 1.0))]
    pub expected_rate: Option<f64>,
    /// A deliberate return to an earlier stage (repurchase, renewal).
    #[serde(default, rename = "loop", skip_serializing_if = "std::ops::Not::not")]
    pub is_loop: bool,
    /// Free text label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Transition {
    /// A transition between two touchpoints.
    ///
    /// ```
    /// use journeymap::model::Transition;
    /// let t = Transition::new("cart", "checkout");
    /// assert_eq!((t.from.as_str(), t.to.as_str(), t.is_loop), ("cart", "checkout", false));
    /// ```
    pub fn new(from: impl Into<TouchpointId>, to: impl Into<TouchpointId>) -> Self {
        Self {
            from: from.into(),
            to: to.into(),
            ..Self::default()
        }
    }

    /// Sets the expected rate.
    ///
    /// ```
    /// use journeymap::model::Transition;
    /// assert_eq!(Transition::new("cart", "checkout").with_expected_rate(0.4).expected_rate, Some(0.4));
    /// ```
    pub fn with_expected_rate(mut self, rate: f64) -> Self {
        self.expected_rate = Some(rate);
        self
    }

    /// Marks the transition as a deliberate loop.
    ///
    /// ```
    /// use journeymap::model::Transition;
    /// assert!(Transition::new("repurchase", "browse").as_loop().is_loop);
    /// ```
    pub fn as_loop(mut self) -> Self {
        self.is_loop = true;
        self
    }

    /// Whether the transition applies to `persona` (empty list = all).
    ///
    /// ```
    /// use journeymap::model::Transition;
    /// let mut t = Transition::new("cart", "checkout");
    /// assert!(t.applies_to("anyone"));
    /// t.personas.push("buyer".into());
    /// assert!(t.applies_to("buyer") && !t.applies_to("browser"));
    /// ```
    pub fn applies_to(&self, persona: &str) -> bool {
        self.personas.is_empty() || self.personas.iter().any(|p| p.as_str() == persona)
    }
}
