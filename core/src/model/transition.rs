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
    pub fn new(from: impl Into<TouchpointId>, to: impl Into<TouchpointId>) -> Self {
        Self {
            from: from.into(),
            to: to.into(),
            ..Self::default()
        }
    }

    /// Sets the expected rate.
    pub fn with_expected_rate(mut self, rate: f64) -> Self {
        self.expected_rate = Some(rate);
        self
    }

    /// Marks the transition as a deliberate loop.
    pub fn as_loop(mut self) -> Self {
        self.is_loop = true;
        self
    }

    /// Whether the transition applies to `persona` (empty list = all).
    pub fn applies_to(&self, persona: &str) -> bool {
        self.personas.is_empty() || self.personas.iter().any(|p| p.as_str() == persona)
    }
}
