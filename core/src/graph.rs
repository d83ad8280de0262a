//! [`JourneyMap`]: a document whose invariants hold, plus a petgraph graph of
//! its touchpoints (nodes) and transitions (edges) and an index by id.
//!
//! Every constructor checks every invariant; every mutation is applied to a
//! copy that is checked before it replaces the map, so a refused mutation
//! leaves the map exactly as it was. A mutation therefore costs time linear in
//! the size of the map, which for maps of thousands of touchpoints is well
//! under a millisecond.

use std::collections::HashMap;
use std::io::Read;

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;

use crate::error::{EntityKind, Error};
use crate::limits::Limits;
use crate::model::{
    Channel, ConversionTarget, JourneyDocument, Metadata, Objective, Persona, Stage, StageId, Team,
    Touchpoint, TouchpointKind, Transition,
};
use crate::parse::{check_limits, parse_document};
use crate::validate::check;

/// A journey map whose invariants always hold.
///
/// ```
/// use journeymap::JourneyMap;
/// let map = JourneyMap::from_json(r#"{
///   "name": "Tiny shop",
///   "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
///   "channels": [{"id": "web", "name": "Website", "kind": "digital"}],
///   "touchpoints": [
///     {"id": "home", "name": "Home page", "stage": "visit", "channel": "web"},
///     {"id": "pay", "name": "Checkout", "stage": "buy", "channel": "web", "kind": "conversion"}
///   ],
///   "transitions": [{"from": "home", "to": "pay"}]
/// }"#).unwrap();
/// assert_eq!(map.successors("home").unwrap()[0].id, "pay");
/// assert_eq!(map.conversions()[0].id, "pay");
/// ```
#[derive(Clone, Debug)]
pub struct JourneyMap {
    doc: JourneyDocument,
    /// Node `i` is touchpoint `i` of `doc`; edge weight `j` is transition `j`.
    graph: DiGraph<usize, usize>,
    index: Index,
}

/// Position of each entity in the document, by id.
#[derive(Clone, Debug, Default)]
struct Index {
    personas: HashMap<String, usize>,
    stages: HashMap<String, usize>,
    channels: HashMap<String, usize>,
    teams: HashMap<String, usize>,
    touchpoints: HashMap<String, usize>,
    objectives: HashMap<String, usize>,
    transitions: HashMap<(String, String), usize>,
}

fn positions<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    ids.enumerate().map(|(i, id)| (id.to_owned(), i)).collect()
}

impl PartialEq for JourneyMap {
    fn eq(&self, other: &Self) -> bool {
        self.doc == other.doc
    }
}

impl JourneyMap {
    /// Builds a map from a document, reporting every invariant violation.
    ///
    /// ```
    /// use journeymap::{JourneyMap, model::{JourneyDocument, Stage}};
    /// let mut doc = JourneyDocument::new("Shop");
    /// doc.stages.push(Stage::new("visit", "Visit"));
    /// assert!(JourneyMap::from_document(doc).is_ok());
    /// ```
    pub fn from_document(doc: JourneyDocument) -> Result<Self, Error> {
        Self::from_document_with_limits(doc, &Limits::default())
    }

    fn from_document_with_limits(doc: JourneyDocument, limits: &Limits) -> Result<Self, Error> {
        if let Some(err) = Error::from_violations(check(&doc, limits)) {
            return Err(err);
        }
        Ok(Self::index(doc))
    }

    /// Builds the graph and index of a document already checked.
    fn index(doc: JourneyDocument) -> Self {
        let touchpoints = positions(doc.touchpoints.iter().map(|t| t.id.as_str()));
        let mut graph = DiGraph::with_capacity(doc.touchpoints.len(), doc.transitions.len());
        for i in 0..doc.touchpoints.len() {
            graph.add_node(i);
        }
        let mut transitions = HashMap::with_capacity(doc.transitions.len());
        for (j, t) in doc.transitions.iter().enumerate() {
            // Both ends resolve: `check` reported any dangling transition end.
            if let (Some(&a), Some(&b)) = (
                touchpoints.get(t.from.as_str()),
                touchpoints.get(t.to.as_str()),
            ) {
                graph.add_edge(NodeIndex::new(a), NodeIndex::new(b), j);
            }
            transitions.insert((t.from.to_string(), t.to.to_string()), j);
        }
        let index = Index {
            personas: positions(doc.personas.iter().map(|p| p.id.as_str())),
            stages: positions(doc.stages.iter().map(|s| s.id.as_str())),
            channels: positions(doc.channels.iter().map(|c| c.id.as_str())),
            teams: positions(doc.teams.iter().map(|t| t.id.as_str())),
            touchpoints,
            objectives: positions(doc.objectives.iter().map(|o| o.id.as_str())),
            transitions,
        };
        JourneyMap { doc, graph, index }
    }

    /// Parses and checks a map from JSON text.
    ///
    /// Malformed JSON gives [`Error::Syntax`] with line and column; wrong
    /// types and unknown fields give their JSON path; invariant violations are
    /// all reported at once.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let err = JourneyMap::from_json("{\"name\": ").unwrap_err();
    /// assert_eq!(err.code(), "JSON_SYNTAX");
    /// ```
    pub fn from_json(text: &str) -> Result<Self, Error> {
        Self::from_json_with_limits(text, &Limits::default())
    }

    /// Like [`JourneyMap::from_json`], with explicit size limits.
    ///
    /// ```
    /// use journeymap::{JourneyMap, Limits};
    /// let limits = Limits { max_document_bytes: 8, ..Limits::default() };
    /// let err = JourneyMap::from_json_with_limits(r#"{"name": "x", "stages": []}"#, &limits).unwrap_err();
    /// assert_eq!(err.code(), "LIMIT_EXCEEDED");
    /// ```
    pub fn from_json_with_limits(text: &str, limits: &Limits) -> Result<Self, Error> {
        let doc = parse_document(text, limits)?;
        Self::from_document_with_limits(doc, limits)
    }

    /// Reads a map from a reader (a file, a socket) holding JSON text.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let text = br#"{"name": "x", "stages": [{"id": "s", "name": "S"}]}"#;
    /// let map = JourneyMap::from_reader(&text[..]).unwrap();
    /// assert_eq!(map.stages().len(), 1);
    /// ```
    pub fn from_reader(reader: impl Read) -> Result<Self, Error> {
        let limits = Limits::default();
        let mut text = String::new();
        // Read one byte past the limit so an oversized input is detected
        // without reading all of it.
        let cap = u64::try_from(limits.max_document_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(1);
        reader
            .take(cap)
            .read_to_string(&mut text)
            .map_err(|e| Error::io("<reader>", &e))?;
        Self::from_json_with_limits(&text, &limits)
    }

    /// Reads a map from a JSON file.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let path = std::env::temp_dir().join("journeymap-doc-shop.json");
    /// std::fs::write(&path, map.to_json()).unwrap();
    /// assert_eq!(JourneyMap::from_path(&path).unwrap(), map);
    /// let err = JourneyMap::from_path("no/such/map.json").unwrap_err();
    /// assert_eq!(err.code(), "IO");
    /// ```
    pub fn from_path(path: impl AsRef<std::path::Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let file =
            std::fs::File::open(path).map_err(|e| Error::io(path.display().to_string(), &e))?;
        Self::from_reader(std::io::BufReader::new(file)).map_err(|e| match e {
            Error::Io { message, kind, .. } => Error::Io {
                path: path.display().to_string(),
                message,
                kind,
            },
            other => other,
        })
    }

    /// The document, as valid as the map.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.document().name, "Shop");
    /// assert_eq!(map.document().touchpoints.len(), 3);
    /// ```
    pub fn document(&self) -> &JourneyDocument {
        &self.doc
    }

    /// Gives the document back.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let mut doc = map.into_document();
    /// doc.name = "Shop (v2)".into();
    /// assert_eq!(JourneyMap::from_document(doc).unwrap().name(), "Shop (v2)");
    /// ```
    pub fn into_document(self) -> JourneyDocument {
        self.doc
    }

    /// The document as pretty-printed JSON.
    ///
    /// ```
    /// use journeymap::JourneyMap;
    /// let text = r#"{"format_version": 1, "name": "x", "stages": [{"id": "s", "name": "S"}]}"#;
    /// let map = JourneyMap::from_json(text).unwrap();
    /// let again = JourneyMap::from_json(&map.to_json()).unwrap();
    /// assert_eq!(map, again);
    /// ```
    pub fn to_json(&self) -> String {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_string_pretty(&self.doc).unwrap_or_default()
    }

    /// The document as a JSON value.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let value = map.to_value();
    /// assert_eq!(value["touchpoints"][0]["id"], "promo");
    /// assert_eq!(JourneyMap::from_json(&value.to_string()).unwrap(), map);
    /// ```
    pub fn to_value(&self) -> serde_json::Value {
        // Serialising plain data with string keys cannot fail.
        serde_json::to_value(&self.doc).unwrap_or_default()
    }

    /// The petgraph graph: node weight `i` is the index of a touchpoint in
    /// [`JourneyMap::touchpoints`], edge weight `j` the index of a transition
    /// in [`JourneyMap::transitions`].
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let g = map.graph();
    /// assert_eq!((g.node_count(), g.edge_count()), (3, 2));
    /// let first = g.edge_indices().next().unwrap();
    /// assert_eq!(map.transitions()[g[first]].from.as_str(), "promo");
    /// ```
    pub fn graph(&self) -> &DiGraph<usize, usize> {
        &self.graph
    }

    /// The map's title.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.name(), "Shop");
    /// ```
    pub fn name(&self) -> &str {
        &self.doc.name
    }

    /// Personas, in document order.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let ids: Vec<&str> = map.personas().iter().map(|p| p.id.as_str()).collect();
    /// assert_eq!(ids, ["buyer", "browser"]);
    /// ```
    pub fn personas(&self) -> &[Persona] {
        &self.doc.personas
    }

    /// Stages, in journey order.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let ids: Vec<&str> = map.stages().iter().map(|s| s.id.as_str()).collect();
    /// assert_eq!(ids, ["visit", "buy"]);
    /// ```
    pub fn stages(&self) -> &[Stage] {
        &self.doc.stages
    }

    /// Channels, in document order.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.channels()[1].name, "Mail");
    /// ```
    pub fn channels(&self) -> &[Channel] {
        &self.doc.channels
    }

    /// Teams, in document order.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.teams()[0].id.as_str(), "growth");
    /// ```
    pub fn teams(&self) -> &[Team] {
        &self.doc.teams
    }

    /// Touchpoints, in document order.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let ids: Vec<&str> = map.touchpoints().iter().map(|t| t.id.as_str()).collect();
    /// assert_eq!(ids, ["promo", "home", "pay"]);
    /// ```
    pub fn touchpoints(&self) -> &[Touchpoint] {
        &self.doc.touchpoints
    }

    /// Transitions, in document order.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let t = &map.transitions()[1];
    /// assert_eq!((t.from.as_str(), t.to.as_str()), ("home", "pay"));
    /// ```
    pub fn transitions(&self) -> &[Transition] {
        &self.doc.transitions
    }

    /// Objectives, in document order.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.objectives()[0].name, "Sales");
    /// ```
    pub fn objectives(&self) -> &[Objective] {
        &self.doc.objectives
    }

    /// Metadata.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert!(map.metadata().is_empty());
    /// ```
    pub fn metadata(&self) -> &Metadata {
        &self.doc.metadata
    }

    /// The persona with this id.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.persona("buyer").map(|p| p.name.as_str()), Some("Buyer"));
    /// assert!(map.persona("nobody").is_none());
    /// ```
    pub fn persona(&self, id: &str) -> Option<&Persona> {
        self.index.personas.get(id).map(|&i| &self.doc.personas[i])
    }

    /// The stage with this id.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.stage("buy").map(|s| s.name.as_str()), Some("Buy"));
    /// ```
    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.index.stages.get(id).map(|&i| &self.doc.stages[i])
    }

    /// Position of a stage in the journey (0 = first).
    ///
    /// ```
    /// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"a","name":"A"},{"id":"b","name":"B"}]}"#).unwrap();
    /// assert_eq!(map.stage_position("b"), Some(1));
    /// ```
    pub fn stage_position(&self, id: &str) -> Option<usize> {
        self.index.stages.get(id).copied()
    }

    /// The channel with this id.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert!(map.channel("mail").is_some() && map.channel("sms").is_none());
    /// ```
    pub fn channel(&self, id: &str) -> Option<&Channel> {
        self.index.channels.get(id).map(|&i| &self.doc.channels[i])
    }

    /// The team with this id.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.team("growth").map(|t| t.name.as_str()), Some("Growth"));
    /// ```
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.index.teams.get(id).map(|&i| &self.doc.teams[i])
    }

    /// The touchpoint with this id.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.touchpoint("pay").map(|t| t.stage.as_str()), Some("buy"));
    /// ```
    pub fn touchpoint(&self, id: &str) -> Option<&Touchpoint> {
        self.index
            .touchpoints
            .get(id)
            .map(|&i| &self.doc.touchpoints[i])
    }

    /// Position of a touchpoint in [`JourneyMap::touchpoints`] (its node index).
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.touchpoint_position("pay"), Some(2));
    /// assert_eq!(map.touchpoint_position("nowhere"), None);
    /// ```
    pub fn touchpoint_position(&self, id: &str) -> Option<usize> {
        self.index.touchpoints.get(id).copied()
    }

    /// The objective with this id.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert!(map.objective("sales").is_some());
    /// ```
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.index
            .objectives
            .get(id)
            .map(|&i| &self.doc.objectives[i])
    }

    /// The transition from `from` to `to`.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert!(map.transition("promo", "home").is_some());
    /// assert!(map.transition("home", "promo").is_none()); // direction matters
    /// ```
    pub fn transition(&self, from: &str, to: &str) -> Option<&Transition> {
        self.index
            .transitions
            .get(&(from.to_owned(), to.to_owned()))
            .map(|&j| &self.doc.transitions[j])
    }

    /// Touchpoints of a stage, in document order.
    ///
    /// ```
    /// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"a","name":"A"}],"channels":[{"id":"w","name":"W","kind":"digital"}],"touchpoints":[{"id":"t1","name":"T1","stage":"a","channel":"w"},{"id":"t2","name":"T2","stage":"a","channel":"w"}]}"#).unwrap();
    /// let ids: Vec<_> = map.touchpoints_in_stage("a").unwrap().iter().map(|t| t.id.as_str()).collect();
    /// assert_eq!(ids, ["t1", "t2"]);
    /// assert_eq!(map.touchpoints_in_stage("nope").unwrap_err().code(), "NOT_FOUND");
    /// ```
    pub fn touchpoints_in_stage(&self, stage: &str) -> Result<Vec<&Touchpoint>, Error> {
        self.require(
            EntityKind::Stage,
            stage,
            self.index.stages.contains_key(stage),
        )?;
        Ok(self
            .doc
            .touchpoints
            .iter()
            .filter(|t| t.stage == stage)
            .collect())
    }

    /// Touchpoints a persona passes (those listing it, and those listing no
    /// persona), in document order.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// // `home` lists only buyers; the others list no persona: everyone passes them.
    /// let ids = |p| -> Vec<String> {
    ///     map.touchpoints_for_persona(p).unwrap().iter().map(|t| t.id.to_string()).collect()
    /// };
    /// assert_eq!(ids("buyer"), ["promo", "home", "pay"]);
    /// assert_eq!(ids("browser"), ["promo", "pay"]);
    /// assert_eq!(map.touchpoints_for_persona("nobody").unwrap_err().code(), "NOT_FOUND");
    /// ```
    pub fn touchpoints_for_persona(&self, persona: &str) -> Result<Vec<&Touchpoint>, Error> {
        self.require(
            EntityKind::Persona,
            persona,
            self.index.personas.contains_key(persona),
        )?;
        Ok(self
            .doc
            .touchpoints
            .iter()
            .filter(|t| t.applies_to(persona))
            .collect())
    }

    fn node(&self, touchpoint: &str) -> Result<NodeIndex, Error> {
        self.index
            .touchpoints
            .get(touchpoint)
            .map(|&i| NodeIndex::new(i))
            .ok_or_else(|| Error::NotFound {
                kind: EntityKind::Touchpoint,
                id: touchpoint.to_owned(),
            })
    }

    fn require(&self, kind: EntityKind, id: &str, exists: bool) -> Result<(), Error> {
        if exists {
            Ok(())
        } else {
            Err(Error::NotFound {
                kind,
                id: id.to_owned(),
            })
        }
    }

    /// Neighbours in one direction, in transition document order.
    fn neighbours(&self, touchpoint: &str, dir: Direction) -> Result<Vec<&Touchpoint>, Error> {
        let node = self.node(touchpoint)?;
        let mut edges: Vec<(usize, usize)> = self
            .graph
            .edges_directed(node, dir)
            .map(|e| {
                use petgraph::visit::EdgeRef;
                let other = if dir == Direction::Outgoing {
                    e.target()
                } else {
                    e.source()
                };
                (*e.weight(), other.index())
            })
            .collect();
        edges.sort_unstable();
        Ok(edges
            .into_iter()
            .map(|(_, n)| &self.doc.touchpoints[n])
            .collect())
    }

    /// Touchpoints reachable by one transition from `touchpoint`.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let next: Vec<&str> = map.successors("home").unwrap().iter().map(|t| t.id.as_str()).collect();
    /// assert_eq!(next, ["pay"]);
    /// assert!(map.successors("pay").unwrap().is_empty());
    /// ```
    pub fn successors(&self, touchpoint: &str) -> Result<Vec<&Touchpoint>, Error> {
        self.neighbours(touchpoint, Direction::Outgoing)
    }

    /// Touchpoints with a transition into `touchpoint`.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let before: Vec<&str> = map.predecessors("home").unwrap().iter().map(|t| t.id.as_str()).collect();
    /// assert_eq!(before, ["promo"]);
    /// assert_eq!(map.predecessors("nowhere").unwrap_err().code(), "NOT_FOUND");
    /// ```
    pub fn predecessors(&self, touchpoint: &str) -> Result<Vec<&Touchpoint>, Error> {
        self.neighbours(touchpoint, Direction::Incoming)
    }

    /// Entry touchpoints: those no transition leads into, apart from
    /// transitions marked as loops (a repurchase loop back to the first step
    /// does not stop it being an entry). In document order.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let entries: Vec<&str> = map.entries().iter().map(|t| t.id.as_str()).collect();
    /// assert_eq!(entries, ["promo"]);
    /// ```
    pub fn entries(&self) -> Vec<&Touchpoint> {
        let mut has_incoming = vec![false; self.doc.touchpoints.len()];
        for t in self.doc.transitions.iter().filter(|t| !t.is_loop) {
            if let Some(&i) = self.index.touchpoints.get(t.to.as_str()) {
                has_incoming[i] = true;
            }
        }
        self.doc
            .touchpoints
            .iter()
            .zip(has_incoming)
            .filter(|(_, inc)| !inc)
            .map(|(t, _)| t)
            .collect()
    }

    /// Conversion touchpoints: those of kind `conversion`, plus those named by
    /// an objective's conversion definition (a touchpoint, or every touchpoint
    /// of a stage). In document order, each once.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// let conversions: Vec<&str> = map.conversions().iter().map(|t| t.id.as_str()).collect();
    /// assert_eq!(conversions, ["pay"]);
    /// ```
    pub fn conversions(&self) -> Vec<&Touchpoint> {
        self.doc
            .touchpoints
            .iter()
            .filter(|t| {
                t.kind == TouchpointKind::Conversion
                    || self.doc.objectives.iter().any(|o| match &o.conversion {
                        Some(ConversionTarget::Touchpoint(id)) => *id == t.id,
                        Some(ConversionTarget::Stage(s)) => *s == t.stage,
                        None => false,
                    })
            })
            .collect()
    }

    /// The sub-journey of one persona: the touchpoints it passes and the
    /// transitions between them that apply to it. Every stage, channel, team,
    /// persona and objective is kept, so the result is itself a valid map.
    /// Objectives whose conversion touchpoint is not part of the persona's
    /// journey are dropped.
    ///
    /// ```
    /// # let map = journeymap::JourneyMap::from_json(r#"{"name":"x","personas":[{"id":"p","name":"P"},{"id":"q","name":"Q"}],"stages":[{"id":"a","name":"A"}],"channels":[{"id":"w","name":"W","kind":"digital"}],"touchpoints":[{"id":"t1","name":"T1","stage":"a","channel":"w"},{"id":"t2","name":"T2","stage":"a","channel":"w","personas":["q"]}]}"#).unwrap();
    /// let sub = map.persona_journey("p").unwrap();
    /// assert_eq!(sub.touchpoints().len(), 1);
    /// ```
    pub fn persona_journey(&self, persona: &str) -> Result<JourneyMap, Error> {
        self.require(
            EntityKind::Persona,
            persona,
            self.index.personas.contains_key(persona),
        )?;
        let mut doc = self.doc.clone();
        doc.touchpoints.retain(|t| t.applies_to(persona));
        let kept: std::collections::HashSet<String> =
            doc.touchpoints.iter().map(|t| t.id.to_string()).collect();
        doc.transitions = self
            .doc
            .transitions
            .iter()
            .filter(|t| {
                t.applies_to(persona)
                    && kept.contains(t.from.as_str())
                    && kept.contains(t.to.as_str())
            })
            .cloned()
            .collect();
        // Opportunities may address pain points on touchpoints now dropped.
        let pain_points: std::collections::HashSet<String> = doc
            .touchpoints
            .iter()
            .flat_map(|t| t.pain_points.iter().map(|p| p.id.to_string()))
            .collect();
        for t in &mut doc.touchpoints {
            for o in &mut t.opportunities {
                o.addresses.retain(|p| pain_points.contains(p.as_str()));
            }
        }
        doc.objectives.retain(|o| match &o.conversion {
            Some(ConversionTarget::Touchpoint(id)) => kept.contains(id.as_str()),
            _ => true,
        });
        JourneyMap::from_document(doc)
    }

    /// Checks the invariants again and returns every violation (always empty
    /// for a map built by this library; useful to bindings that expose a
    /// `validate` method).
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert!(map.validate().is_empty());
    /// ```
    pub fn validate(&self) -> Vec<Error> {
        check(&self.doc, &Limits::default())
    }

    /// Applies `change` to a copy of the document; keeps it only if every
    /// invariant still holds.
    fn mutate(
        &mut self,
        change: impl FnOnce(&mut JourneyDocument) -> Result<(), Error>,
    ) -> Result<(), Error> {
        let mut doc = self.doc.clone();
        change(&mut doc)?;
        // The limits JSON input gets apply to what a mutation brings in too,
        // so that every map can be written and read back. Serialising plain
        // data cannot fail.
        let limits = Limits::default();
        check_limits(&serde_json::to_value(&doc).unwrap_or_default(), &limits)?;
        *self = Self::from_document_with_limits(doc, &limits)?;
        Ok(())
    }
}

/// Which position holds an entity of `kind` with this id, or `NOT_FOUND`.
fn find<T>(
    items: &[T],
    kind: EntityKind,
    id: &str,
    id_of: impl Fn(&T) -> &str,
) -> Result<usize, Error> {
    items
        .iter()
        .position(|x| id_of(x) == id)
        .ok_or_else(|| Error::NotFound {
            kind,
            id: id.to_owned(),
        })
}

fn in_use(kind: EntityKind, id: &str, used_at: Option<String>) -> Result<(), Error> {
    match used_at {
        Some(used_at) => Err(Error::InUse {
            kind,
            id: id.to_owned(),
            used_at,
        }),
        None => Ok(()),
    }
}

/// First JSON path at which a touchpoint or transition refers to a persona.
fn persona_use(doc: &JourneyDocument, id: &str) -> Option<String> {
    doc.touchpoints
        .iter()
        .enumerate()
        .find_map(|(i, t)| {
            t.personas
                .iter()
                .position(|p| p == id)
                .map(|j| format!("/touchpoints/{i}/personas/{j}"))
        })
        .or_else(|| {
            doc.transitions.iter().enumerate().find_map(|(i, t)| {
                t.personas
                    .iter()
                    .position(|p| p == id)
                    .map(|j| format!("/transitions/{i}/personas/{j}"))
            })
        })
}

/// First JSON path at which an opportunity on a touchpoint that stays
/// addresses a pain point of one of the touchpoints `removed`.
fn pain_point_use(doc: &JourneyDocument, removed: &[&str]) -> Option<String> {
    let gone: std::collections::HashSet<&str> = doc
        .touchpoints
        .iter()
        .filter(|t| removed.contains(&t.id.as_str()))
        .flat_map(|t| t.pain_points.iter().map(|p| p.id.as_str()))
        .collect();
    doc.touchpoints
        .iter()
        .enumerate()
        .filter(|(_, t)| !removed.contains(&t.id.as_str()))
        .find_map(|(i, t)| {
            t.opportunities.iter().enumerate().find_map(|(j, o)| {
                o.addresses
                    .iter()
                    .position(|p| gone.contains(p.as_str()))
                    .map(|k| format!("/touchpoints/{i}/opportunities/{j}/addresses/{k}"))
            })
        })
}

/// The map the examples of the `add_*` and `update_*` methods start from.
macro_rules! example_map {
    () => {
        "use journeymap::JourneyMap;\nuse journeymap::model::*;\n\
         let mut map = JourneyMap::from_json(r#\"{\"name\": \"x\", \"stages\": [{\"id\": \"s\", \"name\": \"S\"}],\n  \
         \"channels\": [{\"id\": \"w\", \"name\": \"W\", \"kind\": \"digital\"}]}\"#).unwrap();\n"
    };
}

macro_rules! add_update {
    ($add:ident, $update:ident, $field:ident, $ty:ty, $kind:expr, $what:literal, $new:literal, $renamed:literal) => {
        #[doc = concat!("Adds ", $what, " at the end of its list. Refused (map unchanged) if it breaks an invariant, e.g. a duplicate id.")]
        ///
        #[doc = concat!("```\n", example_map!(),
            "map.", stringify!($add), "(", $new, ").unwrap();\n",
            "assert_eq!(map.", stringify!($field), "().last().unwrap().name, \"New\");\n",
            "let err = map.", stringify!($add), "(", $new, ").unwrap_err();\n",
            "assert_eq!(err.code(), \"DUPLICATE_ID\");\n```")]
        pub fn $add(&mut self, item: $ty) -> Result<(), Error> {
            self.mutate(|doc| {
                doc.$field.push(item);
                Ok(())
            })
        }

        #[doc = concat!("Replaces ", $what, " with the same id, in place. `NOT_FOUND` if there is none; refused (map unchanged) if the new value breaks an invariant.")]
        ///
        #[doc = concat!("```\n", example_map!(),
            "let err = map.", stringify!($update), "(", $renamed, ").unwrap_err();\n",
            "assert_eq!(err.code(), \"NOT_FOUND\");\n",
            "map.", stringify!($add), "(", $new, ").unwrap();\n",
            "map.", stringify!($update), "(", $renamed, ").unwrap();\n",
            "assert_eq!(map.", stringify!($field), "().last().unwrap().name, \"Renamed\");\n```")]
        pub fn $update(&mut self, item: $ty) -> Result<(), Error> {
            self.mutate(|doc| {
                let i = find(&doc.$field, $kind, item.id.as_str(), |x| x.id.as_str())?;
                doc.$field[i] = item;
                Ok(())
            })
        }
    };
}

/// The mutation API. Every method either applies its change and leaves a
/// valid map, or returns a typed error and leaves the map unchanged.
///
/// ```
/// use journeymap::{JourneyMap, model::{Stage, Touchpoint, Channel, ChannelKind}};
/// let mut map = JourneyMap::from_json(r#"{"name": "x", "stages": [{"id": "a", "name": "A"}]}"#).unwrap();
/// map.add_channel(Channel::new("web", "Website", ChannelKind::Digital)).unwrap();
/// map.add_touchpoint(Touchpoint::new("t1", "Home", "a", "web")).unwrap();
/// // Refused: the stage does not exist; the map is unchanged.
/// let err = map.add_touchpoint(Touchpoint::new("t2", "Cart", "nope", "web")).unwrap_err();
/// assert_eq!(err.code(), "DANGLING_REFERENCE");
/// assert_eq!(map.touchpoints().len(), 1);
/// // A stage with touchpoints is only removed with cascade.
/// assert_eq!(map.remove_stage("a", false).unwrap_err().code(), "STAGE_NOT_EMPTY");
/// ```
impl JourneyMap {
    add_update!(
        add_persona,
        update_persona,
        personas,
        Persona,
        EntityKind::Persona,
        "a persona",
        "Persona::new(\"p2\", \"New\")",
        "Persona::new(\"p2\", \"Renamed\")"
    );
    add_update!(
        add_stage,
        update_stage,
        stages,
        Stage,
        EntityKind::Stage,
        "a stage (as the last stage)",
        "Stage::new(\"s2\", \"New\")",
        "Stage::new(\"s2\", \"Renamed\")"
    );
    add_update!(
        add_channel,
        update_channel,
        channels,
        Channel,
        EntityKind::Channel,
        "a channel",
        "Channel::new(\"c2\", \"New\", ChannelKind::Physical)",
        "Channel::new(\"c2\", \"Renamed\", ChannelKind::Physical)"
    );
    add_update!(
        add_team,
        update_team,
        teams,
        Team,
        EntityKind::Team,
        "a team",
        "Team::new(\"t2\", \"New\")",
        "Team::new(\"t2\", \"Renamed\")"
    );
    add_update!(
        add_touchpoint,
        update_touchpoint,
        touchpoints,
        Touchpoint,
        EntityKind::Touchpoint,
        "a touchpoint",
        "Touchpoint::new(\"tp2\", \"New\", \"s\", \"w\")",
        "Touchpoint::new(\"tp2\", \"Renamed\", \"s\", \"w\")"
    );
    add_update!(
        add_objective,
        update_objective,
        objectives,
        Objective,
        EntityKind::Objective,
        "an objective",
        "Objective::new(\"o2\", \"New\")",
        "Objective::new(\"o2\", \"Renamed\")"
    );

    /// Inserts a stage at `position` in the journey (0 = first; `position`
    /// past the end appends).
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// use journeymap::model::Stage;
    /// map.insert_stage(1, Stage::new("compare", "Compare")).unwrap();
    /// let ids: Vec<&str> = map.stages().iter().map(|s| s.id.as_str()).collect();
    /// assert_eq!(ids, ["visit", "compare", "buy"]);
    /// let err = map.insert_stage(0, Stage::new("buy", "Again")).unwrap_err();
    /// assert_eq!(err.code(), "DUPLICATE_ID");
    /// ```
    pub fn insert_stage(&mut self, position: usize, stage: Stage) -> Result<(), Error> {
        self.mutate(|doc| {
            let at = position.min(doc.stages.len());
            doc.stages.insert(at, stage);
            Ok(())
        })
    }

    /// Removes a persona. `IN_USE` if a touchpoint or transition still lists it
    /// (removing it there would silently widen that step to every persona).
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.remove_persona("buyer").unwrap_err().code(), "IN_USE"); // `home` lists it
    /// assert_eq!(map.remove_persona("browser").unwrap().name, "Browser");
    /// ```
    pub fn remove_persona(&mut self, id: &str) -> Result<Persona, Error> {
        let i = find(&self.doc.personas, EntityKind::Persona, id, |p| {
            p.id.as_str()
        })?;
        in_use(EntityKind::Persona, id, persona_use(&self.doc, id))?;
        let mut removed = None;
        self.mutate(|doc| {
            removed = Some(doc.personas.remove(i));
            Ok(())
        })?;
        removed.ok_or_else(|| Error::NotFound {
            kind: EntityKind::Persona,
            id: id.to_owned(),
        })
    }

    /// Removes a stage. A stage that still has touchpoints is refused with
    /// `STAGE_NOT_EMPTY` unless `cascade` is true, in which case its
    /// touchpoints and their transitions go too. Refused with `IN_USE` if an
    /// objective converts on the stage or on one of those touchpoints, and
    /// with `NO_STAGES` if it is the last stage.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.remove_stage("buy", false).unwrap_err().code(), "STAGE_NOT_EMPTY");
    /// ```
    pub fn remove_stage(&mut self, id: &str, cascade: bool) -> Result<Stage, Error> {
        let i = find(&self.doc.stages, EntityKind::Stage, id, |s| s.id.as_str())?;
        let count = self
            .doc
            .touchpoints
            .iter()
            .filter(|t| t.stage == id)
            .count();
        if count > 0 && !cascade {
            return Err(Error::StageNotEmpty {
                id: id.to_owned(),
                touchpoints: count,
            });
        }
        let mut removed = None;
        self.mutate(|doc| {
            let gone: Vec<String> = doc
                .touchpoints
                .iter()
                .filter(|t| t.stage == id)
                .map(|t| t.id.to_string())
                .collect();
            for (k, o) in doc.objectives.iter().enumerate() {
                let hit = match &o.conversion {
                    Some(ConversionTarget::Stage(s)) => s == id,
                    Some(ConversionTarget::Touchpoint(t)) => gone.iter().any(|g| t == g.as_str()),
                    None => false,
                };
                in_use(
                    EntityKind::Stage,
                    id,
                    hit.then(|| format!("/objectives/{k}/conversion")),
                )?;
            }
            let gone_ids: Vec<&str> = gone.iter().map(String::as_str).collect();
            // The copy is unchanged so far, so this path is valid in the map.
            in_use(EntityKind::Stage, id, pain_point_use(doc, &gone_ids))?;
            doc.touchpoints.retain(|t| t.stage != id);
            doc.transitions.retain(|t| {
                !gone
                    .iter()
                    .any(|g| t.from == g.as_str() || t.to == g.as_str())
            });
            removed = Some(doc.stages.remove(i));
            Ok(())
        })?;
        removed.ok_or_else(|| Error::NotFound {
            kind: EntityKind::Stage,
            id: id.to_owned(),
        })
    }

    /// Puts the stages in a new order. `order` must list every stage id
    /// exactly once (`INVALID_VALUE` otherwise).
    ///
    /// ```
    /// # let mut map = journeymap::JourneyMap::from_json(r#"{"name":"x","stages":[{"id":"a","name":"A"},{"id":"b","name":"B"}]}"#).unwrap();
    /// map.reorder_stages(&["b", "a"]).unwrap();
    /// assert_eq!(map.stages()[0].id, "b");
    /// assert_eq!(map.reorder_stages(&["b"]).unwrap_err().code(), "INVALID_VALUE");
    /// ```
    pub fn reorder_stages<S: AsRef<str>>(&mut self, order: &[S]) -> Result<(), Error> {
        let mut sorted: Vec<&str> = order.iter().map(AsRef::as_ref).collect();
        sorted.sort_unstable();
        let mut current: Vec<&str> = self.doc.stages.iter().map(|s| s.id.as_str()).collect();
        current.sort_unstable();
        if sorted != current {
            return Err(Error::InvalidValue {
                id: None,
                path: "/stages".into(),
                message: format!(
                    "a new stage order must list each of the {} stage ids exactly once",
                    current.len()
                ),
            });
        }
        self.mutate(|doc| {
            let mut by_id: HashMap<String, Stage> = doc
                .stages
                .drain(..)
                .map(|s| (s.id.to_string(), s))
                .collect();
            for id in order {
                if let Some(s) = by_id.remove(id.as_ref()) {
                    doc.stages.push(s);
                }
            }
            Ok(())
        })
    }

    /// Removes a channel. `IN_USE` if a touchpoint is on it.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.remove_channel("mail").unwrap_err().code(), "IN_USE");
    /// map.remove_touchpoint("promo").unwrap();
    /// assert_eq!(map.remove_channel("mail").unwrap().id.as_str(), "mail");
    /// ```
    pub fn remove_channel(&mut self, id: &str) -> Result<Channel, Error> {
        let i = find(&self.doc.channels, EntityKind::Channel, id, |c| {
            c.id.as_str()
        })?;
        let used = self
            .doc
            .touchpoints
            .iter()
            .position(|t| t.channel == id)
            .map(|k| format!("/touchpoints/{k}/channel"));
        in_use(EntityKind::Channel, id, used)?;
        let mut removed = None;
        self.mutate(|doc| {
            removed = Some(doc.channels.remove(i));
            Ok(())
        })?;
        removed.ok_or_else(|| Error::NotFound {
            kind: EntityKind::Channel,
            id: id.to_owned(),
        })
    }

    /// Removes a team. `IN_USE` if it owns a touchpoint.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.remove_team("growth").unwrap_err().code(), "IN_USE"); // it owns `promo`
    /// ```
    pub fn remove_team(&mut self, id: &str) -> Result<Team, Error> {
        let i = find(&self.doc.teams, EntityKind::Team, id, |t| t.id.as_str())?;
        let used = self
            .doc
            .touchpoints
            .iter()
            .position(|t| t.owner.as_ref().is_some_and(|o| o == id))
            .map(|k| format!("/touchpoints/{k}/owner"));
        in_use(EntityKind::Team, id, used)?;
        let mut removed = None;
        self.mutate(|doc| {
            removed = Some(doc.teams.remove(i));
            Ok(())
        })?;
        removed.ok_or_else(|| Error::NotFound {
            kind: EntityKind::Team,
            id: id.to_owned(),
        })
    }

    /// Removes a touchpoint and every transition into or out of it. `IN_USE`
    /// (with the path of the reference) if an objective converts on it or an
    /// opportunity on another touchpoint addresses one of its pain points.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.remove_touchpoint("pay").unwrap_err().code(), "IN_USE"); // the objective converts on it
    /// map.remove_touchpoint("promo").unwrap();
    /// assert_eq!(map.transitions().len(), 1); // promo -> home went with it
    /// ```
    pub fn remove_touchpoint(&mut self, id: &str) -> Result<Touchpoint, Error> {
        let i = find(&self.doc.touchpoints, EntityKind::Touchpoint, id, |t| {
            t.id.as_str()
        })?;
        let used = self.doc.objectives.iter().position(
            |o| matches!(&o.conversion, Some(ConversionTarget::Touchpoint(t)) if t == id),
        );
        in_use(
            EntityKind::Touchpoint,
            id,
            used.map(|k| format!("/objectives/{k}/conversion/touchpoint")),
        )?;
        in_use(EntityKind::Touchpoint, id, pain_point_use(&self.doc, &[id]))?;
        let mut removed = None;
        self.mutate(|doc| {
            doc.transitions.retain(|t| t.from != id && t.to != id);
            removed = Some(doc.touchpoints.remove(i));
            Ok(())
        })?;
        removed.ok_or_else(|| Error::NotFound {
            kind: EntityKind::Touchpoint,
            id: id.to_owned(),
        })
    }

    /// Removes an objective.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.remove_objective("sales").unwrap().name, "Sales");
    /// assert_eq!(map.remove_objective("sales").unwrap_err().code(), "NOT_FOUND");
    /// ```
    pub fn remove_objective(&mut self, id: &str) -> Result<Objective, Error> {
        let i = find(&self.doc.objectives, EntityKind::Objective, id, |o| {
            o.id.as_str()
        })?;
        let mut removed = None;
        self.mutate(|doc| {
            removed = Some(doc.objectives.remove(i));
            Ok(())
        })?;
        removed.ok_or_else(|| Error::NotFound {
            kind: EntityKind::Objective,
            id: id.to_owned(),
        })
    }

    /// Adds a transition. Refused for a self-transition, a duplicate, or an
    /// end that does not exist.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// use journeymap::model::Transition;
    /// map.add_transition(Transition::new("promo", "pay")).unwrap();
    /// let err = map.add_transition(Transition::new("pay", "pay")).unwrap_err();
    /// assert_eq!(err.code(), "SELF_TRANSITION");
    /// let err = map.add_transition(Transition::new("promo", "pay")).unwrap_err();
    /// assert_eq!(err.code(), "DUPLICATE_TRANSITION");
    /// ```
    pub fn add_transition(&mut self, transition: Transition) -> Result<(), Error> {
        self.mutate(|doc| {
            doc.transitions.push(transition);
            Ok(())
        })
    }

    /// Replaces the transition with the same `from` and `to`.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// use journeymap::model::Transition;
    /// map.update_transition(Transition::new("home", "pay").with_expected_rate(0.3)).unwrap();
    /// assert_eq!(map.transition("home", "pay").unwrap().expected_rate, Some(0.3));
    /// let err = map.update_transition(Transition::new("pay", "home")).unwrap_err();
    /// assert_eq!(err.code(), "NOT_FOUND");
    /// ```
    pub fn update_transition(&mut self, transition: Transition) -> Result<(), Error> {
        let j = self.transition_index(transition.from.as_str(), transition.to.as_str())?;
        self.mutate(|doc| {
            doc.transitions[j] = transition;
            Ok(())
        })
    }

    /// Removes the transition from `from` to `to`.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// map.remove_transition("promo", "home").unwrap();
    /// assert!(map.transition("promo", "home").is_none());
    /// ```
    pub fn remove_transition(&mut self, from: &str, to: &str) -> Result<Transition, Error> {
        let j = self.transition_index(from, to)?;
        let mut removed = None;
        self.mutate(|doc| {
            removed = Some(doc.transitions.remove(j));
            Ok(())
        })?;
        removed.ok_or_else(|| Error::NotFound {
            kind: EntityKind::Transition,
            id: format!("{from}->{to}"),
        })
    }

    fn transition_index(&self, from: &str, to: &str) -> Result<usize, Error> {
        self.index
            .transitions
            .get(&(from.to_owned(), to.to_owned()))
            .copied()
            .ok_or_else(|| Error::NotFound {
                kind: EntityKind::Transition,
                id: format!("{from}->{to}"),
            })
    }

    /// Renames the map.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// map.set_name("Shop 2027").unwrap();
    /// assert_eq!(map.name(), "Shop 2027");
    /// assert_eq!(map.set_name(" ").unwrap_err().code(), "EMPTY_NAME");
    /// ```
    pub fn set_name(&mut self, name: impl Into<String>) -> Result<(), Error> {
        let name = name.into();
        self.mutate(|doc| {
            doc.name = name;
            Ok(())
        })
    }

    /// Replaces the metadata (dates are checked).
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// use journeymap::model::Metadata;
    /// let reviewed = Metadata { last_reviewed: Some("2026-11-01".into()), ..Metadata::default() };
    /// map.set_metadata(reviewed).unwrap();
    /// let bad = Metadata { last_reviewed: Some("2026-13-01".into()), ..Metadata::default() };
    /// assert_eq!(map.set_metadata(bad).unwrap_err().code(), "INVALID_VALUE");
    /// ```
    pub fn set_metadata(&mut self, metadata: Metadata) -> Result<(), Error> {
        self.mutate(|doc| {
            doc.metadata = metadata;
            Ok(())
        })
    }

    /// Id of the stage a touchpoint is in.
    ///
    /// ```
    /// # use journeymap::JourneyMap;
    /// # let mut map = journeymap::doc_support::team_shop_map();
    /// # let _ = &mut map;
    /// assert_eq!(map.stage_of("pay").map(|s| s.as_str()), Some("buy"));
    /// assert_eq!(map.stage_of("nowhere"), None);
    /// ```
    pub fn stage_of(&self, touchpoint: &str) -> Option<&StageId> {
        self.touchpoint(touchpoint).map(|t| &t.stage)
    }
}
