//! The document types: what a journey map stores.
//!
//! These are plain data (serde + schemars). They may hold an invalid map; the
//! [`crate::JourneyMap`] built from them never does.

mod channel;
mod document;
mod ids;
mod kpi;
mod metadata;
mod objective;
mod persona;
mod stage;
mod team;
mod touchpoint;
mod transition;

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
