//! The one error type of journeymap. Every variant has a stable code
//! ([`Error::code`]) that the CLI and the Python and JS bindings expose as is.

use std::fmt;

use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

mod quote;
mod row;

pub(crate) use quote::quoted;
pub use quote::QUOTED_CHARS;
pub use row::{RowError, RowErrorKind};
use RowErrorKind as RowKind;

/// What an error is about ([`Error::category`]): the groups of codes a
/// caller handles alike.
///
/// ```
/// use journeymap::ErrorCategory;
/// assert_eq!(ErrorCategory::EventLog.as_str(), "event_log");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCategory {
    /// The input could not be read as a document: syntax, types, unknown or
    /// missing fields, version, limits, Mermaid syntax.
    Parse,
    /// A value breaks an invariant of the map, or an option is out of range.
    InvalidMap,
    /// A query or mutation names an entity that does not exist.
    NotFound,
    /// A removal of an entity still referred to.
    InUse,
    /// A file could not be read or written.
    Io,
    /// A row or column of an event log was refused.
    EventLog,
}

impl ErrorCategory {
    /// The category's stable name, in snake case.
    ///
    /// ```
    /// assert_eq!(journeymap::ErrorCategory::InvalidMap.as_str(), "invalid_map");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCategory::Parse => "parse",
            ErrorCategory::InvalidMap => "invalid_map",
            ErrorCategory::NotFound => "not_found",
            ErrorCategory::InUse => "in_use",
            ErrorCategory::Io => "io",
            ErrorCategory::EventLog => "event_log",
        }
    }
}

/// The kinds of entity a map holds, used to locate errors.
///
/// ```
/// use journeymap::EntityKind;
/// assert_eq!(EntityKind::PainPoint.to_string(), "pain point");
/// assert_eq!(EntityKind::PainPoint.as_str(), "pain_point");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// The document itself.
    Map,
    /// A [`crate::model::Persona`].
    Persona,
    /// A [`crate::model::Stage`].
    Stage,
    /// A [`crate::model::Channel`].
    Channel,
    /// A [`crate::model::Team`].
    Team,
    /// A [`crate::model::Touchpoint`].
    Touchpoint,
    /// A [`crate::model::PainPoint`].
    PainPoint,
    /// An [`crate::model::Opportunity`].
    Opportunity,
    /// A [`crate::model::Transition`].
    Transition,
    /// An [`crate::model::Objective`].
    Objective,
}

impl EntityKind {
    /// Stable snake_case name (`pain_point`), as used in serialised output.
    ///
    /// ```
    /// use journeymap::{EntityKind, JourneyMap};
    /// assert_eq!(EntityKind::PainPoint.as_str(), "pain_point");
    /// let err = JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "s", "name": "S"}, {"id": "s", "name": "T"}]}"#).unwrap_err();
    /// assert!(matches!(err, journeymap::Error::DuplicateId { kind: EntityKind::Stage, .. }));
    /// assert!(err.to_string().contains(EntityKind::Stage.as_str()));
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Map => "map",
            EntityKind::Persona => "persona",
            EntityKind::Stage => "stage",
            EntityKind::Channel => "channel",
            EntityKind::Team => "team",
            EntityKind::Touchpoint => "touchpoint",
            EntityKind::PainPoint => "pain_point",
            EntityKind::Opportunity => "opportunity",
            EntityKind::Transition => "transition",
            EntityKind::Objective => "objective",
        }
    }
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_str().replace('_', " "))
    }
}

impl Serialize for EntityKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl schemars::JsonSchema for EntityKind {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed("EntityKind")
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Kind of entity a location refers to.",
            "type": "string",
            "enum": ["map", "persona", "stage", "channel", "team", "touchpoint",
                     "pain_point", "opportunity", "transition", "objective"]
        })
    }
}

/// Everything that can go wrong in journeymap.
///
/// Each variant has a stable [`code`](Error::code), and where it applies a
/// JSON Pointer [`path`](Error::path) into the document (`/touchpoints/3/stage`)
/// and the [`id`](Error::id) of the offending entity. Building a map reports
/// every invariant violation at once as [`Error::Invalid`]; use
/// [`Error::violations`] to walk them uniformly.
///
/// ```
/// use journeymap::JourneyMap;
/// let err = JourneyMap::from_json(r#"{"name": "x", "stages": []}"#).unwrap_err();
/// assert_eq!(err.code(), "NO_STAGES");
/// assert_eq!(err.path(), Some("/stages"));
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The text is not well-formed JSON. Code `JSON_SYNTAX`.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// What the parser expected.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A value has the wrong type or an unknown enum value. Code `JSON_TYPE`.
    #[error("{message} (line {line}, column {column})")]
    Type {
        /// JSON Pointer to the value.
        path: String,
        /// What was wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A field the format does not know. Code `UNKNOWN_FIELD`.
    #[error("unknown field `{field}` (line {line}, column {column})")]
    UnknownField {
        /// JSON Pointer to the field.
        path: String,
        /// The field name.
        field: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A required field is absent. Code `MISSING_FIELD`.
    #[error("missing required field `{field}` (line {line}, column {column})")]
    MissingField {
        /// JSON Pointer to the missing field.
        path: String,
        /// The field name.
        field: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The document's `format_version` cannot be read. Code `UNSUPPORTED_FORMAT_VERSION`.
    #[error("{}", version_message(found, *supported))]
    UnsupportedVersion {
        /// The version found in the document.
        found: String,
        /// The newest version supported.
        supported: u32,
    },
    /// An id breaks the id pattern. Code `INVALID_ID`.
    #[error("{kind} id {id:?} is not a valid id (a letter or digit, then letters, digits, '_', '.' or '-')")]
    InvalidId {
        /// Kind of entity.
        kind: EntityKind,
        /// The id as given.
        id: String,
        /// JSON Pointer to the id.
        path: String,
    },
    /// A required name or text is empty. Code `EMPTY_NAME`.
    #[error("{}", empty_message(*kind, id, field))]
    EmptyName {
        /// Kind of entity.
        kind: EntityKind,
        /// Id of the entity (empty for the map itself).
        id: String,
        /// The empty field.
        field: &'static str,
        /// JSON Pointer to the field.
        path: String,
    },
    /// Two entities of one kind share an id. Code `DUPLICATE_ID`.
    #[error("duplicate {kind} id {id:?} (first used at {first})")]
    DuplicateId {
        /// Kind of entity.
        kind: EntityKind,
        /// The repeated id.
        id: String,
        /// JSON Pointer to the repeated id.
        path: String,
        /// JSON Pointer to the first use.
        first: String,
    },
    /// A reference names no existing entity. Code `DANGLING_REFERENCE`.
    #[error("no {kind} with id {id:?}")]
    DanglingReference {
        /// Kind of entity referred to.
        kind: EntityKind,
        /// The id referred to.
        id: String,
        /// JSON Pointer to the reference.
        path: String,
    },
    /// An emotion score outside -2..=2. Code `EMOTION_OUT_OF_RANGE`.
    #[error("touchpoint {id:?}: emotion score {score} is outside the emotion scale, -2 to 2")]
    EmotionOutOfRange {
        /// Touchpoint id.
        id: String,
        /// The score given.
        score: i64,
        /// JSON Pointer to the score.
        path: String,
    },
    /// The map has no stage. Code `NO_STAGES`.
    #[error("a journey map needs at least one stage")]
    NoStages,
    /// A transition from a touchpoint to itself. Code `SELF_TRANSITION`.
    #[error("transition from touchpoint {id:?} to itself")]
    SelfTransition {
        /// Touchpoint id.
        id: String,
        /// JSON Pointer to the transition.
        path: String,
    },
    /// Two transitions with the same ends. Code `DUPLICATE_TRANSITION`.
    #[error("duplicate transition {from:?} -> {to:?} (first at {first})")]
    DuplicateTransition {
        /// Source touchpoint.
        from: String,
        /// Target touchpoint.
        to: String,
        /// JSON Pointer to the repeated transition.
        path: String,
        /// JSON Pointer to the first one.
        first: String,
    },
    /// A value outside what the format allows (rate, date, empty match rule...).
    /// Code `INVALID_VALUE`.
    #[error("{message}")]
    InvalidValue {
        /// Id of the entity concerned, if any.
        id: Option<String>,
        /// JSON Pointer to the value.
        path: String,
        /// What is wrong and what is allowed.
        message: String,
    },
    /// A size limit was exceeded. Code `LIMIT_EXCEEDED`.
    #[error("{what} exceeds the limit of {limit}")]
    LimitExceeded {
        /// JSON Pointer to the offending value (empty for the whole document).
        path: String,
        /// What is too large.
        what: String,
        /// The limit.
        limit: usize,
    },
    /// A mutation or query names an entity that does not exist. Code `NOT_FOUND`.
    #[error("no {kind} with id {id:?}")]
    NotFound {
        /// Kind of entity.
        kind: EntityKind,
        /// The id asked for.
        id: String,
    },
    /// Removing an entity that is still referred to. Code `IN_USE`.
    #[error("{kind} {id:?} is still used at {used_at}; remove or change that reference first")]
    InUse {
        /// Kind of entity.
        kind: EntityKind,
        /// Its id.
        id: String,
        /// JSON Pointer to the first reference.
        used_at: String,
    },
    /// Removing a stage that still has touchpoints, without cascade. Code `STAGE_NOT_EMPTY`.
    #[error(
        "stage {id:?} still has {touchpoints} touchpoint(s); move them or remove with cascade"
    )]
    StageNotEmpty {
        /// Stage id.
        id: String,
        /// How many touchpoints it has.
        touchpoints: usize,
    },
    /// Reading or writing a file failed. Code `IO`.
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The operating system's message.
        message: String,
        /// What failed, where the operating system says.
        kind: IoKind,
    },
    /// Mermaid text that cannot be read as a `journey` diagram (empty input,
    /// another diagram type, a task before any section, a task without `:`,
    /// a score outside 1..=5). Code `MERMAID_SYNTAX`.
    #[error("Mermaid line {line}, column {column}: {message}")]
    MermaidSyntax {
        /// 1-based line in the Mermaid text.
        line: usize,
        /// 1-based column (in characters) in that line.
        column: usize,
        /// What is wrong and what is expected.
        message: String,
    },
    /// A row of an event log that cannot be read (CSV, JSON Lines, builder or
    /// columns). The code is the row's reason code (`BAD_TIMESTAMP`,
    /// `UNKNOWN_TOUCHPOINT`, ...; see [`RowErrorKind`]);
    /// [`Error::row_error`] gives the row, line and column.
    #[error("{0}")]
    EventRow(Box<RowError>),
    /// Several invariant violations, all reported at once. Code `INVALID_MAP`.
    #[error("{} invariant violation(s); first: {}", .0.len(), .0.first().map(|e| e.to_string()).unwrap_or_default())]
    Invalid(Vec<Error>),
}

impl Error {
    /// The stable code of this error, e.g. `DUPLICATE_ID`.
    ///
    /// ```
    /// use journeymap::Error;
    /// assert_eq!(Error::NoStages.code(), "NO_STAGES");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::Syntax { .. } => "JSON_SYNTAX",
            Error::Type { .. } => "JSON_TYPE",
            Error::UnknownField { .. } => "UNKNOWN_FIELD",
            Error::MissingField { .. } => "MISSING_FIELD",
            Error::UnsupportedVersion { .. } => "UNSUPPORTED_FORMAT_VERSION",
            Error::InvalidId { .. } => "INVALID_ID",
            Error::EmptyName { .. } => "EMPTY_NAME",
            Error::DuplicateId { .. } => "DUPLICATE_ID",
            Error::DanglingReference { .. } => "DANGLING_REFERENCE",
            Error::EmotionOutOfRange { .. } => "EMOTION_OUT_OF_RANGE",
            Error::NoStages => "NO_STAGES",
            Error::SelfTransition { .. } => "SELF_TRANSITION",
            Error::DuplicateTransition { .. } => "DUPLICATE_TRANSITION",
            Error::InvalidValue { .. } => "INVALID_VALUE",
            Error::LimitExceeded { .. } => "LIMIT_EXCEEDED",
            Error::NotFound { .. } => "NOT_FOUND",
            Error::InUse { .. } => "IN_USE",
            Error::StageNotEmpty { .. } => "STAGE_NOT_EMPTY",
            Error::Io { .. } => "IO",
            Error::MermaidSyntax { .. } => "MERMAID_SYNTAX",
            Error::EventRow(row) => row.kind.code(),
            Error::Invalid(_) => "INVALID_MAP",
        }
    }

    /// What the error is about, for callers that handle errors by kind
    /// (the Python binding raises one exception class per category). A
    /// refused event-log row is [`ErrorCategory::EventLog`] whatever its
    /// code; several violations at once take the category they all share,
    /// else [`ErrorCategory::InvalidMap`].
    ///
    /// ```
    /// use journeymap::{Error, ErrorCategory, JourneyMap};
    /// assert_eq!(Error::NoStages.category(), ErrorCategory::InvalidMap);
    /// let err = JourneyMap::from_json("{").unwrap_err();
    /// assert_eq!(err.category(), ErrorCategory::Parse);
    /// ```
    pub fn category(&self) -> ErrorCategory {
        match self {
            Error::Syntax { .. }
            | Error::Type { .. }
            | Error::UnknownField { .. }
            | Error::MissingField { .. }
            | Error::UnsupportedVersion { .. }
            | Error::LimitExceeded { .. }
            | Error::MermaidSyntax { .. } => ErrorCategory::Parse,
            Error::InvalidId { .. }
            | Error::EmptyName { .. }
            | Error::DuplicateId { .. }
            | Error::DanglingReference { .. }
            | Error::EmotionOutOfRange { .. }
            | Error::NoStages
            | Error::SelfTransition { .. }
            | Error::DuplicateTransition { .. }
            | Error::InvalidValue { .. } => ErrorCategory::InvalidMap,
            Error::NotFound { .. } => ErrorCategory::NotFound,
            Error::InUse { .. } | Error::StageNotEmpty { .. } => ErrorCategory::InUse,
            Error::Io { .. } => ErrorCategory::Io,
            Error::EventRow(_) => ErrorCategory::EventLog,
            Error::Invalid(violations) => {
                let mut categories = violations.iter().map(Error::category);
                match categories.next() {
                    Some(first) if categories.all(|c| c == first) => first,
                    _ => ErrorCategory::InvalidMap,
                }
            }
        }
    }

    /// Every code an error can have, each with the category it is raised
    /// under: the codes of [`Error::code`], then those of refused
    /// event-log rows ([`RowErrorKind::code`](RowErrorKind::code)).
    /// `MISSING_FIELD` is in both: a document's missing field
    /// ([`ErrorCategory::Parse`]) and a row's ([`ErrorCategory::EventLog`]).
    /// `schema/error-codes.json` holds this list, and the bindings' code
    /// types are generated from it.
    ///
    /// ```
    /// use journeymap::{Error, ErrorCategory};
    /// assert!(Error::ALL_CODES.contains(&("NO_STAGES", ErrorCategory::InvalidMap)));
    /// assert!(Error::ALL_CODES.contains(&("BAD_TIMESTAMP", ErrorCategory::EventLog)));
    /// ```
    pub const ALL_CODES: &'static [(&'static str, ErrorCategory)] = &[
        // The document's codes; the rows' are their kinds' own codes.
        ("JSON_SYNTAX", ErrorCategory::Parse),
        ("JSON_TYPE", ErrorCategory::Parse),
        ("UNKNOWN_FIELD", ErrorCategory::Parse),
        ("MISSING_FIELD", ErrorCategory::Parse),
        ("UNSUPPORTED_FORMAT_VERSION", ErrorCategory::Parse),
        ("LIMIT_EXCEEDED", ErrorCategory::Parse),
        ("MERMAID_SYNTAX", ErrorCategory::Parse),
        ("INVALID_ID", ErrorCategory::InvalidMap),
        ("EMPTY_NAME", ErrorCategory::InvalidMap),
        ("DUPLICATE_ID", ErrorCategory::InvalidMap),
        ("DANGLING_REFERENCE", ErrorCategory::InvalidMap),
        ("EMOTION_OUT_OF_RANGE", ErrorCategory::InvalidMap),
        ("NO_STAGES", ErrorCategory::InvalidMap),
        ("SELF_TRANSITION", ErrorCategory::InvalidMap),
        ("DUPLICATE_TRANSITION", ErrorCategory::InvalidMap),
        ("INVALID_VALUE", ErrorCategory::InvalidMap),
        ("INVALID_MAP", ErrorCategory::InvalidMap),
        ("NOT_FOUND", ErrorCategory::NotFound),
        ("IN_USE", ErrorCategory::InUse),
        ("STAGE_NOT_EMPTY", ErrorCategory::InUse),
        ("IO", ErrorCategory::Io),
        (RowKind::MissingColumn.code(), ErrorCategory::EventLog),
        (RowKind::DuplicateColumn.code(), ErrorCategory::EventLog),
        (RowKind::FieldCount.code(), ErrorCategory::EventLog),
        (RowKind::MissingField.code(), ErrorCategory::EventLog),
        (RowKind::EmptyCustomer.code(), ErrorCategory::EventLog),
        (RowKind::BadTimestamp.code(), ErrorCategory::EventLog),
        (RowKind::BadNumber.code(), ErrorCategory::EventLog),
        (RowKind::UnknownTouchpoint.code(), ErrorCategory::EventLog),
        (RowKind::MissingEvent.code(), ErrorCategory::EventLog),
        (RowKind::BadJson.code(), ErrorCategory::EventLog),
        (RowKind::BadType.code(), ErrorCategory::EventLog),
        (RowKind::BadEncoding.code(), ErrorCategory::EventLog),
        (RowKind::LineTooLong.code(), ErrorCategory::EventLog),
        (RowKind::LogTooLarge.code(), ErrorCategory::EventLog),
    ];

    /// [`Error::ALL_CODES`] as pretty JSON with a trailing newline
    /// (`[{"code": ..., "category": ...}, ...]`): the text of
    /// `schema/error-codes.json`.
    ///
    /// ```
    /// let codes: serde_json::Value = serde_json::from_str(&journeymap::Error::codes_json()).unwrap();
    /// assert_eq!(codes[0]["code"], "JSON_SYNTAX");
    /// assert_eq!(codes[0]["category"], "parse");
    /// ```
    pub fn codes_json() -> String {
        let list: Vec<serde_json::Value> = Self::ALL_CODES
            .iter()
            .map(
                |(code, category)| serde_json::json!({"code": code, "category": category.as_str()}),
            )
            .collect();
        // A list of objects of strings: serialising cannot fail.
        let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
        text.push('\n');
        text
    }

    /// JSON Pointer into the document where the problem is, if it has one.
    /// For [`Error::Invalid`] this is the path of the first violation.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let err = JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "s", "name": ""}]}"#).unwrap_err();
    /// assert_eq!((err.code(), err.path()), ("EMPTY_NAME", Some("/stages/0/name")));
    /// ```
    pub fn path(&self) -> Option<&str> {
        match self {
            Error::Type { path, .. }
            | Error::UnknownField { path, .. }
            | Error::MissingField { path, .. }
            | Error::InvalidId { path, .. }
            | Error::EmptyName { path, .. }
            | Error::DuplicateId { path, .. }
            | Error::DanglingReference { path, .. }
            | Error::EmotionOutOfRange { path, .. }
            | Error::SelfTransition { path, .. }
            | Error::DuplicateTransition { path, .. }
            | Error::InvalidValue { path, .. }
            | Error::LimitExceeded { path, .. } => Some(path),
            Error::InUse { used_at, .. } => Some(used_at),
            Error::UnsupportedVersion { .. } => Some("/format_version"),
            Error::NoStages => Some("/stages"),
            Error::Syntax { .. } => Some(""),
            Error::Invalid(errors) => errors.first().and_then(Error::path),
            Error::NotFound { .. } | Error::StageNotEmpty { .. } | Error::Io { .. } => None,
            Error::EventRow(_) => None,
            Error::MermaidSyntax { .. } => None,
        }
    }

    /// Id of the offending entity, if the error concerns one.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let err = JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "s", "name": "S"}],
    ///   "touchpoints": [{"id": "t", "name": "T", "stage": "s", "channel": "nowhere"}]}"#).unwrap_err();
    /// // The id that is referred to but not there.
    /// assert_eq!((err.code(), err.id()), ("DANGLING_REFERENCE", Some("nowhere")));
    /// ```
    pub fn id(&self) -> Option<&str> {
        match self {
            Error::InvalidId { id, .. }
            | Error::DuplicateId { id, .. }
            | Error::DanglingReference { id, .. }
            | Error::EmotionOutOfRange { id, .. }
            | Error::SelfTransition { id, .. }
            | Error::NotFound { id, .. }
            | Error::InUse { id, .. }
            | Error::StageNotEmpty { id, .. } => Some(id),
            Error::EmptyName { id, .. } => (!id.is_empty()).then_some(id.as_str()),
            Error::InvalidValue { id, .. } => id.as_deref(),
            Error::DuplicateTransition { from, .. } => Some(from),
            Error::Invalid(errors) => errors.first().and_then(Error::id),
            _ => None,
        }
    }

    /// What is wrong, without where: the error's text with no line, column
    /// or row in it (those are in [`Error::line_column`], [`Error::path`]
    /// and [`Error::row_error`]). `Display` (`to_string()`) is this message
    /// with the location; the serialised `message` is this one, so that a
    /// binding that made the text itself (from an object) has no location
    /// to take out.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let err = JourneyMap::from_json("{\"name\": \"x\", \"stages\": [{\"id\": \"s\"}]}").unwrap_err();
    /// assert_eq!(err.message(), "missing required field `name`");
    /// assert_eq!(err.to_string(), "missing required field `name` (line 1, column 26)");
    /// ```
    pub fn message(&self) -> String {
        match self {
            Error::Syntax { message, .. } => format!("malformed JSON: {message}"),
            Error::Type { message, .. } => message.clone(),
            Error::UnknownField { field, .. } => format!("unknown field `{field}`"),
            Error::MissingField { field, .. } => format!("missing required field `{field}`"),
            Error::MermaidSyntax { message, .. } => format!("Mermaid: {message}"),
            Error::EventRow(row) => row.message.clone(),
            Error::Invalid(errors) => format!(
                "{} invariant violation(s); first: {}",
                errors.len(),
                errors.first().map(Error::message).unwrap_or_default()
            ),
            other => other.to_string(),
        }
    }

    /// Line and column (1-based) in the JSON text, for parse errors.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let err = JourneyMap::from_json("{\n  \"name\": \"x\",\n  oops\n}").unwrap_err();
    /// assert_eq!((err.code(), err.line_column()), ("JSON_SYNTAX", Some((3, 3))));
    /// ```
    pub fn line_column(&self) -> Option<(usize, usize)> {
        match self {
            Error::Syntax { line, column, .. }
            | Error::Type { line, column, .. }
            | Error::UnknownField { line, column, .. }
            | Error::MissingField { line, column, .. }
            | Error::MermaidSyntax { line, column, .. } => Some((*line, *column)),
            _ => None,
        }
    }

    /// The refused event-log row, for [`Error::EventRow`].
    ///
    /// ```
    /// use journeymap::analytics::{CsvOptions, EventLog};
    /// # let map = journeymap::doc_support::home_map();
    /// let csv = "customer_id,timestamp,touchpoint\nc1,1772357400000,home\nc2,tomorrow,home\n";
    /// let err = EventLog::from_csv(csv.as_bytes(), &map, &CsvOptions::default()).unwrap_err();
    /// let row = err.row_error().unwrap();
    /// assert_eq!((row.row, row.line, row.column.as_deref()), (2, Some(3), Some("timestamp")));
    /// ```
    pub fn row_error(&self) -> Option<&RowError> {
        match self {
            Error::EventRow(row) => Some(row),
            _ => None,
        }
    }

    /// The individual problems: the list inside [`Error::Invalid`], or this
    /// error alone.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let err = JourneyMap::from_json(r#"{"name": "", "stages": []}"#).unwrap_err();
    /// let codes: Vec<_> = err.violations().iter().map(|e| e.code()).collect();
    /// assert_eq!(codes, ["EMPTY_NAME", "NO_STAGES"]);
    /// ```
    pub fn violations(&self) -> &[Error] {
        match self {
            Error::Invalid(errors) => errors,
            other => std::slice::from_ref(other),
        }
    }

    /// Wraps a list of violations: one alone is returned as is, several as
    /// [`Error::Invalid`]. Returns `None` for an empty list.
    ///
    /// ```
    /// use journeymap::{Error, JourneyMap};
    /// let map = JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "s", "name": "S"}]}"#).unwrap();
    /// assert!(Error::from_violations(map.validate()).is_none());
    /// let one = Error::NoStages;
    /// assert_eq!(Error::from_violations(vec![one]).unwrap().code(), "NO_STAGES");
    /// let two = Error::from_violations(vec![Error::NoStages, Error::NoStages]).unwrap();
    /// assert_eq!((two.code(), two.violations().len()), ("INVALID_MAP", 2));
    /// ```
    pub fn from_violations(mut errors: Vec<Error>) -> Option<Error> {
        match errors.len() {
            0 => None,
            1 => errors.pop(),
            _ => Some(Error::Invalid(errors)),
        }
    }
}

/// What kind of failure an [`Error::Io`] is, for callers that handle a
/// missing file apart from other failures (Python raises
/// `FileNotFoundError`, `PermissionError` and `IsADirectoryError` for the
/// first three). Serialised in snake case.
///
/// ```
/// use journeymap::{Error, IoKind, JourneyMap};
/// let Err(Error::Io { kind, .. }) = JourneyMap::from_path("no/such/map.json") else { panic!() };
/// assert_eq!(kind, IoKind::NotFound);
/// assert_eq!(kind.as_str(), "not_found");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IoKind {
    /// No such file or directory.
    NotFound,
    /// The file may not be read or written.
    PermissionDenied,
    /// A directory was given where a file is needed.
    IsADirectory,
    /// Any other failure (including text that is not what was expected).
    Other,
}

impl IoKind {
    /// The kind of an operating-system error.
    ///
    /// ```
    /// use journeymap::IoKind;
    /// let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    /// assert_eq!(IoKind::of(&e), IoKind::PermissionDenied);
    /// assert_eq!(IoKind::of(&std::io::Error::other("disk on fire")), IoKind::Other);
    /// ```
    pub fn of(e: &std::io::Error) -> IoKind {
        match e.kind() {
            std::io::ErrorKind::NotFound => IoKind::NotFound,
            std::io::ErrorKind::PermissionDenied => IoKind::PermissionDenied,
            std::io::ErrorKind::IsADirectory => IoKind::IsADirectory,
            _ => IoKind::Other,
        }
    }

    /// Snake-case name: `not_found`, `permission_denied`, `is_a_directory`, `other`.
    ///
    /// ```
    /// use journeymap::IoKind;
    /// assert_eq!(IoKind::IsADirectory.as_str(), "is_a_directory");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            IoKind::NotFound => "not_found",
            IoKind::PermissionDenied => "permission_denied",
            IoKind::IsADirectory => "is_a_directory",
            IoKind::Other => "other",
        }
    }
}

impl Error {
    /// An [`Error::Io`] for `path` from an operating-system error.
    ///
    /// ```
    /// use journeymap::{Error, IoKind};
    /// let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
    /// let err = Error::io("map.json", &e);
    /// assert_eq!(err.code(), "IO");
    /// assert!(matches!(err, Error::Io { kind: IoKind::PermissionDenied, .. }));
    /// ```
    pub fn io(path: impl Into<String>, e: &std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            message: e.to_string(),
            kind: IoKind::of(e),
        }
    }

    /// An [`Error::Io`] for `path` from a `csv` reader or writer error (of
    /// kind [`IoKind::Other`] unless the operating system failed).
    pub(crate) fn csv(path: &str, e: ::csv::Error) -> Error {
        let message = e.to_string();
        match e.into_kind() {
            ::csv::ErrorKind::Io(io) => Error::io(path, &io),
            _ => Error::Io {
                path: path.into(),
                message,
                kind: IoKind::Other,
            },
        }
    }
}

/// Serialises as `{"code", "message", "path", "id", "line", "column"}` (absent
/// parts omitted; `message` is [`Error::message`], without the location), plus `"errors"` for [`Error::Invalid`], `"row"` for
/// [`Error::EventRow`] and `"io_kind"` for [`Error::Io`].
impl Serialize for Error {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("code", self.code())?;
        m.serialize_entry("message", &self.message())?;
        if let Some(path) = self.path() {
            m.serialize_entry("path", path)?;
        }
        if let Some(id) = self.id() {
            m.serialize_entry("id", id)?;
        }
        if let Some((line, column)) = self.line_column() {
            m.serialize_entry("line", &line)?;
            m.serialize_entry("column", &column)?;
        }
        if let Error::EventRow(row) = self {
            m.serialize_entry("row", row)?;
        }
        if let Error::Invalid(errors) = self {
            m.serialize_entry("errors", errors)?;
        }
        if let Error::Io { kind, .. } = self {
            m.serialize_entry("io_kind", kind.as_str())?;
        }
        m.end()
    }
}

/// The message of [`Error::EmptyName`].
fn empty_message(kind: EntityKind, id: &str, field: &str) -> String {
    match kind {
        EntityKind::Map => format!("the map's {field} must not be empty"),
        _ => format!("{kind} {id:?}: {field} must not be empty"),
    }
}

/// The message of [`Error::UnsupportedVersion`]: only a newer version
/// calls for a newer journeymap.
fn version_message(found: &str, supported: u32) -> String {
    let newer = found.parse::<f64>().is_ok_and(|v| v > f64::from(supported));
    if newer {
        format!("format_version {found} is newer than this journeymap reads (1 to {supported}); upgrade journeymap to read this map")
    } else {
        format!("format_version {found} is not a format version: versions are whole numbers from 1; this journeymap reads 1 to {supported}")
    }
}

/// Result with [`Error`].
///
/// ```
/// fn stage_count(text: &str) -> journeymap::Result<usize> {
///     Ok(journeymap::JourneyMap::from_json(text)?.stages().len())
/// }
/// assert_eq!(stage_count(r#"{"name": "x", "stages": [{"id": "s", "name": "S"}]}"#).unwrap(), 1);
/// assert_eq!(stage_count("[]").unwrap_err().code(), "JSON_TYPE");
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use super::{RowError, RowErrorKind};

    /// One error of every variant and every row kind. The matches below
    /// are exhaustive: a new variant or row kind does not compile until it
    /// has a sample here, and then must be in `Error::ALL_CODES`.
    fn samples() -> Vec<Error> {
        let s = String::new;
        let k = EntityKind::Stage;
        let mut all = vec![
            Error::Syntax {
                message: s(),
                line: 1,
                column: 1,
            },
            Error::Type {
                path: s(),
                message: s(),
                line: 1,
                column: 1,
            },
            Error::UnknownField {
                path: s(),
                field: s(),
                line: 1,
                column: 1,
            },
            Error::MissingField {
                path: s(),
                field: s(),
                line: 1,
                column: 1,
            },
            Error::UnsupportedVersion {
                found: s(),
                supported: 1,
            },
            Error::InvalidId {
                kind: k,
                id: s(),
                path: s(),
            },
            Error::EmptyName {
                kind: k,
                id: s(),
                field: "name",
                path: s(),
            },
            Error::DuplicateId {
                kind: k,
                id: s(),
                path: s(),
                first: s(),
            },
            Error::DanglingReference {
                kind: k,
                id: s(),
                path: s(),
            },
            Error::EmotionOutOfRange {
                id: s(),
                score: 3,
                path: s(),
            },
            Error::NoStages,
            Error::SelfTransition { id: s(), path: s() },
            Error::DuplicateTransition {
                from: s(),
                to: s(),
                path: s(),
                first: s(),
            },
            Error::InvalidValue {
                id: None,
                path: s(),
                message: s(),
            },
            Error::LimitExceeded {
                path: s(),
                what: s(),
                limit: 1,
            },
            Error::NotFound { kind: k, id: s() },
            Error::InUse {
                kind: k,
                id: s(),
                used_at: s(),
            },
            Error::StageNotEmpty {
                id: s(),
                touchpoints: 1,
            },
            Error::Io {
                path: s(),
                message: s(),
                kind: IoKind::Other,
            },
            Error::MermaidSyntax {
                line: 1,
                column: 1,
                message: s(),
            },
            Error::Invalid(vec![Error::NoStages, Error::NotFound { kind: k, id: s() }]),
        ];
        use RowErrorKind::*;
        for kind in [
            MissingColumn,
            DuplicateColumn,
            FieldCount,
            MissingField,
            EmptyCustomer,
            BadTimestamp,
            BadNumber,
            UnknownTouchpoint,
            MissingEvent,
            BadJson,
            BadType,
            BadEncoding,
            LineTooLong,
            LogTooLarge,
        ] {
            // Exhaustive: a new row kind must be added to the list above.
            match kind {
                MissingColumn | DuplicateColumn | FieldCount | MissingField | EmptyCustomer
                | BadTimestamp | BadNumber | UnknownTouchpoint | MissingEvent | BadJson
                | BadType | BadEncoding | LineTooLong | LogTooLarge => {}
            }
            all.push(Error::EventRow(Box::new(RowError::new(kind, None, "x"))));
        }
        for e in &all {
            // Exhaustive: a new variant must be added to the list above.
            match e {
                Error::Syntax { .. }
                | Error::Type { .. }
                | Error::UnknownField { .. }
                | Error::MissingField { .. }
                | Error::UnsupportedVersion { .. }
                | Error::InvalidId { .. }
                | Error::EmptyName { .. }
                | Error::DuplicateId { .. }
                | Error::DanglingReference { .. }
                | Error::EmotionOutOfRange { .. }
                | Error::NoStages
                | Error::SelfTransition { .. }
                | Error::DuplicateTransition { .. }
                | Error::InvalidValue { .. }
                | Error::LimitExceeded { .. }
                | Error::NotFound { .. }
                | Error::InUse { .. }
                | Error::StageNotEmpty { .. }
                | Error::Io { .. }
                | Error::MermaidSyntax { .. }
                | Error::EventRow(_)
                | Error::Invalid(_) => {}
            }
        }
        all
    }

    #[test]
    fn all_codes_lists_every_code_with_its_category() {
        let samples = samples();
        let got: Vec<(&str, ErrorCategory)> =
            samples.iter().map(|e| (e.code(), e.category())).collect();
        for pair in &got {
            assert!(
                Error::ALL_CODES.contains(pair),
                "{pair:?} is not in Error::ALL_CODES"
            );
        }
        for pair in Error::ALL_CODES {
            assert!(
                got.contains(pair),
                "{pair:?} is in Error::ALL_CODES but no error has it"
            );
        }
        let mut unique = Error::ALL_CODES.to_vec();
        unique.sort_by_key(|(c, k)| (*c, k.as_str()));
        unique.dedup();
        assert_eq!(
            unique.len(),
            Error::ALL_CODES.len(),
            "a pair is listed twice"
        );
    }

    #[test]
    fn several_violations_share_a_category_or_are_invalid_map() {
        let nf = || Error::NotFound {
            kind: EntityKind::Stage,
            id: "s".into(),
        };
        assert_eq!(
            Error::Invalid(vec![nf(), nf()]).category(),
            ErrorCategory::NotFound
        );
        assert_eq!(
            Error::Invalid(vec![nf(), Error::NoStages]).category(),
            ErrorCategory::InvalidMap
        );
        assert_eq!(Error::Invalid(vec![]).category(), ErrorCategory::InvalidMap);
    }
}
