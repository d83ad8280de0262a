//! What a lint run reports: [`Diagnostic`]s, each with a [`Location`].

use std::cmp::Ordering;
use std::fmt;

use schemars::JsonSchema;
use serde::Serialize;

use crate::error::EntityKind;
use crate::model::LintSeverity;

use super::catalogue::severity_str;

/// Where a diagnostic points: the entity concerned and a JSON Pointer into
/// the document.
///
/// For a finding about something missing from the map (no objectives, no
/// review date), `path` names where it belongs (`/objectives`,
/// `/metadata/last_reviewed`) and `kind` is [`EntityKind::Map`].
///
/// ```
/// use journeymap::{EntityKind, lint::Location};
/// let loc = Location::new(EntityKind::Stage, Some("awareness"), "/stages/0");
/// assert_eq!(loc.to_string(), "/stages/0 (stage awareness)");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct Location {
    /// Kind of entity (`map` for the document as a whole).
    pub kind: EntityKind,
    /// Id of the entity; transitions are named `from->to`; absent for the map.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// JSON Pointer into the document (`""` is the whole document).
    pub path: String,
}

impl Location {
    /// A location.
    ///
    /// ```
    /// use journeymap::{lint::Location, EntityKind};
    /// let at = Location::new(EntityKind::Touchpoint, Some("pay"), "/touchpoints/2");
    /// assert_eq!((at.id.as_deref(), at.path.as_str()), (Some("pay"), "/touchpoints/2"));
    /// ```
    pub fn new(kind: EntityKind, id: Option<&str>, path: impl Into<String>) -> Self {
        Location {
            kind,
            id: id.map(str::to_owned),
            path: path.into(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "/"
        } else {
            &self.path
        };
        match &self.id {
            Some(id) => write!(f, "{path} ({} {id})", self.kind),
            None => f.write_str(path),
        }
    }
}

/// One finding of the linter.
///
/// Serialises as `{"code", "rule", "severity", "message", "location": {"kind",
/// "id", "path"}, "hint"}`.
///
/// ```
/// use journeymap::{JourneyMap, lint::LintConfig, model::LintSeverity};
/// let map = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "visit", "name": "Visit"}]}"#).unwrap();
/// let diags = map.lint(&LintConfig::default());
/// let d = &diags[0];
/// assert_eq!(d.code, "JM-L001");
/// assert_eq!(d.rule, "stage-without-touchpoints");
/// assert_eq!(d.severity, LintSeverity::Warning);
/// assert_eq!(d.location.path, "/stages/0");
/// assert!(d.message.contains("\"Visit\" (visit)"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
pub struct Diagnostic {
    /// Stable rule code, e.g. `JM-L003`.
    pub code: String,
    /// Stable rule name, e.g. `dead-end`.
    pub rule: String,
    /// Severity after the map's and the caller's overrides.
    pub severity: LintSeverity,
    /// What is wrong, naming the entity by its name and id.
    pub message: String,
    /// Where.
    pub location: Location,
    /// What to do about it.
    pub hint: String,
}

impl fmt::Display for Diagnostic {
    /// `warning[JM-L001] /stages/0 (stage visit): message` — one line, no hint.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}[{}] {}: {}",
            severity_str(self.severity),
            self.code,
            self.location,
            self.message
        )
    }
}

/// One segment of a JSON Pointer, ordered as in the document.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Segment<'a> {
    Index(u64),
    Field(u8, &'a str),
}

/// Top-level fields of the document, in the order they are written.
const DOCUMENT_FIELDS: &[&str] = &[
    "format_version",
    "name",
    "description",
    "personas",
    "stages",
    "channels",
    "teams",
    "touchpoints",
    "transitions",
    "objectives",
    "metadata",
];

fn segments(path: &str) -> Vec<Segment<'_>> {
    path.split('/')
        .skip(1)
        .enumerate()
        .map(|(depth, seg)| match seg.parse::<u64>() {
            Ok(n) if !seg.starts_with('+') => Segment::Index(n),
            _ => {
                let rank = if depth == 0 {
                    DOCUMENT_FIELDS
                        .iter()
                        .position(|f| *f == seg)
                        .and_then(|p| u8::try_from(p).ok())
                        .unwrap_or(u8::MAX)
                } else {
                    0
                };
                Segment::Field(rank, seg)
            }
        })
        .collect()
}

/// Orders two JSON Pointers by position in the document: top-level fields in
/// the order they are written, array indices numerically, other keys
/// alphabetically; a pointer before the pointers inside it.
pub(crate) fn document_order(a: &str, b: &str) -> Ordering {
    segments(a).cmp(&segments(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_order_as_in_the_document() {
        let mut paths = vec![
            "/metadata/last_reviewed",
            "/touchpoints/10",
            "/transitions/0",
            "/touchpoints/2/kpis/0",
            "/stages/1",
            "/touchpoints/2",
            "",
            "/objectives/0/kpis/0",
            "/channels",
        ];
        paths.sort_by(|a, b| document_order(a, b));
        assert_eq!(
            paths,
            [
                "",
                "/stages/1",
                "/channels",
                "/touchpoints/2",
                "/touchpoints/2/kpis/0",
                "/touchpoints/10",
                "/transitions/0",
                "/objectives/0/kpis/0",
                "/metadata/last_reviewed",
            ]
        );
    }

    #[test]
    fn display_names_severity_code_and_location() {
        let d = Diagnostic {
            code: "JM-L007".into(),
            rule: "touchpoint-without-owner".into(),
            severity: LintSeverity::Error,
            message: "m".into(),
            location: Location::new(EntityKind::Map, None, ""),
            hint: "h".into(),
        };
        assert_eq!(d.to_string(), "error[JM-L007] /: m");
    }
}
