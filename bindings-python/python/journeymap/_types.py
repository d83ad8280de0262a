"""The shapes of a journey-map document (format_version 1) as TypedDicts.

They describe the dicts that :class:`journeymap.JourneyMap` takes and returns
(``to_dict()``, ``touchpoints``, ``add_touchpoint(...)``...) and are importable
at runtime for annotations: ``from journeymap import Touchpoint``. The JSON
Schema (:func:`journeymap.schema`) is the normative description.
"""

from __future__ import annotations

from typing import Literal, NotRequired, Optional, Required, TypeAlias, TypedDict, Union

__all__ = [
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

JsonValue: TypeAlias = Union[None, bool, int, float, str, list["JsonValue"], dict[str, "JsonValue"]]

StageKind: TypeAlias = Literal["awareness", "consideration", "purchase", "retention", "advocacy", "custom"]
ChannelKind: TypeAlias = Literal["digital", "physical", "human", "other"]
TouchpointKind: TypeAlias = Literal["step", "conversion", "exit"]
Severity: TypeAlias = Literal["low", "medium", "high", "critical"]
OpportunityStatus: TypeAlias = Literal["idea", "planned", "in_progress", "done", "rejected"]
LintSeverity: TypeAlias = Literal["info", "warning", "error"]
#: A lane of the SVG canvas (``JourneyMap.to_svg(lanes=...)``).
SvgLane: TypeAlias = Literal["touchpoints", "actions", "emotions", "pain_points", "opportunities", "owners"]


class Persona(TypedDict, total=False):
    """Who the customer is."""

    id: Required[str]
    name: Required[str]
    description: str
    goals: list[str]
    motivations: list[str]
    frustrations: list[str]
    behaviours: list[str]
    demographics: dict[str, JsonValue]
    psychographics: dict[str, JsonValue]
    image: str


class Stage(TypedDict, total=False):
    """A phase of the journey; the order of ``stages`` is the journey's."""

    id: Required[str]
    name: Required[str]
    description: str
    goal: str
    kind: StageKind


class Channel(TypedDict, total=False):
    """Where customers meet the business."""

    id: Required[str]
    name: Required[str]
    description: str
    kind: Required[ChannelKind]


class Team(TypedDict, total=False):
    """Who owns steps of the journey."""

    id: Required[str]
    name: Required[str]
    description: str


class Emotion(TypedDict, total=False):
    """How the customer feels: ``score`` from -2 (very negative) to 2."""

    score: Required[int]
    label: str


class PainPoint(TypedDict, total=False):
    """What hurts at a touchpoint (ids unique across the map)."""

    id: Required[str]
    description: Required[str]
    severity: Severity


class Opportunity(TypedDict, total=False):
    """What could be better; ``addresses`` lists pain point ids."""

    id: Required[str]
    description: Required[str]
    addresses: list[str]
    status: OpportunityStatus


class Message(TypedDict, total=False):
    """Tone and purpose of what the business says at a touchpoint."""

    tone: str
    purpose: str


class Kpi(TypedDict, total=False):
    """A key performance indicator."""

    name: Required[str]
    target: float
    unit: str


class Evidence(TypedDict, total=False):
    """Research or data that backs a step."""

    source: Required[str]
    kind: str
    url: str
    note: str


class MatchRule(TypedDict, total=False):
    """Maps raw CRM / analytics events to a touchpoint (all conditions must hold)."""

    event: str
    event_prefix: str
    channel: str
    attributes: dict[str, str]
    attribute_prefixes: dict[str, str]


class Touchpoint(TypedDict, total=False):
    """A step of the journey, where the customer meets the business."""

    id: Required[str]
    name: Required[str]
    description: str
    stage: Required[str]
    channel: Required[str]
    owner: str
    personas: list[str]
    actions: list[str]
    emotion: Emotion
    pain_points: list[PainPoint]
    opportunities: list[Opportunity]
    message: Message
    kpis: list[Kpi]
    evidence: list[Evidence]
    kind: TouchpointKind
    match: list[MatchRule]


Transition = TypedDict(
    "Transition",
    {
        "from": Required[str],
        "to": Required[str],
        "personas": NotRequired[list[str]],
        "expected_rate": NotRequired[float],
        "loop": NotRequired[bool],
        "label": NotRequired[str],
    },
)
"""A planned move between two touchpoints (``loop``: a deliberate return)."""


class ConversionTarget(TypedDict, total=False):
    """Exactly one of ``touchpoint`` or ``stage``."""

    touchpoint: str
    stage: str


class Objective(TypedDict, total=False):
    """What the map is for, with KPIs and a conversion definition."""

    id: Required[str]
    name: Required[str]
    description: str
    kpis: list[Kpi]
    conversion: ConversionTarget


class LintSettings(TypedDict, total=False):
    """Per-map lint settings."""

    disable: list[str]
    severity: dict[str, LintSeverity]
    max_review_age_days: int


class Metadata(TypedDict, total=False):
    """Authorship, dates (``YYYY-MM-DD``), tags, lint settings, free key/values."""

    authors: list[str]
    created: str
    updated: str
    last_reviewed: str
    tags: list[str]
    lint: LintSettings
    extra: dict[str, JsonValue]


class Document(TypedDict, total=False):
    """A journey-map document (format version 1)."""

    format_version: int
    name: Required[str]
    description: str
    personas: list[Persona]
    stages: Required[list[Stage]]
    channels: list[Channel]
    teams: list[Team]
    touchpoints: list[Touchpoint]
    transitions: list[Transition]
    objectives: list[Objective]
    metadata: Metadata


class ErrorInfo(TypedDict):
    """One violation. ``path`` is a JSON Pointer (``""`` = the whole document);
    ``line``/``column`` are 1-based and only set for JSON text. A refused
    event-log row also has ``row`` (1-based data row, 0 for a whole column)
    and ``field`` (its column), and ``line`` = its line in a file."""

    code: str
    message: str
    path: Optional[str]
    id: Optional[str]
    line: Optional[int]
    column: Optional[int]
    row: NotRequired[int]
    field: NotRequired[Optional[str]]
