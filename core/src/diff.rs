//! Structural diff between two versions of a map.
//!
//! [`diff`] compares two maps entity by entity, matching entities by id:
//! personas, stages, channels, teams, touchpoints, pain points and
//! opportunities (by their map-wide ids, wherever they sit), transitions (by
//! their `(from, to)` pair, shown as the id `from->to`) and objectives.
//!
//! - **added** / **removed**: entities present in only one version, with
//!   their full JSON value. A touchpoint's value leaves out its
//!   `pain_points` and `opportunities`, which are entities of their own; the
//!   value of a pain point or opportunity gains a `touchpoint` field naming
//!   the touchpoint it belongs to.
//! - **changed**: entities present in both whose value differs, with one
//!   [`FieldChange`] per differing field. The field path is a JSON Pointer into
//!   the entity's value (`/emotion/score`); objects are compared key by key,
//!   arrays and other values as a whole. A field absent from one version has
//!   no `old` (or `new`).
//! - **moved**: touchpoints whose stage changed, reported here rather than as a
//!   `/stage` field change (their other changes are still in `changed`). A
//!   pain point or opportunity that moved to another touchpoint shows as a
//!   `/touchpoint` field change.
//! - **stage_order**: the old and new stage id lists, when the stages present in
//!   both versions are not in the same relative order (adding or removing a
//!   stage alone is not a reordering).
//! - **map**: changes of the map's own fields (`/name`, `/description`,
//!   `/metadata/...`).
//!
//! The order is deterministic: kinds in the order persona, stage, channel,
//! team, touchpoint, pain point, opportunity, transition, objective; within a
//! kind, added and changed entities in the new document's order, removed ones
//! in the old document's order; field changes sorted by path.
//!
//! ```
//! use journeymap::{JourneyMap, diff::diff};
//! let old = JourneyMap::from_json(r#"{"name": "Shop",
//!   "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
//!   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
//!   "touchpoints": [{"id": "t", "name": "T", "stage": "a", "channel": "web",
//!                    "emotion": {"score": -1}}]}"#).unwrap();
//! let mut new = old.clone();
//! let mut t = new.touchpoint("t").unwrap().clone();
//! t.stage = "b".into();
//! t.emotion = Some(journeymap::model::Emotion { score: 1, label: None });
//! new.update_touchpoint(t).unwrap();
//!
//! let d = diff(&old, &new);
//! assert_eq!(d.moved[0].id, "t");
//! assert_eq!(d.changed[0].changes[0].path, "/emotion/score");
//! assert_eq!(
//!     d.to_string(),
//!     "changed touchpoint \"t\":\n  /emotion/score: -1 -> 1\nmoved touchpoint \"t\": stage \"a\" -> \"b\"\n"
//! );
//! assert!(diff(&old, &old).is_empty());
//! ```

use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use serde_json::Value;

use crate::{EntityKind, JourneyMap};

fn kind_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "Kind of entity.",
        "type": "string",
        "enum": ["persona", "stage", "channel", "team", "touchpoint",
                 "pain_point", "opportunity", "transition", "objective"]
    })
}

/// One field that differs between two versions of an entity (or of the map).
///
/// ```
/// use journeymap::diff::FieldChange;
/// let c = FieldChange { path: "/name".into(), old: Some("A".into()), new: Some("B".into()) };
/// assert_eq!(c.to_string(), r#"/name: "A" -> "B""#);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct FieldChange {
    /// JSON Pointer to the field, relative to the entity (or the map).
    pub path: String,
    /// The old value; absent when the field was absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The new value; absent when the field is now absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

fn show(v: &Option<Value>) -> String {
    match v {
        Some(v) => v.to_string(),
        None => "(absent)".to_owned(),
    }
}

impl fmt::Display for FieldChange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} -> {}",
            self.path,
            show(&self.old),
            show(&self.new)
        )
    }
}

/// An entity present in only one of the two versions.
///
/// ```
/// use journeymap::{diff::diff, JourneyMap};
/// let old = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Cart", "stage": "a", "channel": "web"},
///                   {"id": "u", "name": "Help", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let new = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "b", "name": "B"}, {"id": "a", "name": "A"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Basket", "stage": "b", "channel": "web"},
///                   {"id": "v", "name": "Chat", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let d = diff(&old, &new);
/// assert_eq!((d.added[0].kind.as_str(), d.added[0].id.as_str()), ("touchpoint", "v"));
/// assert_eq!(d.added[0].value["name"], "Chat");
/// assert_eq!(d.removed[0].id, "u");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct EntityValue {
    /// Its kind.
    #[schemars(schema_with = "kind_schema")]
    pub kind: EntityKind,
    /// Its id (`from->to` for a transition).
    pub id: String,
    /// Its JSON value (see the module documentation for what it holds).
    pub value: Value,
}

/// An entity present in both versions with different values.
///
/// ```
/// use journeymap::{diff::diff, JourneyMap};
/// let old = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Cart", "stage": "a", "channel": "web"},
///                   {"id": "u", "name": "Help", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let new = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "b", "name": "B"}, {"id": "a", "name": "A"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Basket", "stage": "b", "channel": "web"},
///                   {"id": "v", "name": "Chat", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let d = diff(&old, &new);
/// let change = &d.changed[0];
/// assert_eq!((change.id.as_str(), change.changes[0].path.as_str()), ("t", "/name"));
/// assert_eq!(change.changes[0].new, Some(serde_json::json!("Basket")));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct EntityChange {
    /// Its kind.
    #[schemars(schema_with = "kind_schema")]
    pub kind: EntityKind,
    /// Its id (`from->to` for a transition).
    pub id: String,
    /// The fields that differ, sorted by path.
    pub changes: Vec<FieldChange>,
}

/// A touchpoint whose stage changed.
///
/// ```
/// use journeymap::{diff::diff, JourneyMap};
/// let old = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Cart", "stage": "a", "channel": "web"},
///                   {"id": "u", "name": "Help", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let new = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "b", "name": "B"}, {"id": "a", "name": "A"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Basket", "stage": "b", "channel": "web"},
///                   {"id": "v", "name": "Chat", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let d = diff(&old, &new);
/// let m = &d.moved[0];
/// assert_eq!((m.id.as_str(), m.from_stage.as_str(), m.to_stage.as_str()), ("t", "a", "b"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct TouchpointMove {
    /// The touchpoint id.
    pub id: String,
    /// Its stage in the old version.
    pub from_stage: String,
    /// Its stage in the new version.
    pub to_stage: String,
}

/// The stage order of both versions, reported when it changed.
///
/// ```
/// use journeymap::{diff::diff, JourneyMap};
/// let old = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Cart", "stage": "a", "channel": "web"},
///                   {"id": "u", "name": "Help", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let new = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "b", "name": "B"}, {"id": "a", "name": "A"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Basket", "stage": "b", "channel": "web"},
///                   {"id": "v", "name": "Chat", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let d = diff(&old, &new);
/// let order = d.stage_order.as_ref().unwrap();
/// assert_eq!((order.old.as_slice(), order.new.as_slice()), (&["a".to_owned(), "b".to_owned()][..], &["b".to_owned(), "a".to_owned()][..]));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct StageOrder {
    /// Stage ids of the old version, in journey order.
    pub old: Vec<String>,
    /// Stage ids of the new version, in journey order.
    pub new: Vec<String>,
}

/// The differences between two versions of a map (see the module
/// documentation). Serialises with every key present (empty lists, `null`
/// stage order) so consumers see one shape.
///
/// ```
/// use journeymap::{diff::diff, JourneyMap};
/// let old = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Cart", "stage": "a", "channel": "web"},
///                   {"id": "u", "name": "Help", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let new = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "b", "name": "B"}, {"id": "a", "name": "A"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Basket", "stage": "b", "channel": "web"},
///                   {"id": "v", "name": "Chat", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let d = diff(&old, &new);
/// let json = serde_json::to_value(&d).unwrap();
/// assert_eq!(json["map"], serde_json::json!([])); // every key, even when empty
/// assert_eq!((d.added.len(), d.removed.len(), d.changed.len(), d.moved.len()), (1, 1, 1, 1));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, JsonSchema)]
pub struct MapDiff {
    /// Changes of the map's own fields (name, description, metadata).
    pub map: Vec<FieldChange>,
    /// Entities only in the new version.
    pub added: Vec<EntityValue>,
    /// Entities only in the old version.
    pub removed: Vec<EntityValue>,
    /// Entities in both versions whose values differ.
    pub changed: Vec<EntityChange>,
    /// Touchpoints whose stage changed.
    pub moved: Vec<TouchpointMove>,
    /// Set when the stages common to both versions changed order.
    pub stage_order: Option<StageOrder>,
}

impl MapDiff {
    /// Whether the two versions are the same.
    ///
    /// ```
    /// use journeymap::{diff::diff, JourneyMap};
    /// let old = JourneyMap::from_json(r#"{"name": "Shop",
    ///   "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
    ///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [{"id": "t", "name": "Cart", "stage": "a", "channel": "web"},
    ///                   {"id": "u", "name": "Help", "stage": "a", "channel": "web"}]}"#).unwrap();
    /// let new = JourneyMap::from_json(r#"{"name": "Shop",
    ///   "stages": [{"id": "b", "name": "B"}, {"id": "a", "name": "A"}],
    ///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ///   "touchpoints": [{"id": "t", "name": "Basket", "stage": "b", "channel": "web"},
    ///                   {"id": "v", "name": "Chat", "stage": "a", "channel": "web"}]}"#).unwrap();
    /// let d = diff(&old, &new);
    /// assert!(!d.is_empty());
    /// assert!(diff(&old, &old).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.moved.is_empty()
            && self.stage_order.is_none()
    }
}

/// One line per difference: `map`, `added`, `removed`, `changed` (with one
/// indented line per field), `moved`, `stage order`; `no differences` when
/// there are none.
impl fmt::Display for MapDiff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return writeln!(f, "no differences");
        }
        for c in &self.map {
            writeln!(f, "map {c}")?;
        }
        for e in &self.added {
            writeln!(f, "added {} {:?}", e.kind, e.id)?;
        }
        for e in &self.removed {
            writeln!(f, "removed {} {:?}", e.kind, e.id)?;
        }
        for e in &self.changed {
            writeln!(f, "changed {} {:?}:", e.kind, e.id)?;
            for c in &e.changes {
                writeln!(f, "  {c}")?;
            }
        }
        for m in &self.moved {
            writeln!(
                f,
                "moved touchpoint {:?}: stage {:?} -> {:?}",
                m.id, m.from_stage, m.to_stage
            )?;
        }
        if let Some(o) = &self.stage_order {
            writeln!(
                f,
                "stage order: {} -> {}",
                o.old.join(", "),
                o.new.join(", ")
            )?;
        }
        Ok(())
    }
}

/// The kinds in report order.
const KINDS: [EntityKind; 9] = [
    EntityKind::Persona,
    EntityKind::Stage,
    EntityKind::Channel,
    EntityKind::Team,
    EntityKind::Touchpoint,
    EntityKind::PainPoint,
    EntityKind::Opportunity,
    EntityKind::Transition,
    EntityKind::Objective,
];

fn value_of<T: Serialize>(item: &T) -> Value {
    // Serialising plain model data with string keys cannot fail.
    serde_json::to_value(item).unwrap_or(Value::Null)
}

/// Every entity of one kind, in document order: `(id, value)`.
fn entities(map: &JourneyMap, kind: EntityKind) -> Vec<(String, Value)> {
    fn plain<T: Serialize>(items: &[T], id: impl Fn(&T) -> String) -> Vec<(String, Value)> {
        items.iter().map(|x| (id(x), value_of(x))).collect()
    }
    fn with_touchpoint(tp: &str, mut v: Value) -> Value {
        if let Value::Object(o) = &mut v {
            o.insert("touchpoint".into(), Value::String(tp.to_owned()));
        }
        v
    }
    match kind {
        EntityKind::Persona => plain(map.personas(), |p| p.id.to_string()),
        EntityKind::Stage => plain(map.stages(), |s| s.id.to_string()),
        EntityKind::Channel => plain(map.channels(), |c| c.id.to_string()),
        EntityKind::Team => plain(map.teams(), |t| t.id.to_string()),
        EntityKind::Objective => plain(map.objectives(), |o| o.id.to_string()),
        EntityKind::Transition => plain(map.transitions(), |t| format!("{}->{}", t.from, t.to)),
        EntityKind::Touchpoint => map
            .touchpoints()
            .iter()
            .map(|t| {
                let mut v = value_of(t);
                if let Value::Object(o) = &mut v {
                    o.remove("pain_points");
                    o.remove("opportunities");
                }
                (t.id.to_string(), v)
            })
            .collect(),
        EntityKind::PainPoint => map
            .touchpoints()
            .iter()
            .flat_map(|t| {
                t.pain_points.iter().map(|p| {
                    (
                        p.id.to_string(),
                        with_touchpoint(t.id.as_str(), value_of(p)),
                    )
                })
            })
            .collect(),
        EntityKind::Opportunity => map
            .touchpoints()
            .iter()
            .flat_map(|t| {
                t.opportunities.iter().map(|o| {
                    (
                        o.id.to_string(),
                        with_touchpoint(t.id.as_str(), value_of(o)),
                    )
                })
            })
            .collect(),
        EntityKind::Map => Vec::new(),
    }
}

/// Field changes between two values under `path`: objects key by key, any
/// other value as a whole.
fn diff_values(path: &str, old: Option<&Value>, new: Option<&Value>, out: &mut Vec<FieldChange>) {
    match (old, new) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
            for key in keys {
                diff_values(
                    &format!("{path}/{}", crate::pointer::token(key)),
                    a.get(key),
                    b.get(key),
                    out,
                );
            }
        }
        (a, b) if a == b => {}
        (a, b) => out.push(FieldChange {
            path: path.to_owned(),
            old: a.cloned(),
            new: b.cloned(),
        }),
    }
}

/// The map's own fields: the document without its entity lists.
fn map_fields(map: &JourneyMap) -> Value {
    let mut v = map.to_value();
    if let Value::Object(o) = &mut v {
        for key in [
            "personas",
            "stages",
            "channels",
            "teams",
            "touchpoints",
            "transitions",
            "objectives",
        ] {
            o.remove(key);
        }
    }
    v
}

/// Compares two versions of a map (see the module documentation).
///
/// ```
/// use journeymap::{diff::diff, JourneyMap};
/// let old = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Cart", "stage": "a", "channel": "web"},
///                   {"id": "u", "name": "Help", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let new = JourneyMap::from_json(r#"{"name": "Shop",
///   "stages": [{"id": "b", "name": "B"}, {"id": "a", "name": "A"}],
///   "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
///   "touchpoints": [{"id": "t", "name": "Basket", "stage": "b", "channel": "web"},
///                   {"id": "v", "name": "Chat", "stage": "a", "channel": "web"}]}"#).unwrap();
/// let d = diff(&old, &new);
/// let text = d.to_string();
/// assert!(text.contains("added touchpoint \"v\"") && text.contains("removed touchpoint \"u\""));
/// ```
pub fn diff(old: &JourneyMap, new: &JourneyMap) -> MapDiff {
    let mut d = MapDiff::default();
    diff_values(
        "",
        Some(&map_fields(old)),
        Some(&map_fields(new)),
        &mut d.map,
    );

    for kind in KINDS {
        let before = entities(old, kind);
        let after = entities(new, kind);
        let before_ix: HashMap<&str, &Value> =
            before.iter().map(|(id, v)| (id.as_str(), v)).collect();
        let after_ids: HashSet<&str> = after.iter().map(|(id, _)| id.as_str()).collect();
        for (id, value) in &after {
            match before_ix.get(id.as_str()) {
                None => d.added.push(EntityValue {
                    kind,
                    id: id.clone(),
                    value: value.clone(),
                }),
                Some(old_value) => {
                    let mut changes = Vec::new();
                    diff_values("", Some(old_value), Some(value), &mut changes);
                    if kind == EntityKind::Touchpoint {
                        if let Some(k) = changes.iter().position(|c| c.path == "/stage") {
                            let c = changes.remove(k);
                            let name = |v: &Option<Value>| match v {
                                Some(Value::String(s)) => s.clone(),
                                other => show(other),
                            };
                            d.moved.push(TouchpointMove {
                                id: id.clone(),
                                from_stage: name(&c.old),
                                to_stage: name(&c.new),
                            });
                        }
                    }
                    if !changes.is_empty() {
                        d.changed.push(EntityChange {
                            kind,
                            id: id.clone(),
                            changes,
                        });
                    }
                }
            }
        }
        for (id, value) in &before {
            if !after_ids.contains(id.as_str()) {
                d.removed.push(EntityValue {
                    kind,
                    id: id.clone(),
                    value: value.clone(),
                });
            }
        }
    }

    let old_ids: Vec<String> = old.stages().iter().map(|s| s.id.to_string()).collect();
    let new_ids: Vec<String> = new.stages().iter().map(|s| s.id.to_string()).collect();
    let in_old: HashSet<&String> = old_ids.iter().collect();
    let in_new: HashSet<&String> = new_ids.iter().collect();
    let common_old: Vec<&String> = old_ids.iter().filter(|id| in_new.contains(id)).collect();
    let common_new: Vec<&String> = new_ids.iter().filter(|id| in_old.contains(id)).collect();
    if common_old != common_new {
        d.stage_order = Some(StageOrder {
            old: old_ids,
            new: new_ids,
        });
    }
    d
}

/// The JSON Schema of [`MapDiff`], for consumers of `journeymap diff --json`.
///
/// ```
/// let schema = journeymap::diff::diff_schema();
/// assert_eq!(schema["title"], "MapDiff");
/// ```
pub fn diff_schema() -> Value {
    value_of(&schemars::schema_for!(MapDiff))
}
