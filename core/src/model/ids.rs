//! Newtype identifiers, one per entity kind.
//!
//! Every id is a non-empty string matching [`ID_PATTERN`]. The newtypes keep a
//! stage id from being passed where a touchpoint id is expected; the pattern is
//! checked when a map is built (see [`crate::JourneyMap`]), so a deserialised
//! id that breaks it is reported with its JSON path rather than at parse time.

use std::borrow::Cow;
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

/// The pattern every entity id must match: a letter or digit, then letters,
/// digits, `_`, `.` or `-`.
///
/// ```
/// use journeymap::model::ID_PATTERN;
/// assert!(journeymap::schema::document_schema().to_string().contains(&ID_PATTERN.replace('\\', "\\\\")));
/// let err = journeymap::JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "-bad", "name": "S"}]}"#).unwrap_err();
/// assert_eq!(err.code(), "INVALID_ID");
/// ```
pub const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9_.-]*$";

/// Whether `s` is a well-formed id (see [`ID_PATTERN`]).
///
/// ```
/// use journeymap::model::is_valid_id;
/// assert!(is_valid_id("tp-checkout.v2"));
/// assert!(!is_valid_id("-leading-dash"));
/// assert!(!is_valid_id(""));
/// ```
pub fn is_valid_id(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphanumeric() => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Wraps a string as an id (validity is checked when a map is built).
            ///
            #[doc = concat!("```\nuse journeymap::model::", stringify!($name), ";\nlet id = ", stringify!($name), "::new(\"home\");\nassert_eq!(id, ", stringify!($name), "::from(\"home\"));\n```")]
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as a string slice.
            ///
            #[doc = concat!("```\nuse journeymap::model::", stringify!($name), ";\nassert_eq!(", stringify!($name), "::new(\"home\").as_str(), \"home\");\n```")]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                Cow::Borrowed(stringify!($name))
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "description": concat!("Identifier of ", $what, " (unique among them)."),
                    "type": "string",
                    "minLength": 1,
                    "pattern": ID_PATTERN
                })
            }
        }
    };
}

id_type!(
    /// Identifier of a [`crate::model::Persona`].
    ///
    /// ```
    /// use journeymap::model::PersonaId;
    /// assert_eq!(PersonaId::new("busy-parent").as_str(), "busy-parent");
    /// ```
    PersonaId,
    "a persona"
);
id_type!(
    /// Identifier of a [`crate::model::Stage`].
    ///
    /// ```
    /// use journeymap::model::StageId;
    /// assert_eq!(StageId::from("awareness").to_string(), "awareness");
    /// ```
    StageId,
    "a stage"
);
id_type!(
    /// Identifier of a [`crate::model::Channel`].
    ///
    /// ```
    /// use journeymap::model::ChannelId;
    /// assert_eq!(ChannelId::from("email"), "email");
    /// ```
    ChannelId,
    "a channel"
);
id_type!(
    /// Identifier of a [`crate::model::Team`].
    ///
    /// ```
    /// use journeymap::model::TeamId;
    /// assert_eq!(TeamId::from("support").as_str(), "support");
    /// ```
    TeamId,
    "a team"
);
id_type!(
    /// Identifier of a [`crate::model::Touchpoint`].
    ///
    /// ```
    /// use journeymap::model::TouchpointId;
    /// assert_eq!(TouchpointId::from("tp-checkout").as_str(), "tp-checkout");
    /// ```
    TouchpointId,
    "a touchpoint"
);
id_type!(
    /// Identifier of a [`crate::model::PainPoint`], unique across the whole map.
    ///
    /// ```
    /// use journeymap::model::PainPointId;
    /// assert_eq!(PainPointId::from("pp-shipping-cost").as_str(), "pp-shipping-cost");
    /// ```
    PainPointId,
    "a pain point"
);
id_type!(
    /// Identifier of an [`crate::model::Opportunity`], unique across the whole map.
    ///
    /// ```
    /// use journeymap::model::OpportunityId;
    /// assert_eq!(OpportunityId::from("op-free-shipping").as_str(), "op-free-shipping");
    /// ```
    OpportunityId,
    "an opportunity"
);
id_type!(
    /// Identifier of an [`crate::model::Objective`].
    ///
    /// ```
    /// use journeymap::model::ObjectiveId;
    /// assert_eq!(ObjectiveId::from("obj-retention").as_str(), "obj-retention");
    /// ```
    ObjectiveId,
    "an objective"
);
