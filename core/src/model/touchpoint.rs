//! Touchpoints: where, in which stage and on which channel, the customer meets
//! the business, and what they do, feel and suffer there.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ChannelId, Kpi, OpportunityId, PainPointId, PersonaId, StageId, TeamId, TouchpointId};

/// The role of a touchpoint in the journey.
///
/// ```
/// use journeymap::model::TouchpointKind;
/// assert_eq!(TouchpointKind::default(), TouchpointKind::Step);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TouchpointKind {
    /// An ordinary step.
    #[default]
    Step,
    /// Reaching it means the customer converted (bought, signed, renewed...).
    Conversion,
    /// A planned way out of the journey (unsubscribe, churn, cancel...).
    Exit,
}

impl TouchpointKind {
    fn is_step(&self) -> bool {
        *self == TouchpointKind::Step
    }
}

/// What the customer feels at a touchpoint.
///
/// `score` runs from -2 (very negative) to 2 (very positive); a score outside
/// that range is an invariant error.
///
/// ```
/// use journeymap::model::Emotion;
/// let e = Emotion::new(-1, "frustrated");
/// assert_eq!(e.score, -1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Emotion {
    /// -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive.
    #[serde(deserialize_with = "super::integral::i64_from_integral")]
    #[schemars(range(min = -2, max = 2))]
    pub score: i64,
    /// A word for the feeling ("confused", "delighted").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Emotion {
    /// An emotion with a score and a label.
    ///
    /// ```
    /// use journeymap::model::Emotion;
    /// let e = Emotion::new(-2, "frustrated");
    /// assert_eq!((e.score, e.label.as_deref()), (-2, Some("frustrated")));
    /// ```
    pub fn new(score: i64, label: impl Into<String>) -> Self {
        Self {
            score,
            label: Some(label.into()),
        }
    }
}

/// How much a pain point hurts.
///
/// ```
/// use journeymap::model::Severity;
/// assert!(Severity::High > Severity::Low);
/// ```
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Minor annoyance.
    Low,
    /// Noticeable friction.
    #[default]
    Medium,
    /// Loses customers.
    High,
    /// Blocks the journey.
    Critical,
}

/// Something that hurts at a touchpoint.
///
/// ```
/// use journeymap::model::{PainPoint, Severity};
/// let p = PainPoint::new("pp-fees", "Shipping fees shown only at checkout", Severity::High);
/// assert_eq!(p.severity, Severity::High);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PainPoint {
    /// Unique pain point id (across the whole map).
    pub id: PainPointId,
    /// What hurts (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub description: String,
    /// How much it hurts.
    #[serde(default)]
    pub severity: Severity,
}

impl PainPoint {
    /// A pain point.
    ///
    /// ```
    /// use journeymap::model::{PainPoint, Severity};
    /// let p = PainPoint::new("pp-wait", "Long wait for support", Severity::Critical);
    /// assert_eq!((p.id.as_str(), p.severity), ("pp-wait", Severity::Critical));
    /// ```
    pub fn new(
        id: impl Into<PainPointId>,
        description: impl Into<String>,
        severity: Severity,
    ) -> Self {
        Self {
            id: id.into(),
            description: description.into(),
            severity,
        }
    }
}

/// Where an opportunity stands.
///
/// ```
/// use journeymap::model::OpportunityStatus;
/// assert_eq!(OpportunityStatus::default(), OpportunityStatus::Idea);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OpportunityStatus {
    /// Proposed, not decided.
    #[default]
    Idea,
    /// Decided and scheduled.
    Planned,
    /// Being built.
    InProgress,
    /// Shipped.
    Done,
    /// Decided against.
    Rejected,
}

/// Something that could make the experience better, usually addressing pain
/// points (by id, anywhere in the map).
///
/// ```
/// use journeymap::model::Opportunity;
/// let o = Opportunity::new("op-free-ship", "Free shipping over 50 EUR").addressing("pp-fees");
/// assert_eq!(o.addresses.len(), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    /// Unique opportunity id (across the whole map).
    pub id: OpportunityId,
    /// What could be done (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub description: String,
    /// Pain points this opportunity addresses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addresses: Vec<PainPointId>,
    /// Where it stands.
    #[serde(default)]
    pub status: OpportunityStatus,
}

impl Opportunity {
    /// An opportunity in status `idea`.
    ///
    /// ```
    /// use journeymap::model::{Opportunity, OpportunityStatus};
    /// let o = Opportunity::new("op-chat", "Offer live chat");
    /// assert_eq!((o.status, o.addresses.len()), (OpportunityStatus::Idea, 0));
    /// ```
    pub fn new(id: impl Into<OpportunityId>, description: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            description: description.into(),
            ..Self::default()
        }
    }

    /// Adds a pain point this opportunity addresses.
    ///
    /// ```
    /// use journeymap::model::Opportunity;
    /// let o = Opportunity::new("op-chat", "Offer live chat").addressing("pp-wait").addressing("pp-hold");
    /// let ids: Vec<&str> = o.addresses.iter().map(|p| p.as_str()).collect();
    /// assert_eq!(ids, ["pp-wait", "pp-hold"]);
    /// ```
    pub fn addressing(mut self, pain_point: impl Into<PainPointId>) -> Self {
        self.addresses.push(pain_point.into());
        self
    }
}

/// What the business says at a touchpoint, for consistency checks.
///
/// ```
/// use journeymap::model::Message;
/// let m = Message { tone: Some("friendly".into()), purpose: Some("reassure".into()) };
/// assert!(m.tone.is_some());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// Tone of voice (friendly, formal, urgent, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<String>,
    /// What the message is for (inform, persuade, reassure, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<String>,
}

/// Research or data that backs a step of the map.
///
/// ```
/// use journeymap::model::Evidence;
/// let e = Evidence::new("12 customer interviews, March 2026");
/// assert!(e.url.is_none());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// Where the evidence comes from (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub source: String,
    /// Kind of evidence (interview, survey, analytics, support tickets, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Link to the material.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What it shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Evidence {
    /// Evidence from a source.
    ///
    /// ```
    /// use journeymap::model::Evidence;
    /// let e = Evidence { note: Some("12 of 20 interviews".into()), ..Evidence::new("Interviews, March 2026") };
    /// assert_eq!((e.source.as_str(), e.url), ("Interviews, March 2026", None));
    /// ```
    pub fn new(source: impl Into<String>) -> Self {
        Self {
            source: source.into(),
            ..Self::default()
        }
    }
}

/// A rule that maps a raw event (from a CRM or analytics export) to this
/// touchpoint. All the conditions given must hold; a rule must give at least
/// one condition.
///
/// ```
/// use journeymap::model::MatchRule;
/// let r = MatchRule::event("page_view").with_attribute_prefix("path", "/product/");
/// assert_eq!(r.event.as_deref(), Some("page_view"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [
    {"type": "object", "required": ["event"], "properties": {"event": {"type": "string"}}},
    {"type": "object", "required": ["event_prefix"], "properties": {"event_prefix": {"type": "string"}}},
    {"type": "object", "required": ["channel"], "properties": {"channel": {"type": "string"}}},
    {"type": "object", "required": ["attributes"], "properties": {"attributes": {"type": "object", "minProperties": 1}}},
    {"type": "object", "required": ["attribute_prefixes"], "properties": {"attribute_prefixes": {"type": "object", "minProperties": 1}}}
]))]
pub struct MatchRule {
    /// The event name must equal this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The event name must start with this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_prefix: Option<String>,
    /// The raw channel field of the event must equal this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// Each attribute must equal the given value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Each attribute must start with the given prefix.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attribute_prefixes: BTreeMap<String, String>,
}

impl MatchRule {
    /// A rule matching one event name.
    ///
    /// ```
    /// use journeymap::model::MatchRule;
    /// let r = MatchRule::event("purchase");
    /// assert_eq!((r.event.as_deref(), r.channel), (Some("purchase"), None));
    /// ```
    pub fn event(name: impl Into<String>) -> Self {
        Self {
            event: Some(name.into()),
            ..Self::default()
        }
    }

    /// Adds an attribute-equality condition.
    ///
    /// ```
    /// use journeymap::model::MatchRule;
    /// let r = MatchRule::event("page_view").with_attribute("path", "/cart");
    /// assert_eq!(r.attributes["path"], "/cart");
    /// ```
    pub fn with_attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.attributes.insert(key.into(), value.into());
        self
    }

    /// Adds an attribute-prefix condition.
    ///
    /// ```
    /// use journeymap::model::MatchRule;
    /// let r = MatchRule::event("page_view").with_attribute_prefix("path", "/product/");
    /// assert_eq!(r.attribute_prefixes["path"], "/product/");
    /// ```
    pub fn with_attribute_prefix(
        mut self,
        key: impl Into<String>,
        prefix: impl Into<String>,
    ) -> Self {
        self.attribute_prefixes.insert(key.into(), prefix.into());
        self
    }

    /// Whether the rule gives no condition at all (which would match every
    /// event and is refused when a map is built).
    ///
    /// ```
    /// use journeymap::model::MatchRule;
    /// assert!(MatchRule::default().is_empty());
    /// assert!(!MatchRule::event("purchase").is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.event.is_none()
            && self.event_prefix.is_none()
            && self.channel.is_none()
            && self.attributes.is_empty()
            && self.attribute_prefixes.is_empty()
    }
}

/// A touchpoint: one place in one stage, on one channel, where the customer
/// meets the business.
///
/// Built with [`Touchpoint::new`] and the `with_*` methods:
///
/// ```
/// use journeymap::model::{Emotion, Touchpoint, TouchpointKind};
/// let tp = Touchpoint::new("tp-checkout", "Checkout", "purchase", "website")
///     .with_owner("ecommerce")
///     .with_emotion(Emotion::new(-1, "anxious"))
///     .with_action("Enters card details")
///     .with_kind(TouchpointKind::Conversion);
/// assert_eq!(tp.owner.as_ref().map(|o| o.as_str()), Some("ecommerce"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Touchpoint {
    /// Unique touchpoint id.
    pub id: TouchpointId,
    /// Human-readable name (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub name: String,
    /// Free text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The stage this touchpoint belongs to.
    pub stage: StageId,
    /// The channel it happens on.
    pub channel: ChannelId,
    /// The team that owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<TeamId>,
    /// Personas that pass here; empty means all personas.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personas: Vec<PersonaId>,
    /// What the customer does here (each non-empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(super::NON_BLANK)))]
    pub actions: Vec<String>,
    /// What the customer feels here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion: Option<Emotion>,
    /// What hurts here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pain_points: Vec<PainPoint>,
    /// What could be better here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opportunities: Vec<Opportunity>,
    /// What the business says here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    /// How this step is measured.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<Kpi>,
    /// Research and data that back this step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
    /// Role in the journey (step, conversion, exit).
    #[serde(default, skip_serializing_if = "TouchpointKind::is_step")]
    pub kind: TouchpointKind,
    /// Rules mapping raw events to this touchpoint (any rule may match).
    #[serde(default, rename = "match", skip_serializing_if = "Vec::is_empty")]
    pub match_rules: Vec<MatchRule>,
}

impl Touchpoint {
    /// A touchpoint with its required fields.
    ///
    /// ```
    /// use journeymap::model::{Touchpoint, TouchpointKind};
    /// let t = Touchpoint::new("checkout", "Checkout", "purchase", "web");
    /// assert_eq!((t.stage.as_str(), t.channel.as_str(), t.kind), ("purchase", "web", TouchpointKind::Step));
    /// ```
    pub fn new(
        id: impl Into<TouchpointId>,
        name: impl Into<String>,
        stage: impl Into<StageId>,
        channel: impl Into<ChannelId>,
    ) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            stage: stage.into(),
            channel: channel.into(),
            ..Self::default()
        }
    }

    /// Sets the owning team.
    ///
    /// ```
    /// use journeymap::model::Touchpoint;
    /// let t = Touchpoint::new("checkout", "Checkout", "purchase", "web").with_owner("payments");
    /// assert_eq!(t.owner.as_ref().map(|o| o.as_str()), Some("payments"));
    /// ```
    pub fn with_owner(mut self, team: impl Into<TeamId>) -> Self {
        self.owner = Some(team.into());
        self
    }

    /// Sets the emotion.
    ///
    /// ```
    /// use journeymap::model::{Emotion, Touchpoint};
    /// let t = Touchpoint::new("checkout", "Checkout", "purchase", "web").with_emotion(Emotion::new(1, "relieved"));
    /// assert_eq!(t.emotion.map(|e| e.score), Some(1));
    /// ```
    pub fn with_emotion(mut self, emotion: Emotion) -> Self {
        self.emotion = Some(emotion);
        self
    }

    /// Adds an action.
    ///
    /// ```
    /// use journeymap::model::Touchpoint;
    /// let t = Touchpoint::new("checkout", "Checkout", "purchase", "web")
    ///     .with_action("Enters card details")
    ///     .with_action("Confirms the order");
    /// assert_eq!(t.actions.len(), 2);
    /// ```
    pub fn with_action(mut self, action: impl Into<String>) -> Self {
        self.actions.push(action.into());
        self
    }

    /// Restricts the touchpoint to a persona (call again for more).
    ///
    /// ```
    /// use journeymap::model::Touchpoint;
    /// let t = Touchpoint::new("demo", "Demo call", "consider", "phone").with_persona("buyer");
    /// assert!(t.applies_to("buyer") && !t.applies_to("student"));
    /// ```
    pub fn with_persona(mut self, persona: impl Into<PersonaId>) -> Self {
        self.personas.push(persona.into());
        self
    }

    /// Adds a pain point.
    ///
    /// ```
    /// use journeymap::model::{PainPoint, Severity, Touchpoint};
    /// let t = Touchpoint::new("checkout", "Checkout", "purchase", "web")
    ///     .with_pain_point(PainPoint::new("pp-fees", "Late shipping fees", Severity::High));
    /// assert_eq!(t.pain_points[0].severity, Severity::High);
    /// ```
    pub fn with_pain_point(mut self, pain_point: PainPoint) -> Self {
        self.pain_points.push(pain_point);
        self
    }

    /// Adds an opportunity.
    ///
    /// ```
    /// use journeymap::model::{Opportunity, Touchpoint};
    /// let t = Touchpoint::new("checkout", "Checkout", "purchase", "web")
    ///     .with_opportunity(Opportunity::new("op-fees", "Show fees on the product page"));
    /// assert_eq!(t.opportunities[0].id.as_str(), "op-fees");
    /// ```
    pub fn with_opportunity(mut self, opportunity: Opportunity) -> Self {
        self.opportunities.push(opportunity);
        self
    }

    /// Adds a piece of evidence.
    ///
    /// ```
    /// use journeymap::model::{Evidence, Touchpoint};
    /// let t = Touchpoint::new("checkout", "Checkout", "purchase", "web").with_evidence(Evidence::new("Funnel report, Q1"));
    /// assert_eq!(t.evidence[0].source, "Funnel report, Q1");
    /// ```
    pub fn with_evidence(mut self, evidence: Evidence) -> Self {
        self.evidence.push(evidence);
        self
    }

    /// Adds a KPI.
    ///
    /// ```
    /// use journeymap::model::{Kpi, Touchpoint};
    /// let t = Touchpoint::new("checkout", "Checkout", "purchase", "web").with_kpi(Kpi::new("Completion").with_target(80.0, "%"));
    /// assert_eq!(t.kpis[0].target, Some(80.0));
    /// ```
    pub fn with_kpi(mut self, kpi: Kpi) -> Self {
        self.kpis.push(kpi);
        self
    }

    /// Adds a match rule.
    ///
    /// ```
    /// use journeymap::model::{MatchRule, Touchpoint};
    /// let t = Touchpoint::new("checkout", "Checkout", "purchase", "web")
    ///     .with_match(MatchRule::event("checkout_started"))
    ///     .with_match(MatchRule::event("page_view").with_attribute("path", "/checkout"));
    /// assert_eq!(t.match_rules.len(), 2);
    /// ```
    pub fn with_match(mut self, rule: MatchRule) -> Self {
        self.match_rules.push(rule);
        self
    }

    /// Sets the kind (step, conversion, exit).
    ///
    /// ```
    /// use journeymap::model::{Touchpoint, TouchpointKind};
    /// let t = Touchpoint::new("order", "Order placed", "purchase", "web").with_kind(TouchpointKind::Conversion);
    /// assert_eq!(t.kind, TouchpointKind::Conversion);
    /// ```
    pub fn with_kind(mut self, kind: TouchpointKind) -> Self {
        self.kind = kind;
        self
    }

    /// Whether the touchpoint applies to `persona` (an empty persona list
    /// means every persona).
    ///
    /// ```
    /// use journeymap::model::Touchpoint;
    /// let everyone = Touchpoint::new("home", "Home", "visit", "web");
    /// assert!(everyone.applies_to("buyer"));
    /// assert!(!everyone.clone().with_persona("student").applies_to("buyer"));
    /// ```
    pub fn applies_to(&self, persona: &str) -> bool {
        self.personas.is_empty() || self.personas.iter().any(|p| p.as_str() == persona)
    }
}
