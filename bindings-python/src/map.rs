//! The `journeymap.JourneyMap` class: a thin wrapper over
//! [`journeymap::JourneyMap`]. Entities go in and out as plain dicts in the
//! document's JSON shape; every failure is a `JourneyMapError`.

use std::path::PathBuf;

use journeymap::model::{
    Channel, Metadata, Objective, Persona, Stage, Team, Touchpoint, Transition,
};
use journeymap::{Error, JourneyMap};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyType};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::convert::{opt_to_py, to_py, write_json};
use crate::errors::{text_err, to_pyerr, violation_dicts, Origin, Source};

/// A journey map whose invariants always hold.
///
/// Build one with :meth:`from_json`, :meth:`from_dict` or :meth:`from_path`
/// (there is no other constructor). Every mutation either applies and leaves
/// a valid map, or raises and leaves the map exactly as it was.
///
/// Maps compare equal when their documents are equal; they are mutable and
/// so not hashable. ``copy.copy``/``copy.deepcopy``/:meth:`copy` give
/// independent maps; pickling stores the JSON document. ``str(m)`` is
/// :meth:`summary`. There is no ``len()``: a map has several sizes (count
/// ``m.touchpoints``, ``m.stages``...).
///
/// >>> shop = JourneyMap.from_dict({
/// ...     "name": "Shop",
/// ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
/// ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
/// ...     "touchpoints": [
/// ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
/// ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
/// ...     "transitions": [{"from": "home", "to": "pay"}]})
/// >>> shop.name, [t["id"] for t in shop.touchpoints]
/// ('Shop', ['home', 'pay'])
/// >>> [t["id"] for t in shop.successors("home")], [t["id"] for t in shop.conversions()]
/// (['pay'], ['pay'])
/// >>> shop.add_touchpoint({"id": "mail", "name": "Promo mail", "stage": "visit", "channel": "web"})
/// >>> shop.add_transition({"from": "mail", "to": "home"})
/// >>> [t["id"] for t in shop.entries()]
/// ['mail']
/// >>> shop == JourneyMap.from_json(shop.to_json())
/// True
#[pyclass(name = "JourneyMap", module = "journeymap")]
pub struct PyJourneyMap {
    pub(crate) map: JourneyMap,
}

/// Python type name of `obj`, for messages.
pub(crate) fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".into())
}

/// Reads a map from JSON text given as `str` or `bytes` (UTF-8).
pub(crate) fn map_from_text(py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<JourneyMap> {
    if let Ok(s) = text.cast::<PyString>() {
        let s = s.to_cow()?;
        let s: &str = &s;
        py.detach(|| JourneyMap::from_json(s)).map_err(text_err(py))
    } else if let Ok(b) = text.cast::<PyBytes>() {
        let bytes = b.as_bytes();
        py.detach(|| JourneyMap::from_reader(bytes))
            .map_err(text_err(py))
    } else if text.cast::<PyDict>().is_ok() {
        Err(PyTypeError::new_err(
            "expected JSON text (str or bytes), got a dict: use JourneyMap.from_dict",
        ))
    } else {
        Err(PyTypeError::new_err(format!(
            "expected JSON text (str or bytes), not {}",
            type_name(text)
        )))
    }
}

/// Reads a map from a document given as a dict.
pub(crate) fn map_from_dict(py: Python<'_>, doc: &Bound<'_, PyAny>) -> PyResult<JourneyMap> {
    if doc.cast::<PyDict>().is_err() {
        return Err(PyTypeError::new_err(format!(
            "expected a document dict, not {}{}",
            type_name(doc),
            if doc.cast::<PyString>().is_ok() {
                ": use JourneyMap.from_json for JSON text"
            } else {
                ""
            }
        )));
    }
    let text = write_json(doc, "", 0).map_err(|e| e.into_pyerr(py))?;
    py.detach(|| JourneyMap::from_json(&text))
        .map_err(|e| to_pyerr(py, &e, Origin::OBJECT))
}

/// Reads one part of a document (a stage, a touchpoint, the metadata...)
/// from a dict. `location` is the JSON Pointer it will have in the document
/// and `depth` the number of lists and objects enclosing it there.
fn part<T: DeserializeOwned>(
    py: Python<'_>,
    obj: &Bound<'_, PyAny>,
    what: &str,
    location: &str,
    depth: usize,
) -> PyResult<T> {
    if obj.cast::<PyDict>().is_err() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a dict in the document's shape, not {}",
            type_name(obj)
        )));
    }
    let text = write_json(obj, location, depth).map_err(|e| e.into_pyerr(py))?;
    journeymap::parse_part(&text).map_err(|e| {
        to_pyerr(
            py,
            &e,
            Origin {
                prefix: location,
                source: Source::Object,
            },
        )
    })
}

/// The string value of `key` in a dict, if it has one.
fn str_item(obj: &Bound<'_, PyAny>, key: &str) -> Option<String> {
    let d = obj.cast::<PyDict>().ok()?;
    d.get_item(key).ok()??.extract::<String>().ok()
}

/// JSON Pointer of item `index` of a section, or of a new item (`-`).
fn location(section: &str, index: Option<usize>) -> String {
    match index {
        Some(i) => format!("/{section}/{i}"),
        None => format!("/{section}/-"),
    }
}

fn position_by_id<T>(items: &[T], id: Option<&str>, id_of: impl Fn(&T) -> &str) -> Option<usize> {
    let id = id?;
    items.iter().position(|x| id_of(x) == id)
}

/// Lists and objects enclosing an entity of a section: the document and the list.
const ENTITY_DEPTH: usize = 2;

type Apply<'a, T> = &'a dyn Fn(&mut JourneyMap, T) -> Result<(), Error>;

impl PyJourneyMap {
    fn wrap(map: JourneyMap) -> Self {
        PyJourneyMap { map }
    }

    /// Reads an entity and adds it as the last of its section.
    fn add<T: DeserializeOwned>(
        &mut self,
        py: Python<'_>,
        obj: &Bound<'_, PyAny>,
        (section, what, len): (&str, &str, usize),
        apply: Apply<'_, T>,
    ) -> PyResult<()> {
        let at = location(section, Some(len));
        let item = part::<T>(py, obj, what, &at, ENTITY_DEPTH)?;
        apply(&mut self.map, item).map_err(text_err(py))
    }

    /// Reads an entity and replaces the one with its id.
    fn update<T: DeserializeOwned>(
        &mut self,
        py: Python<'_>,
        obj: &Bound<'_, PyAny>,
        (section, what, index): (&str, &str, Option<usize>),
        apply: Apply<'_, T>,
    ) -> PyResult<()> {
        let at = location(section, index);
        let item = part::<T>(py, obj, what, &at, ENTITY_DEPTH)?;
        apply(&mut self.map, item).map_err(text_err(py))
    }

    fn index_of<T>(
        items: &[T],
        obj: &Bound<'_, PyAny>,
        id_of: impl Fn(&T) -> &str,
    ) -> Option<usize> {
        position_by_id(items, str_item(obj, "id").as_deref(), id_of)
    }
}

fn removed<'py, T: Serialize>(
    py: Python<'py>,
    result: Result<T, Error>,
) -> PyResult<Bound<'py, PyAny>> {
    let item = result.map_err(text_err(py))?;
    to_py(py, &item)
}

fn touchpoint_list<'py>(
    py: Python<'py>,
    result: Result<Vec<&Touchpoint>, Error>,
) -> PyResult<Bound<'py, PyAny>> {
    let list = result.map_err(text_err(py))?;
    to_py(py, &list)
}

#[pymethods]
impl PyJourneyMap {
    // Construction and serialisation -------------------------------------

    /// Reads a map from JSON text (``bytes`` must be UTF-8).
    ///
    /// Raises ParseError (with ``line``/``column``) or InvalidMapError (with
    /// every violation in ``errors``).
    ///
    /// >>> m = JourneyMap.from_json('{"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]}')
    /// >>> m.stages[0]["id"]
    /// 'visit'
    /// >>> try:
    /// ...     JourneyMap.from_json('{"name": "Shop", "stages": []}')
    /// ... except InvalidMapError as e:
    /// ...     print(e.code)
    /// NO_STAGES
    #[classmethod]
    fn from_json(
        _cls: &Bound<'_, PyType>,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        map_from_text(py, text).map(Self::wrap)
    }

    /// Reads a map from a document dict, as ``json.load`` returns it.
    /// Same checks, codes and paths as :meth:`from_json`.
    ///
    /// >>> JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]}).name
    /// 'Shop'
    /// >>> try:
    /// ...     JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit"}]})
    /// ... except ParseError as e:
    /// ...     print(e.code, e.path)
    /// MISSING_FIELD /stages/0/name
    #[classmethod]
    fn from_dict(_cls: &Bound<'_, PyType>, py: Python<'_>, d: &Bound<'_, PyAny>) -> PyResult<Self> {
        map_from_dict(py, d).map(Self::wrap)
    }

    /// Reads a map from a JSON file. JourneyMapIOError if it cannot be read.
    ///
    /// >>> import pathlib, tempfile
    /// >>> path = pathlib.Path(tempfile.mkdtemp()) / "shop.json"
    /// >>> _ = path.write_text('{"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]}')
    /// >>> JourneyMap.from_path(path).name
    /// 'Shop'
    #[classmethod]
    fn from_path(_cls: &Bound<'_, PyType>, py: Python<'_>, path: PathBuf) -> PyResult<Self> {
        py.detach(|| JourneyMap::from_path(&path))
            .map(Self::wrap)
            .map_err(text_err(py))
    }

    /// The document as JSON text, indented by ``indent`` spaces (0 to 32),
    /// or compact with ``indent=None``. ``from_json(m.to_json()) == m``.
    ///
    /// >>> m = JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]})
    /// >>> m.to_json(indent=None)
    /// '{"format_version":1,"name":"Shop","stages":[{"id":"visit","name":"Visit"}]}'
    #[pyo3(signature = (indent = Some(2)), text_signature = "(self, indent=2)")]
    fn to_json(&self, indent: Option<i64>) -> PyResult<String> {
        let doc = self.map.document();
        let result = match indent {
            None => serde_json::to_string(doc),
            Some(n) if (0..=32).contains(&n) => {
                let spaces = " ".repeat(n.unsigned_abs() as usize);
                let mut out = Vec::new();
                let fmt = serde_json::ser::PrettyFormatter::with_indent(spaces.as_bytes());
                let mut ser = serde_json::Serializer::with_formatter(&mut out, fmt);
                doc.serialize(&mut ser)
                    .map(|()| String::from_utf8_lossy(&out).into_owned())
            }
            Some(n) => {
                return Err(PyValueError::new_err(format!(
                    "indent must be between 0 and 32 (or None for compact JSON), not {n}"
                )))
            }
        };
        result.map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The document as a dict. ``from_dict(m.to_dict()) == m``.
    ///
    /// >>> m = JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]})
    /// >>> d = m.to_dict()
    /// >>> d["stages"].append({"id": "buy", "name": "Buy"})  # a copy: the map is unchanged
    /// >>> len(m.stages), len(JourneyMap.from_dict(d).stages)
    /// (1, 2)
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.map.document())
    }

    // Sections ------------------------------------------------------------

    /// The map's title.
    #[getter]
    fn name(&self) -> &str {
        self.map.name()
    }

    #[setter(name)]
    fn set_name_attr(&mut self, py: Python<'_>, name: &str) -> PyResult<()> {
        self.set_name(py, name)
    }

    /// The map's description, if any.
    #[getter]
    fn description(&self) -> Option<&str> {
        self.map.document().description.as_deref()
    }

    /// The document format version (1).
    #[getter]
    fn format_version(&self) -> u32 {
        self.map.document().format_version
    }

    /// Stages in journey order.
    #[getter]
    fn stages<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.map.stages())
    }

    /// Touchpoints, in document order.
    #[getter]
    fn touchpoints<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.map.touchpoints())
    }

    /// Personas, in document order.
    #[getter]
    fn personas<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.map.personas())
    }

    /// Channels, in document order.
    #[getter]
    fn channels<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.map.channels())
    }

    /// Teams, in document order.
    #[getter]
    fn teams<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.map.teams())
    }

    /// Transitions, in document order.
    #[getter]
    fn transitions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.map.transitions())
    }

    /// Objectives, in document order.
    #[getter]
    fn objectives<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.map.objectives())
    }

    /// Metadata (an empty dict when there is none).
    #[getter]
    fn metadata<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, self.map.metadata())
    }

    #[setter(metadata)]
    fn set_metadata_attr(&mut self, py: Python<'_>, metadata: &Bound<'_, PyAny>) -> PyResult<()> {
        self.set_metadata(py, metadata)
    }

    // Queries -------------------------------------------------------------

    /// The touchpoint with this id, or None.
    fn touchpoint<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_to_py(py, self.map.touchpoint(id))
    }

    /// The stage with this id, or None.
    fn stage<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_to_py(py, self.map.stage(id))
    }

    /// The persona with this id, or None.
    fn persona<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_to_py(py, self.map.persona(id))
    }

    /// The channel with this id, or None.
    fn channel<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_to_py(py, self.map.channel(id))
    }

    /// The team with this id, or None.
    fn team<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_to_py(py, self.map.team(id))
    }

    /// The objective with this id, or None.
    fn objective<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_to_py(py, self.map.objective(id))
    }

    /// The transition from ``from_`` to ``to``, or None.
    #[pyo3(signature = (from_, to))]
    fn transition<'py>(
        &self,
        py: Python<'py>,
        from_: &str,
        to: &str,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        opt_to_py(py, self.map.transition(from_, to))
    }

    /// Position of a stage in the journey (0 = first), or None.
    fn stage_position(&self, id: &str) -> Option<usize> {
        self.map.stage_position(id)
    }

    /// Touchpoints of a stage in document order. NotFoundError for an unknown stage.
    fn touchpoints_in_stage<'py>(
        &self,
        py: Python<'py>,
        stage_id: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        touchpoint_list(py, self.map.touchpoints_in_stage(stage_id))
    }

    /// Touchpoints the persona passes: those listing it and those listing
    /// no persona. NotFoundError for an unknown persona.
    fn touchpoints_for_persona<'py>(
        &self,
        py: Python<'py>,
        persona_id: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        touchpoint_list(py, self.map.touchpoints_for_persona(persona_id))
    }

    /// Touchpoints one transition away, in transition order. NotFoundError
    /// for an unknown touchpoint.
    fn successors<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        touchpoint_list(py, self.map.successors(id))
    }

    /// Touchpoints with a transition into ``id``.
    fn predecessors<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        touchpoint_list(py, self.map.predecessors(id))
    }

    /// Touchpoints no transition leads into (loops aside).
    fn entries<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.map.entries())
    }

    /// Touchpoints of kind ``conversion`` or named by an objective.
    fn conversions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py(py, &self.map.conversions())
    }

    /// The sub-journey of one persona, itself a valid map.
    ///
    /// >>> m = JourneyMap.from_dict({"name": "Shop",
    /// ...     "personas": [{"id": "buyer", "name": "Buyer"}, {"id": "kid", "name": "Kid"}],
    /// ...     "stages": [{"id": "visit", "name": "Visit"}],
    /// ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    /// ...     "touchpoints": [
    /// ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    /// ...         {"id": "games", "name": "Games", "stage": "visit", "channel": "web", "personas": ["kid"]}]})
    /// >>> [t["id"] for t in m.persona_journey("buyer").touchpoints]
    /// ['home']
    fn persona_journey(&self, py: Python<'_>, persona_id: &str) -> PyResult<Self> {
        self.map
            .persona_journey(persona_id)
            .map(Self::wrap)
            .map_err(text_err(py))
    }

    /// A short human-readable overview.
    fn summary(&self) -> String {
        self.map.summary().to_string()
    }

    /// Checks the invariants again: always ``[]`` for a map.
    fn validate<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        violation_dicts(py, &self.map.validate(), Origin::TEXT)
    }

    // Mutations -----------------------------------------------------------

    /// Adds a persona (a dict in the document's shape).
    fn add_persona(&mut self, py: Python<'_>, persona: &Bound<'_, PyAny>) -> PyResult<()> {
        let len = self.map.personas().len();
        self.add::<Persona>(py, persona, ("personas", "persona", len), &|m, x| {
            m.add_persona(x)
        })
    }

    /// Replaces the persona with the same id (NotFoundError if none).
    fn update_persona(&mut self, py: Python<'_>, persona: &Bound<'_, PyAny>) -> PyResult<()> {
        let i = Self::index_of(self.map.personas(), persona, |x| x.id.as_str());
        self.update::<Persona>(py, persona, ("personas", "persona", i), &|m, x| {
            m.update_persona(x)
        })
    }

    /// Removes and returns a persona; ReferenceInUseError if a touchpoint
    /// or transition lists it.
    fn remove_persona<'py>(&mut self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        removed(py, self.map.remove_persona(id))
    }

    /// Adds a stage as the last of the journey.
    fn add_stage(&mut self, py: Python<'_>, stage: &Bound<'_, PyAny>) -> PyResult<()> {
        let len = self.map.stages().len();
        self.add::<Stage>(py, stage, ("stages", "stage", len), &|m, x| m.add_stage(x))
    }

    /// Replaces the stage with the same id.
    fn update_stage(&mut self, py: Python<'_>, stage: &Bound<'_, PyAny>) -> PyResult<()> {
        let i = Self::index_of(self.map.stages(), stage, |x| x.id.as_str());
        self.update::<Stage>(py, stage, ("stages", "stage", i), &|m, x| m.update_stage(x))
    }

    /// Inserts a stage like ``list.insert``: negative counts from the end,
    /// past the end appends.
    fn insert_stage(
        &mut self,
        py: Python<'_>,
        position: isize,
        stage: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        let len = self.map.stages().len();
        let at = if position >= 0 {
            position.unsigned_abs().min(len)
        } else {
            len.saturating_sub(position.unsigned_abs())
        };
        let item = part::<Stage>(
            py,
            stage,
            "stage",
            &location("stages", Some(at)),
            ENTITY_DEPTH,
        )?;
        self.map.insert_stage(at, item).map_err(text_err(py))
    }

    /// New stage order; ``ids`` must list every stage id exactly once
    /// (InvalidMapError, code INVALID_VALUE, otherwise).
    fn reorder_stages(&mut self, py: Python<'_>, ids: Vec<String>) -> PyResult<()> {
        self.map.reorder_stages(&ids).map_err(text_err(py))
    }

    /// Removes and returns a stage. With touchpoints it is refused
    /// (STAGE_NOT_EMPTY) unless ``cascade``, which removes them and their
    /// transitions too. The last stage cannot go (NO_STAGES).
    #[pyo3(signature = (id, cascade = false))]
    fn remove_stage<'py>(
        &mut self,
        py: Python<'py>,
        id: &str,
        cascade: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        removed(py, self.map.remove_stage(id, cascade))
    }

    /// Adds a channel.
    fn add_channel(&mut self, py: Python<'_>, channel: &Bound<'_, PyAny>) -> PyResult<()> {
        let len = self.map.channels().len();
        self.add::<Channel>(py, channel, ("channels", "channel", len), &|m, x| {
            m.add_channel(x)
        })
    }

    /// Replaces the channel with the same id.
    fn update_channel(&mut self, py: Python<'_>, channel: &Bound<'_, PyAny>) -> PyResult<()> {
        let i = Self::index_of(self.map.channels(), channel, |x| x.id.as_str());
        self.update::<Channel>(py, channel, ("channels", "channel", i), &|m, x| {
            m.update_channel(x)
        })
    }

    /// Removes and returns a channel; ReferenceInUseError if a touchpoint
    /// is on it.
    fn remove_channel<'py>(&mut self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        removed(py, self.map.remove_channel(id))
    }

    /// Adds a team.
    fn add_team(&mut self, py: Python<'_>, team: &Bound<'_, PyAny>) -> PyResult<()> {
        let len = self.map.teams().len();
        self.add::<Team>(py, team, ("teams", "team", len), &|m, x| m.add_team(x))
    }

    /// Replaces the team with the same id.
    fn update_team(&mut self, py: Python<'_>, team: &Bound<'_, PyAny>) -> PyResult<()> {
        let i = Self::index_of(self.map.teams(), team, |x| x.id.as_str());
        self.update::<Team>(py, team, ("teams", "team", i), &|m, x| m.update_team(x))
    }

    /// Removes and returns a team; ReferenceInUseError if it owns a
    /// touchpoint.
    fn remove_team<'py>(&mut self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        removed(py, self.map.remove_team(id))
    }

    /// Adds a touchpoint.
    fn add_touchpoint(&mut self, py: Python<'_>, touchpoint: &Bound<'_, PyAny>) -> PyResult<()> {
        let len = self.map.touchpoints().len();
        self.add::<Touchpoint>(
            py,
            touchpoint,
            ("touchpoints", "touchpoint", len),
            &|m, x| m.add_touchpoint(x),
        )
    }

    /// Replaces the touchpoint with the same id.
    fn update_touchpoint(&mut self, py: Python<'_>, touchpoint: &Bound<'_, PyAny>) -> PyResult<()> {
        let i = Self::index_of(self.map.touchpoints(), touchpoint, |x| x.id.as_str());
        self.update::<Touchpoint>(py, touchpoint, ("touchpoints", "touchpoint", i), &|m, x| {
            m.update_touchpoint(x)
        })
    }

    /// Removes a touchpoint and its transitions; ReferenceInUseError if an
    /// objective converts on it.
    fn remove_touchpoint<'py>(&mut self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        removed(py, self.map.remove_touchpoint(id))
    }

    /// Adds an objective.
    fn add_objective(&mut self, py: Python<'_>, objective: &Bound<'_, PyAny>) -> PyResult<()> {
        let len = self.map.objectives().len();
        self.add::<Objective>(py, objective, ("objectives", "objective", len), &|m, x| {
            m.add_objective(x)
        })
    }

    /// Replaces the objective with the same id.
    fn update_objective(&mut self, py: Python<'_>, objective: &Bound<'_, PyAny>) -> PyResult<()> {
        let i = Self::index_of(self.map.objectives(), objective, |x| x.id.as_str());
        self.update::<Objective>(py, objective, ("objectives", "objective", i), &|m, x| {
            m.update_objective(x)
        })
    }

    /// Removes an objective and returns it.
    fn remove_objective<'py>(&mut self, py: Python<'py>, id: &str) -> PyResult<Bound<'py, PyAny>> {
        removed(py, self.map.remove_objective(id))
    }

    /// Adds a transition.
    fn add_transition(&mut self, py: Python<'_>, transition: &Bound<'_, PyAny>) -> PyResult<()> {
        let len = self.map.transitions().len();
        self.add::<Transition>(
            py,
            transition,
            ("transitions", "transition", len),
            &|m, x| m.add_transition(x),
        )
    }

    /// Replaces the transition with the same ``from`` and ``to``.
    fn update_transition(&mut self, py: Python<'_>, transition: &Bound<'_, PyAny>) -> PyResult<()> {
        let from = str_item(transition, "from");
        let to = str_item(transition, "to");
        let i = match (from, to) {
            (Some(f), Some(t)) => self
                .map
                .transitions()
                .iter()
                .position(|x| x.from == f.as_str() && x.to == t.as_str()),
            _ => None,
        };
        self.update::<Transition>(py, transition, ("transitions", "transition", i), &|m, x| {
            m.update_transition(x)
        })
    }

    /// Removes the transition from `from_` to `to` and returns it.
    #[pyo3(signature = (from_, to))]
    fn remove_transition<'py>(
        &mut self,
        py: Python<'py>,
        from_: &str,
        to: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        removed(py, self.map.remove_transition(from_, to))
    }

    /// Renames the map.
    fn set_name(&mut self, py: Python<'_>, name: &str) -> PyResult<()> {
        self.map.set_name(name).map_err(text_err(py))
    }

    /// Replaces the metadata (dates are checked).
    fn set_metadata(&mut self, py: Python<'_>, metadata: &Bound<'_, PyAny>) -> PyResult<()> {
        let item = part::<Metadata>(py, metadata, "metadata", "/metadata", 1)?;
        self.map.set_metadata(item).map_err(text_err(py))
    }

    // Python protocols ----------------------------------------------------

    fn __eq__(&self, other: &Self) -> bool {
        self.map == other.map
    }

    /// Mutable, so not hashable.
    #[classattr]
    const __hash__: Option<Py<PyAny>> = None;

    fn __repr__(&self) -> String {
        let name = serde_json::to_string(self.map.name()).unwrap_or_default();
        let count = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
        format!(
            "<JourneyMap {name}: {}, {}, {}>",
            count(self.map.stages().len(), "stage"),
            count(self.map.touchpoints().len(), "touchpoint"),
            count(self.map.transitions().len(), "transition")
        )
    }

    fn __str__(&self) -> String {
        self.summary()
    }

    /// An independent copy.
    fn copy(&self) -> Self {
        Self::wrap(self.map.clone())
    }

    fn __copy__(&self) -> Self {
        self.copy()
    }

    fn __deepcopy__(&self, _memo: &Bound<'_, PyAny>) -> Self {
        self.copy()
    }

    /// Pickles as the compact JSON document.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, (String,))> {
        let from_json = slf.get_type().getattr("from_json")?;
        let text = serde_json::to_string(slf.borrow().map.document())
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok((from_json, (text,)))
    }
}
