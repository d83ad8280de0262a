//! The document types: what a journey map stores.
//!
//! These are plain data (serde + schemars). They may hold an invalid map; the
//! [`crate::JourneyMap`] built from them never does.

mod channel;
mod document;
mod ids;
mod integral;
mod kpi;
mod metadata;
mod objective;
mod persona;
mod stage;
mod team;
mod touchpoint;
mod transition;

/// The JSON Schema `pattern` of required texts (names, descriptions, KPI
/// names, evidence sources, actions): at least one character that is not
/// white space, as the invariant checks require.
pub(crate) const NON_BLANK: &str = r"\S";

pub use channel::{Channel, ChannelKind};
pub use document::{JourneyDocument, FORMAT_VERSION};
pub use ids::{
    is_valid_id, ChannelId, ObjectiveId, OpportunityId, PainPointId, PersonaId, StageId, TeamId,
    TouchpointId, ID_PATTERN,
};
pub use kpi::Kpi;
pub use metadata::{LintSettings, LintSeverity, Metadata};
pub use objective::{ConversionTarget, Objective};
pub use persona::{Attributes, Persona};
pub use stage::{Stage, StageKind};
pub use team::Team;
pub use touchpoint::{
    Emotion, Evidence, MatchRule, Message, Opportunity, OpportunityStatus, PainPoint, Severity,
    Touchpoint, TouchpointKind,
};
pub use transition::Transition;
