"""Customer journey maps as a validated graph.

:class:`JourneyMap` holds a map whose invariants always hold. Documents go in
and out as JSON text or plain dicts in the shape of the published JSON Schema
(:func:`schema`); the TypedDicts below describe that shape. Every dict or list
a method returns is a fresh copy: changing it does not change the map (use the
mutation methods).

Errors
------
Every failure is a :class:`JourneyMapError` (or subclass) with the stable
``code`` of the core error, ``path`` (JSON Pointer), ``id``, ``line`` /
``column`` (for JSON text) and ``errors`` (every violation as an
:class:`ErrorInfo`):

==========================  =====================================================
class                       codes
==========================  =====================================================
``ParseError``              JSON_SYNTAX, JSON_TYPE, UNKNOWN_FIELD, MISSING_FIELD,
                            UNSUPPORTED_FORMAT_VERSION, LIMIT_EXCEEDED,
                            MERMAID_SYNTAX; also a ``ValueError``
``InvalidMapError``         INVALID_ID, EMPTY_NAME, DUPLICATE_ID,
                            DANGLING_REFERENCE, EMOTION_OUT_OF_RANGE, NO_STAGES,
                            SELF_TRANSITION, DUPLICATE_TRANSITION, INVALID_VALUE;
                            INVALID_MAP (several violations of mixed kinds);
                            also a ``ValueError`` (a bad option value is one)
``NotFoundError``           NOT_FOUND; also a ``KeyError``
``ReferenceInUseError``     IN_USE, STAGE_NOT_EMPTY
``JourneyMapIOError``       IO; also an ``OSError`` (``filename`` = the file; a missing
                            file is a ``FileNotFoundError``, see its docstring)
``EventLogError``           a refused event-log row or column (BAD_TIMESTAMP,
                            BAD_NUMBER, EMPTY_CUSTOMER, UNKNOWN_TOUCHPOINT,
                            MISSING_EVENT, FIELD_COUNT, MISSING_COLUMN,
                            DUPLICATE_COLUMN, BAD_TYPE...), with ``row``,
                            ``field`` and, in a file, ``line``
==========================  =====================================================

Several violations at once (code ``INVALID_MAP``) raise the class they all
share, else ``InvalidMapError``.

Python input that is not JSON raises the usual Python exceptions, never a
``JourneyMapError``: ``TypeError`` for a value of a type JSON cannot hold (a
set, bytes, a non-``str`` dict key, a non-dict where a dict is expected, a
wrong argument type) and ``ValueError`` for NaN or infinite floats, ints
outside 64 bits, strings with lone surrogates and circular references.
Nesting deeper than JSON readers accept (127 levels) is a ``ParseError``
with code ``LIMIT_EXCEEDED``.

Documents given as dicts are read exactly as their JSON text would be: the
same codes and paths, without line and column.
"""

import datetime
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal, Optional, Sequence, TypedDict, Union, final, overload

__version__: str

__all__ = [
    "JourneyMap",
    "schema",
    "validate",
    "lint_rules",
    "explain_rule",
    "diff",
    "analyze",
    "partial",
    "finish",
    "Partial",
    "generate",
    "Report",
    "Table",
    "Funnel",
    "Segments",
    "Conformance",
    "Attribution",
    "UnknownEvents",
    "Variants",
    "Ingest",
    "Totals",
    "Durations",
    "ReportOptions",
    "PositionWeights",
    "Record",
    "EventLogError",
    "JourneyMapError",
    "ParseError",
    "InvalidMapError",
    "NotFoundError",
    "ReferenceInUseError",
    "JourneyMapIOError",
    "__version__",
    "JsonValue",
    "StageKind",
    "ChannelKind",
    "TouchpointKind",
    "Severity",
    "OpportunityStatus",
    "LintSeverity",
    "SvgLane",
    "Persona",
    "Stage",
    "Channel",
    "Team",
    "Emotion",
    "PainPoint",
    "Opportunity",
    "Message",
    "Kpi",
    "Evidence",
    "MatchRule",
    "Touchpoint",
    "Transition",
    "ConversionTarget",
    "Objective",
    "LintSettings",
    "Metadata",
    "Document",
    "ErrorInfo",
]

# Document shapes (format_version 1): see journeymap/_types.py.
from ._types import (
    JsonValue as JsonValue,
    StageKind as StageKind,
    ChannelKind as ChannelKind,
    TouchpointKind as TouchpointKind,
    Severity as Severity,
    OpportunityStatus as OpportunityStatus,
    LintSeverity as LintSeverity,
    SvgLane as SvgLane,
    Persona as Persona,
    Stage as Stage,
    Channel as Channel,
    Team as Team,
    Emotion as Emotion,
    PainPoint as PainPoint,
    Opportunity as Opportunity,
    Message as Message,
    Kpi as Kpi,
    Evidence as Evidence,
    MatchRule as MatchRule,
    Touchpoint as Touchpoint,
    Transition as Transition,
    ConversionTarget as ConversionTarget,
    Objective as Objective,
    LintSettings as LintSettings,
    Metadata as Metadata,
    Document as Document,
    ErrorInfo as ErrorInfo,
)

# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------

class JourneyMapError(Exception):
    """Root of every journeymap error.

    Attributes:
        message: what went wrong, for a person.
        code: stable code (``"DUPLICATE_ID"``); ``"INVALID_MAP"`` when
            several violations are reported at once.
        path: JSON Pointer into the document (``"/touchpoints/3/stage"``),
            of the first violation; ``None`` when the error has no place in
            the document.
        id: id of the offending entity, if any.
        line, column: 1-based position in the JSON text the caller gave, for
            parse errors (``None`` for documents given as dicts); for an
            event-log row, ``line`` is its line in the file.
        row: 1-based data row of a refused event-log row (0 for a problem
            with a whole column, such as a missing one); ``None`` otherwise.
        field: the event-log column concerned (``"timestamp"``), or ``None``.
        errors: every violation as a dict ``{code, message, path, id, line,
            column}``; one element for a single error.

    >>> try:
    ...     JourneyMap.from_json('{"name": "x", "stages": [{"id": "s", "name": ""}]}')
    ... except JourneyMapError as e:
    ...     print(e.code, e.path)
    EMPTY_NAME /stages/0/name
    """

    message: str
    code: str
    """Stable code, e.g. ``"DUPLICATE_ID"``; ``"INVALID_MAP"`` for several violations."""
    path: Optional[str]
    """JSON Pointer of the (first) violation, or None."""
    id: Optional[str]
    """Id of the offending entity, or None."""
    line: Optional[int]
    column: Optional[int]
    errors: list[ErrorInfo]
    """Every violation; one element for a single error."""
    row: Optional[int]
    """1-based data row of a refused event-log row (0: a whole column)."""
    field: Optional[str]
    """The event-log column of a refused row (``"timestamp"``)."""
    def __init__(
        self,
        message: str,
        *,
        code: str = "ERROR",
        path: Optional[str] = None,
        id: Optional[str] = None,
        line: Optional[int] = None,
        column: Optional[int] = None,
        errors: Optional[list[ErrorInfo]] = None,
        filename: Optional[str] = None,
        row: Optional[int] = None,
        field: Optional[str] = None,
    ) -> None: ...

class ParseError(JourneyMapError, ValueError):
    """The text or dict is not a readable document: malformed JSON, a value of
    the wrong type, an unknown or missing field, a newer ``format_version``,
    or a size limit exceeded.

    >>> try:
    ...     JourneyMap.from_json('{"name": "x", "stages": oops}')
    ... except ParseError as e:
    ...     print(e.code, e.line, e.column)
    JSON_SYNTAX 1 25
    """

class InvalidMapError(JourneyMapError, ValueError):
    """The document is readable but breaks an invariant of a journey map
    (duplicate id, dangling reference, emotion out of range, no stage...).
    A refused mutation raises it and leaves the map unchanged.

    >>> m = JourneyMap.from_dict({"name": "x", "stages": [{"id": "s", "name": "S"}]})
    >>> try:
    ...     m.add_stage({"id": "s", "name": "Again"})
    ... except InvalidMapError as e:
    ...     print(e.code, e.id, len(m.stages))
    DUPLICATE_ID s 1
    """

class NotFoundError(JourneyMapError, KeyError):
    """A query or mutation names an entity that does not exist. Also a
    ``KeyError``, like a missing key of a dict.

    >>> m = JourneyMap.from_dict({"name": "x", "stages": [{"id": "s", "name": "S"}]})
    >>> try:
    ...     m.remove_stage("nope")
    ... except KeyError as e:
    ...     print(type(e).__name__, e.code)
    NotFoundError NOT_FOUND
    """

class ReferenceInUseError(JourneyMapError):
    """Removing an entity that is still referred to (``IN_USE``), or a stage
    that still has touchpoints without ``cascade=True``
    (``STAGE_NOT_EMPTY``).

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> try:
    ...     shop.remove_stage("buy")
    ... except ReferenceInUseError as e:
    ...     print(e.code)
    STAGE_NOT_EMPTY
    >>> shop.remove_stage("buy", cascade=True)["id"], [t["id"] for t in shop.touchpoints]
    ('buy', ['home'])
    """

class JourneyMapIOError(JourneyMapError, OSError):
    """A file could not be read (code ``IO``). Also an ``OSError``;
    ``filename`` is the file. A missing file is also a
    ``FileNotFoundError``, a file that may not be read a
    ``PermissionError``, a directory an ``IsADirectoryError`` (each with
    its ``errno``), so ``except FileNotFoundError`` works.

    >>> try:
    ...     JourneyMap.from_path("no/such/map.json")
    ... except FileNotFoundError as e:
    ...     print(isinstance(e, JourneyMapIOError), e.code, e.filename)
    True IO no/such/map.json
    """

class EventLogError(JourneyMapError):
    """An event log that cannot be read as given: a bad row (``row`` = its
    1-based data row, ``field`` = the column, ``line`` = its line in a
    file), or a problem with a whole column (``row`` 0: a missing column,
    a column of an unsupported type). ``code`` is the row error's:
    ``BAD_TIMESTAMP``, ``BAD_NUMBER``, ``EMPTY_CUSTOMER``,
    ``UNKNOWN_TOUCHPOINT``, ``MISSING_EVENT``, ``FIELD_COUNT``,
    ``MISSING_COLUMN``, ``DUPLICATE_COLUMN``, ``BAD_TYPE``...

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> bad = [{"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...        {"customer_id": "c1", "timestamp": "yesterday", "touchpoint": "pay"}]
    >>> try:
    ...     analyze(shop, bad)
    ... except EventLogError as e:
    ...     print(e.code, e.row, e.field)
    BAD_TIMESTAMP 2 timestamp
    >>> analyze(shop, bad, on_bad_row="skip").ingest.skipped
    {'BAD_TIMESTAMP': 1}
    """

# ---------------------------------------------------------------------------
# The map
# ---------------------------------------------------------------------------

@final
class JourneyMap:
    """A journey map whose invariants always hold.

    Build one with :meth:`from_json`, :meth:`from_dict` or :meth:`from_path`
    (there is no other constructor). Every mutation either applies and leaves
    a valid map, or raises and leaves the map exactly as it was.

    Maps compare equal when their documents are equal; they are mutable and
    so not hashable. ``copy.copy``/``copy.deepcopy``/:meth:`copy` give
    independent maps; pickling stores the JSON document. ``str(m)`` is
    :meth:`summary`. There is no ``len()``: a map has several sizes (count
    ``m.touchpoints``, ``m.stages``...).

    >>> shop = JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> shop.name, [t["id"] for t in shop.touchpoints]
    ('Shop', ['home', 'pay'])
    >>> [t["id"] for t in shop.successors("home")], [t["id"] for t in shop.conversions()]
    (['pay'], ['pay'])
    >>> shop.add_touchpoint({"id": "mail", "name": "Promo mail", "stage": "visit", "channel": "web"})
    >>> shop.add_transition({"from": "mail", "to": "home"})
    >>> [t["id"] for t in shop.entries()]
    ['mail']
    >>> shop == JourneyMap.from_json(shop.to_json())
    True
    """

    # Construction and serialisation
    @classmethod
    def from_json(cls, text: Union[str, bytes]) -> "JourneyMap":
        """Reads a map from JSON text (``bytes`` must be UTF-8).

        Raises ParseError (with ``line``/``column``) or InvalidMapError (with
        every violation in ``errors``).

        >>> m = JourneyMap.from_json('{"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]}')
        >>> m.stages[0]["id"]
        'visit'
        >>> try:
        ...     JourneyMap.from_json('{"name": "Shop", "stages": []}')
        ... except InvalidMapError as e:
        ...     print(e.code)
        NO_STAGES
        """
    @classmethod
    def from_dict(cls, d: Document | dict[str, Any]) -> "JourneyMap":
        """Reads a map from a document dict, as ``json.load`` returns it.
        Same checks, codes and paths as :meth:`from_json`.

        >>> JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]}).name
        'Shop'
        >>> try:
        ...     JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit"}]})
        ... except ParseError as e:
        ...     print(e.code, e.path)
        MISSING_FIELD /stages/0/name
        """
    @classmethod
    def from_path(cls, path: Union[str, os.PathLike[str]]) -> "JourneyMap":
        """Reads a map from a JSON file. JourneyMapIOError if it cannot be read.

        >>> import pathlib, tempfile
        >>> path = pathlib.Path(tempfile.mkdtemp()) / "shop.json"
        >>> _ = path.write_text('{"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]}')
        >>> JourneyMap.from_path(path).name
        'Shop'
        """
    def to_json(self, indent: Optional[int] = 2) -> str:
        """The document as JSON text, indented by ``indent`` spaces (0 to 32),
        or compact with ``indent=None``. ``from_json(m.to_json()) == m``.

        >>> m = JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]})
        >>> m.to_json(indent=None)
        '{"format_version":1,"name":"Shop","stages":[{"id":"visit","name":"Visit"}]}'
        """
    def to_dict(self) -> Document:
        """The document as a dict. ``from_dict(m.to_dict()) == m``.

        >>> m = JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]})
        >>> d = m.to_dict()
        >>> d["stages"].append({"id": "buy", "name": "Buy"})  # a copy: the map is unchanged
        >>> len(m.stages), len(JourneyMap.from_dict(d).stages)
        (1, 2)
        """

    # Sections (fresh copies)
    name: str
    """The map's title; assigning calls :meth:`set_name`."""
    @property
    def description(self) -> Optional[str]: ...
    @property
    def format_version(self) -> int: ...
    @property
    def stages(self) -> list[Stage]:
        """Stages in journey order."""
    @property
    def touchpoints(self) -> list[Touchpoint]: ...
    @property
    def personas(self) -> list[Persona]: ...
    @property
    def channels(self) -> list[Channel]: ...
    @property
    def teams(self) -> list[Team]: ...
    @property
    def transitions(self) -> list[Transition]: ...
    @property
    def objectives(self) -> list[Objective]: ...
    metadata: Metadata
    """Metadata (``{}`` when none); assigning calls :meth:`set_metadata`."""

    # Queries
    def touchpoint(self, id: str) -> Optional[Touchpoint]:
        """The touchpoint with this id, or None."""
    def stage(self, id: str) -> Optional[Stage]: ...
    def persona(self, id: str) -> Optional[Persona]: ...
    def channel(self, id: str) -> Optional[Channel]: ...
    def team(self, id: str) -> Optional[Team]: ...
    def objective(self, id: str) -> Optional[Objective]: ...
    def transition(self, from_: str, to: str) -> Optional[Transition]:
        """The transition from ``from_`` to ``to``, or None."""
    def stage_position(self, id: str) -> Optional[int]:
        """Position of a stage in the journey (0 = first), or None."""
    def touchpoints_in_stage(self, stage_id: str) -> list[Touchpoint]:
        """Touchpoints of a stage in document order. NotFoundError for an unknown stage."""
    def touchpoints_for_persona(self, persona_id: str) -> list[Touchpoint]:
        """Touchpoints the persona passes: those listing it and those listing
        no persona. NotFoundError for an unknown persona."""
    def successors(self, id: str) -> list[Touchpoint]:
        """Touchpoints one transition away, in transition order. NotFoundError
        for an unknown touchpoint."""
    def predecessors(self, id: str) -> list[Touchpoint]:
        """Touchpoints with a transition into ``id``."""
    def entries(self) -> list[Touchpoint]:
        """Touchpoints no transition leads into (loops aside)."""
    def conversions(self) -> list[Touchpoint]:
        """Touchpoints of kind ``conversion`` or named by an objective."""
    def persona_journey(self, persona_id: str) -> "JourneyMap":
        """The sub-journey of one persona, itself a valid map.

        >>> m = JourneyMap.from_dict({"name": "Shop",
        ...     "personas": [{"id": "buyer", "name": "Buyer"}, {"id": "kid", "name": "Kid"}],
        ...     "stages": [{"id": "visit", "name": "Visit"}],
        ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        ...     "touchpoints": [
        ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
        ...         {"id": "games", "name": "Games", "stage": "visit", "channel": "web", "personas": ["kid"]}]})
        >>> [t["id"] for t in m.persona_journey("buyer").touchpoints]
        ['home']
        """
    def summary(self) -> str:
        """A short human-readable overview."""
    def validate(self) -> list[ErrorInfo]:
        """Checks the invariants again: always ``[]`` for a map."""

    # Mutations: entities are dicts in the document's shape. A refused
    # mutation raises and leaves the map unchanged. Paths in errors are where
    # the entity would be in the document (``/touchpoints/12/stage``).
    def add_persona(self, persona: Persona) -> None: ...
    def update_persona(self, persona: Persona) -> None:
        """Replaces the persona with the same id (NotFoundError if none)."""
    def remove_persona(self, id: str) -> Persona:
        """Removes and returns a persona; ReferenceInUseError if a touchpoint
        or transition lists it."""
    def add_stage(self, stage: Stage) -> None:
        """Adds a stage as the last of the journey."""
    def update_stage(self, stage: Stage) -> None: ...
    def insert_stage(self, position: int, stage: Stage) -> None:
        """Inserts a stage like ``list.insert``: negative counts from the end,
        past the end appends."""
    def reorder_stages(self, ids: Sequence[str]) -> None:
        """New stage order; ``ids`` must list every stage id exactly once
        (InvalidMapError, code INVALID_VALUE, otherwise)."""
    def remove_stage(self, id: str, cascade: bool = False) -> Stage:
        """Removes and returns a stage. With touchpoints it is refused
        (STAGE_NOT_EMPTY) unless ``cascade``, which removes them and their
        transitions too. The last stage cannot go (NO_STAGES)."""
    def add_channel(self, channel: Channel) -> None: ...
    def update_channel(self, channel: Channel) -> None: ...
    def remove_channel(self, id: str) -> Channel:
        """Removes and returns a channel; ReferenceInUseError if a touchpoint
        is on it."""
    def add_team(self, team: Team) -> None: ...
    def update_team(self, team: Team) -> None: ...
    def remove_team(self, id: str) -> Team:
        """Removes and returns a team; ReferenceInUseError if it owns a
        touchpoint."""
    def add_touchpoint(self, touchpoint: Touchpoint) -> None: ...
    def update_touchpoint(self, touchpoint: Touchpoint) -> None: ...
    def remove_touchpoint(self, id: str) -> Touchpoint:
        """Removes a touchpoint and its transitions; ReferenceInUseError if an
        objective converts on it."""
    def add_objective(self, objective: Objective) -> None: ...
    def update_objective(self, objective: Objective) -> None: ...
    def remove_objective(self, id: str) -> Objective: ...
    def add_transition(self, transition: Transition) -> None: ...
    def update_transition(self, transition: Transition) -> None:
        """Replaces the transition with the same ``from`` and ``to``."""
    def remove_transition(self, from_: str, to: str) -> Transition: ...
    def set_name(self, name: str) -> None: ...
    def set_metadata(self, metadata: Metadata) -> None:
        """Replaces the metadata (dates are checked)."""

    # Lint, diff and rendering
    def lint(
        self,
        today: Union[datetime.date, str, None] = None,
        disable: Optional[Sequence[str]] = None,
        severity: Optional[dict[str, LintSeverity]] = None,
        max_review_age_days: Optional[int] = None,
    ) -> list[dict[str, Any]]:
        """The lint diagnostics (dicts with ``code``, ``rule`` (its name),
        ``severity``, ``message``, ``location``, ``hint``), by rule code then
        document order.

        ``today`` (a ``datetime.date`` or ``"YYYY-MM-DD"``) enables the
        review-age rules; ``disable`` turns rules off and ``severity``
        overrides their severities (rules by code ``JM-L003`` or name
        ``dead-end``); ``max_review_age_days`` overrides the map's review
        age. An unknown rule or severity raises InvalidMapError
        (``INVALID_VALUE``).

        >>> shop = JourneyMap.from_dict({
        ...     "name": "Shop",
        ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
        ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        ...     "touchpoints": [
        ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
        ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
        ...     "transitions": [{"from": "home", "to": "pay"}]})
        >>> sorted({d["code"] for d in shop.lint()})[:3]
        ['JM-L007', 'JM-L009', 'JM-L010']
        >>> d = shop.lint()[0]
        >>> d["rule"], d["severity"], d["location"]
        ('touchpoint-without-owner', 'warning', {'kind': 'touchpoint', 'id': 'home', 'path': '/touchpoints/0'})
        >>> any(d["code"] == "JM-L007" for d in shop.lint(disable=["touchpoint-without-owner"]))
        False
        """
    def diff(self, other: "JourneyMap") -> dict[str, Any]:
        """The differences from this map (old) to ``other`` (new): keys
        ``map``, ``added``, ``removed``, ``changed``, ``moved``,
        ``stage_order``.

        >>> shop = JourneyMap.from_dict({
        ...     "name": "Shop",
        ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
        ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        ...     "touchpoints": [
        ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
        ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
        ...     "transitions": [{"from": "home", "to": "pay"}]})
        >>> new = shop.copy()
        >>> new.update_touchpoint({"id": "home", "name": "Home page", "stage": "visit", "channel": "web"})
        >>> d = shop.diff(new)
        >>> d["changed"][0]["id"], d["changed"][0]["changes"]
        ('home', [{'path': '/name', 'old': 'Home', 'new': 'Home page'}])
        """
    def to_svg(
        self,
        persona: Optional[str] = None,
        *,
        title: Optional[str] = None,
        lanes: Optional[Sequence[SvgLane]] = None,
        legend: bool = True,
        column_width: Optional[int] = None,
        min_width: Optional[int] = None,
        report: Union["Report", Mapping[str, Any], str, None] = None,
    ) -> str:
        """The SVG journey canvas; ``persona`` restricts it to that
        persona's journey (NotFoundError for an unknown persona).

        ``title`` replaces the map's name; ``lanes`` picks and orders the
        lanes (``"touchpoints"``, ``"actions"``, ``"emotions"``,
        ``"pain_points"``, ``"opportunities"``, ``"owners"``; an unknown
        one raises InvalidMapError with path ``/lanes/N``); ``legend``
        draws the legend; ``column_width`` (120..640) and ``min_width``
        are pixel hints. ``report`` overlays a journey report of this map
        (a :class:`Report` from :func:`analyze`, its dict or JSON text):
        the funnel per stage, reach, conversion, exits and observed mean
        score per touchpoint, conformance in the header. Touchpoints the
        report does not know are drawn without figures; an invalid report
        raises with a path under ``/report``.

        >>> shop = JourneyMap.from_dict({
        ...     "name": "Shop",
        ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
        ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        ...     "touchpoints": [
        ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
        ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
        ...     "transitions": [{"from": "home", "to": "pay"}]})
        >>> svg = shop.to_svg(title="Shop <Q3>", lanes=["touchpoints", "emotions"])
        >>> svg.startswith("<?xml"), "Shop &lt;Q3&gt;" in svg
        (True, True)
        """
    def _repr_svg_(self) -> str:
        """The SVG canvas, for inline display in Jupyter."""
    def to_mermaid(self) -> str:
        """The Mermaid ``journey`` diagram.

        >>> shop = JourneyMap.from_dict({
        ...     "name": "Shop",
        ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
        ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        ...     "touchpoints": [
        ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
        ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
        ...     "transitions": [{"from": "home", "to": "pay"}]})
        >>> print(shop.to_mermaid())
        journey
          title Shop
          section Visit
            Home: 3
          section Buy
            Pay: 3
        """
    def to_mermaid_flowchart(self) -> str:
        """The touchpoint graph as a Mermaid ``flowchart LR``.

        >>> shop = JourneyMap.from_dict({
        ...     "name": "Shop",
        ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
        ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        ...     "touchpoints": [
        ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
        ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
        ...     "transitions": [{"from": "home", "to": "pay"}]})
        >>> print(shop.to_mermaid_flowchart())
        ---
        title: "Shop"
        ---
        flowchart LR
          subgraph st0["Visit"]
            tp0["Home<br>Web"]
          end
          subgraph st1["Buy"]
            tp1(["Pay<br>Web"])
          end
          tp0 --> tp1
          classDef conversion fill:#d9f2d9,stroke:#2e7d32,stroke-width:2px
          classDef exit fill:#fbe0e0,stroke:#c62828,stroke-width:2px
          class tp1 conversion
        """
    def to_dot(self) -> str:
        """The touchpoint graph as Graphviz DOT text.

        >>> shop = JourneyMap.from_dict({
        ...     "name": "Shop",
        ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
        ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        ...     "touchpoints": [
        ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
        ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
        ...     "transitions": [{"from": "home", "to": "pay"}]})
        >>> shop.to_dot().startswith("digraph"), '"home" -> "pay"' in shop.to_dot()
        (True, True)
        """
    def to_csv(self, raw: bool = False) -> str:
        """The touchpoints as CSV, one row each with a header. Cells a
        spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``...)
        are prefixed with ``'`` unless ``raw``.

        >>> shop = JourneyMap.from_dict({
        ...     "name": "Shop",
        ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
        ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        ...     "touchpoints": [
        ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
        ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
        ...     "transitions": [{"from": "home", "to": "pay"}]})
        >>> rows = shop.to_csv().splitlines()
        >>> rows[0].split(",")[:4], len(rows)
        (['stage_order', 'stage_id', 'stage_name', 'touchpoint_order'], 3)
        """
    @classmethod
    def from_mermaid(cls, text: str) -> "JourneyMap":
        """Reads a Mermaid ``journey`` diagram; ParseError
        (``MERMAID_SYNTAX``, with ``line``/``column``) for malformed text.

        >>> m = JourneyMap.from_mermaid(
        ...     "journey\\n  title Morning\\n  section Home\\n    Make tea: 5: Me\\n")
        >>> m.name, m.touchpoints[0]["emotion"]["score"]
        ('Morning', 2)
        """

    # Protocols
    def copy(self) -> "JourneyMap":
        """An independent copy."""
    def __copy__(self) -> "JourneyMap": ...
    def __deepcopy__(self, memo: Any) -> "JourneyMap": ...
    def __eq__(self, other: object, /) -> bool: ...
    __hash__: None  # type: ignore[assignment]

# ---------------------------------------------------------------------------
# Functions
# ---------------------------------------------------------------------------

def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the journey-map document.

    >>> s = schema()
    >>> s["$schema"], s["title"], "touchpoints" in s["properties"]
    ('https://json-schema.org/draft/2020-12/schema', 'Journey map', True)
    """

def validate(doc: Union[str, bytes, Document, dict[str, Any]]) -> list[ErrorInfo]:
    """Every violation in a document (JSON text or dict), without raising;
    ``[]`` when it is a valid map. The codes and paths are those
    :meth:`JourneyMap.from_json` would raise. TypeError for an argument
    that is neither text nor a dict.

    >>> validate({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]})
    []
    >>> [(e["code"], e["path"]) for e in validate({"name": "", "stages": []})]
    [('EMPTY_NAME', '/name'), ('NO_STAGES', '/stages')]
    """

def lint_rules() -> list[dict[str, Any]]:
    """The lint rule catalogue, one dict per rule, in code order.

    >>> rules = lint_rules()
    >>> rules[3]["code"], rules[3]["name"], rules[3]["default_severity"]
    ('JM-L003', 'dead-end', 'warning')
    """

def explain_rule(code: str) -> str:
    """The documentation of a lint rule (code or name, any case);
    InvalidMapError (``INVALID_VALUE``) for an unknown rule.

    >>> print(explain_rule("JM-L003")[:74])
    JM-L003 dead-end (warning)
    Step from which no path leads to a conversion.
    """

def diff(old: JourneyMap, new: JourneyMap) -> dict[str, Any]:
    """The differences from map ``old`` to map ``new`` (see
    :meth:`JourneyMap.diff`).

    >>> old = JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]})
    >>> new = old.copy()
    >>> new.add_stage({"id": "buy", "name": "Buy"})
    >>> d = diff(old, new)
    >>> [(a["kind"], a["id"]) for a in d["added"]], d["removed"], d["stage_order"]
    ([('stage', 'buy')], [], None)
    """

_TimestampFormat = Literal["auto", "rfc3339", "epoch_millis", "epoch_seconds"]
_Duration = Union[datetime.timedelta, str]

def generate(
    map: JourneyMap,
    events: Optional[int] = None,
    *,
    customers: Optional[int] = None,
    seed: int = 42,
    deviation_rate: float = 0.05,
    unknown_rate: float = 0.03,
    repeat_rate: float = 0.1,
) -> Any:
    """A synthetic event log for ``map``, as a ``pyarrow.Table``: the same
    events as the CLI's ``journeymap generate`` with the same options.

    Customers walk the map's transitions from its entry touchpoints;
    ``deviation_rate`` of the steps leave the map, ``unknown_rate`` add an
    event no touchpoint matches, ``repeat_rate`` repeat the step at once.
    ``events`` stops after that many events (then ``customers`` defaults to
    as many as it takes); without it, ``customers`` (default 1000) journeys
    are written. The same ``seed`` gives the same log.

    Columns: ``customer_id``, ``timestamp`` (``timestamp[ms, tz=UTC]``),
    ``touchpoint``, ``event``, ``channel``, ``value``, ``score``,
    ``segment``, then one text column per raw attribute the map's ``match``
    rules look at. A rate outside 0 to 1, or a map without touchpoints,
    raises :class:`InvalidMapError` (``INVALID_VALUE``, ``path`` the
    option). Needs pyarrow.

    >>> import journeymap
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> log = journeymap.generate(shop, events=500, seed=7)
    >>> log.num_rows, log.column_names[:3]
    (500, ['customer_id', 'timestamp', 'touchpoint'])
    >>> journeymap.analyze(shop, log).totals.events
    500
    """

def analyze(
    map: JourneyMap,
    events: Any,
    *,
    on_bad_row: Literal["fail", "skip"] = "fail",
    conversion_window: Optional[_Duration] = None,
    lookback_window: Optional[_Duration] = None,
    conversions: Optional[Sequence[str]] = None,
    top_k: Optional[int] = None,
    half_life: Optional[_Duration] = None,
    position_weights: Optional[tuple[float, float]] = None,
    score_scale: Union[Literal["native", "one_to_five", "zero_to_ten"], tuple[float, float], None] = None,
    collapse_repeats: Optional[bool] = None,
    include_customers: Optional[bool] = None,
    segment_by: Optional[str] = None,
    customer_column: Optional[str] = None,
    timestamp_column: Optional[str] = None,
    touchpoint_column: Optional[str] = None,
    event_column: Optional[str] = None,
    channel_column: Optional[str] = None,
    value_column: Optional[str] = None,
    score_column: Optional[str] = None,
    timestamp_format: Union[_TimestampFormat, str] = "auto",
    timestamp_unit: Optional[Literal["s", "ms", "us", "ns"]] = None,
    timezone: str = "UTC",
    input_format: Optional[Literal["csv", "tsv", "jsonl"]] = None,
) -> Report:
    """The journey report of an event log read against ``map``.

    ``events`` is a path (``.csv``, ``.tsv``/``.tab``, ``.jsonl``/``.ndjson``, or
    any name with ``input_format``) or a table: anything exporting Arrow
    data through ``__arrow_c_stream__`` (pyarrow ``Table`` and
    ``RecordBatchReader``, polars ``DataFrame``, pandas >= 2.2
    ``DataFrame``, DuckDB relations), and older pandas through pyarrow.
    Tables are read in Rust from Arrow record batches, never row by row.
    ``events`` may also be a list (or tuple) of event dicts, each read as
    the JSON Lines line ``json.dumps`` would write for it (same fields,
    rules and errors as a ``.jsonl`` file; no JSON text is written): values
    are ``str``, ``int``, ``float``, ``bool``, ``None``, ``datetime``
    (written in ISO 8601; naive ones are UTC) and ``date`` (midnight UTC),
    and a field (``attributes``) may hold a dict or list of those. Another
    value raises ``TypeError`` (an int beyond 64 bits ``ValueError``)
    located as ``events[i]['key']``; an item that is not a dict is a
    ``BAD_JSON`` row, a float NaN or infinity a ``BAD_NUMBER`` row (use
    ``None`` for a missing value).

    Columns (names changed with the ``*_column`` options): ``customer_id``
    and ``timestamp`` are required, and ``touchpoint`` or raw ``event`` /
    ``channel`` resolved through the map's ``match`` rules; ``value``,
    ``score`` and ``segment`` (``segment_by``) are optional; other columns
    are attributes for the ``match`` rules. In a table, text columns may be
    strings, large or view strings or categoricals; customer ids may be
    integers, or whole-number floats (pandas makes an integer column with
    a missing value float64; NaN is a missing id); timestamps may be Arrow
    timestamps of any unit (time-zone aware ones are instants; naive ones
    are taken as UTC), dates, integers of epoch time (see
    ``timestamp_unit``) or date-time text; ``value`` and ``score`` any integer or float (or
    numeric text). Nulls are missing cells. A column of another type is an
    :class:`EventLogError` (``BAD_TYPE``) naming it.

    A bad row (``BAD_TIMESTAMP``, ``EMPTY_CUSTOMER``, ``UNKNOWN_TOUCHPOINT``,
    ...) raises :class:`EventLogError` with its ``row`` (1-based) and
    ``field`` when ``on_bad_row="fail"`` (the default); with ``"skip"`` it
    is counted in ``report.ingest``. A missing column always raises; so
    does a ``segment_by`` field that the events do not have (no such
    column, or no event with a value in it), code ``MISSING_COLUMN``.

    Report options: ``conversion_window`` (cut each journey this long after
    the customer's first event) and ``lookback_window`` (attribution
    credits only touches this long before the conversion) and
    ``half_life`` (time-decay model, default 7 days) take a
    ``datetime.timedelta`` or a string like the CLI's ``--window``:
    ``"30d"``, ``"12h"``, ``"90m"``, ``"45s"``, ``"500ms"``, ``"2w"``.
    ``conversions`` (touchpoint ids counting as conversions; default the
    map's), ``top_k`` (variants and unknown names listed, default 10),
    ``position_weights=(first, last)`` (default ``(0.4, 0.4)``),
    ``score_scale`` (``"native"`` -2..2, ``"one_to_five"``,
    ``"zero_to_ten"`` or a ``(min, max)`` range), ``collapse_repeats``
    (default True), ``include_customers`` (per-customer conformance,
    default False).

    Timestamps: ``timestamp_format`` is ``"auto"`` (ISO 8601 date-times:
    ``2026-03-01T09:30:00Z``, a space for the ``T``, offsets ``+01:00``,
    ``+0100`` or ``+01``, or none; or integers of epoch time),
    ``"rfc3339"`` (date-times only), ``"epoch_millis"``,
    ``"epoch_seconds"``, or a strftime-style pattern such as
    ``"%d/%m/%Y %H:%M"`` (``%Y %m %b %d %H %M %S %f %z %%``).
    ``timestamp_unit`` (``"s"``, ``"ms"``, ``"us"``, ``"ns"``) is the unit
    of integer timestamps; without it an integer is read as milliseconds
    only if that falls between 1980 and 2099, and otherwise refused
    (``BAD_TIMESTAMP``) with the likely unit named, so epoch seconds are
    never read as milliseconds of January 1970. ``timezone`` (default
    ``"UTC"``, a fixed offset such as ``"+01:00"``, or a zone such as
    ``"Europe/Berlin"``, which follows daylight saving time) is the zone of
    date-times written without an offset.

    Options of the wrong type raise ``TypeError``; bad values raise
    :class:`InvalidMapError` (code ``INVALID_VALUE``, ``path`` = the
    option, e.g. ``"/conversion_window"``), an unknown conversion
    touchpoint :class:`NotFoundError`.

    >>> import journeymap
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop",
    ...     "stages": [{"id": "visit", "name": "Visit"}, {"id": "buy", "name": "Buy"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [
    ...         {"id": "home", "name": "Home", "stage": "visit", "channel": "web"},
    ...         {"id": "pay", "name": "Pay", "stage": "buy", "channel": "web", "kind": "conversion"}],
    ...     "transitions": [{"from": "home", "to": "pay"}]})
    >>> events = [
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"},
    ...     {"customer_id": "c1", "timestamp": "2026-03-01T09:05:00Z", "touchpoint": "pay", "value": 30},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home", "segment": "b2b"},
    ...     {"customer_id": "c2", "timestamp": "2026-03-01T10:01:00Z", "event": "chat"}]
    >>> r = journeymap.analyze(shop, events, conversion_window="30d")
    >>> r.totals.converted_customers, r.funnel.to_pandas().shape
    (1, (2, 16))
    """

# ---------------------------------------------------------------------------
# Partial results
# ---------------------------------------------------------------------------

@final
class Partial:
    """The partial result of the customers of a part of an event log:
    ``journeymap.partial(map, events, **options)`` makes one, ``a.merge(b)``
    or ``a + b`` adds another part's (of other customers), and
    ``journeymap.finish(map, partials)`` gives the report, identical to
    analysing all the parts' events at once. ``bytes(p)`` and
    ``Partial.from_bytes(data)`` carry one between processes or machines
    (pickling does the same).

    >>> import journeymap, pickle
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
    >>> p = journeymap.partial(shop, [{"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"}])
    >>> q = journeymap.Partial.from_bytes(bytes(p))
    >>> q.customers, pickle.loads(pickle.dumps(p)).customers, (p + q).customers, sum([p, q]).customers
    (1, 1, 2, 2)
    """

    def merge(self, other: Partial) -> Partial:
        """The sum of this partial and ``other`` (a partial of other customers,
        computed against the same map with the same options but
        ``top_k``); ``InvalidMapError`` (``INVALID_VALUE``) otherwise.
        """
    def __add__(self, other: Partial, /) -> Partial: ...
    def __radd__(self, other: Union[Partial, int], /) -> Partial:
        """``other + self``; ``0 + self`` is ``self``, so that ``sum(partials)``
        merges them.
        """
    def __bytes__(self) -> bytes:
        """The partial as bytes (core's binary form: a header with the format
        version and fingerprints of the map and the options, then the
        counts).
        """
    @staticmethod
    def from_bytes(data: bytes) -> Partial:
        """A partial from ``bytes(partial)``, on any machine.
        ``UNSUPPORTED_FORMAT_VERSION`` for a newer format,
        ``INVALID_VALUE`` for bytes that are not a partial.
        """
    @property
    def customers(self) -> int:
        """Customers counted."""
    def __reduce__(self) -> tuple[Any, ...]: ...

def partial(map: JourneyMap, events: Any, **options: Any) -> Partial:
    """The partial result of the customers of ``events`` (a part of a log:
    every customer's events in one part), to merge with the other parts'
    and finish into the report of the whole: ``events`` and ``options`` as
    :func:`analyze` takes them (a part without any ``segment_by`` value is
    not an error: other parts may have them). Partials add (``a.merge(b)``, ``a + b``),
    travel as bytes (``bytes(p)``, ``Partial.from_bytes``) and pickle, so
    that workers (processes, Dask, Spark) can compute them;
    :func:`finish` makes the report, identical to analysing all the events
    at once.

    >>> import journeymap
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
    >>> a = journeymap.partial(shop, [{"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"}])
    >>> b = journeymap.partial(shop, [{"customer_id": "c2", "timestamp": "2026-03-01T10:00:00Z", "touchpoint": "home"}])
    >>> (a + b).customers, journeymap.finish(shop, [a, b]).totals.customers
    (2, 2)
    """

def finish(map: JourneyMap, partials: Iterable[Partial], *, top_k: Optional[int] = None) -> Report:
    """The report of ``partials`` (an iterable of :class:`Partial` of
    disjoint customers, computed against ``map`` with the same options):
    merged, then finished with their options (``top_k`` replaced when
    given). Partials of another map or other options raise
    ``InvalidMapError`` (``INVALID_VALUE``).

    >>> import journeymap
    >>> shop = journeymap.JourneyMap.from_dict({
    ...     "name": "Shop", "stages": [{"id": "visit", "name": "Visit"}],
    ...     "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
    ...     "touchpoints": [{"id": "home", "name": "Home", "stage": "visit", "channel": "web"}]})
    >>> events = [{"customer_id": "c1", "timestamp": "2026-03-01T09:00:00Z", "touchpoint": "home"}]
    >>> journeymap.finish(shop, [journeymap.partial(shop, events)]) == journeymap.analyze(shop, events)
    True
    """

# ---------------------------------------------------------------------------
# Reports: typed in journeymap/_analytics.py and the generated
# journeymap/_report_model.py.
# ---------------------------------------------------------------------------

from ._analytics import (
    Report as Report,
    Table as Table,
    Funnel as Funnel,
    Segments as Segments,
    Attribution as Attribution,
    UnknownEvents as UnknownEvents,
    Variants as Variants,
    Ingest as Ingest,
)
from ._record import Record as Record
from ._report_model import (
    Conformance as Conformance,
    Durations as Durations,
    PositionWeights as PositionWeights,
    ReportOptions as ReportOptions,
    Totals as Totals,
)
