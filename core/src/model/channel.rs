//! Channels: where the customer meets the business.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::ChannelId;

/// What kind of channel a channel is. Omnichannel journeys mix them.
///
/// ```
/// use journeymap::model::ChannelKind;
/// assert_eq!(serde_json::to_string(&ChannelKind::Physical).unwrap(), "\"physical\"");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// Websites, apps, email, social media, ads.
    #[default]
    Digital,
    /// Stores, branches, packaging, delivery.
    Physical,
    /// People: phone lines, sales reps, support agents.
    Human,
    /// Anything else (print, broadcast, ...).
    Other,
}

/// A channel: website, email, store, phone line, ...
///
/// ```
/// use journeymap::model::{Channel, ChannelKind};
/// let c = Channel::new("store", "In-store", ChannelKind::Physical);
/// assert_eq!(c.kind, ChannelKind::Physical);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// Unique channel id.
    pub id: ChannelId,
    /// Human-readable name (non-empty).
    #[schemars(pattern(super::NON_BLANK))]
    pub name: String,
    /// Free text description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The kind of channel.
    pub kind: ChannelKind,
}

impl Channel {
    /// A channel with an id, a name and a kind.
    ///
    /// ```
    /// use journeymap::model::{Channel, ChannelKind};
    /// let c = Channel::new("store", "Flagship store", ChannelKind::Physical);
    /// assert_eq!((c.id.as_str(), c.kind), ("store", ChannelKind::Physical));
    /// ```
    pub fn new(id: impl Into<ChannelId>, name: impl Into<String>, kind: ChannelKind) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            description: None,
            kind,
        }
    }
}
