"""Customer journey maps as a validated graph.

A journey map says who the customers are (personas), which phases they pass
through (stages), where they meet the business (touchpoints, on channels),
what they feel and what hurts there, who owns each step (teams) and how
success is measured (objectives). :class:`JourneyMap` holds such a map and
keeps every invariant on every change; documents go in and out as JSON text
or plain dicts in the published schema's shape (:func:`schema`).

>>> import journeymap
>>> m = journeymap.JourneyMap.from_dict(
...     {"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]}
... )
>>> m.stages[0]["name"]
'Visit'
>>> journeymap.validate({"name": "Shop", "stages": []})[0]["code"]
'NO_STAGES'
"""

from ._errors import (
    EventLogError,
    InvalidMapError,
    JourneyMapError,
    JourneyMapIOError,
    NotFoundError,
    ParseError,
    ReferenceInUseError,
)
from ._native import JourneyMap, Partial, __version__, schema, validate
from ._native import diff, explain_rule, lint_rules
from ._generate import generate
from ._analytics import (
    analyze,
    partial,
    finish,
    Report,
    Table,
    Funnel,
    Segments,
    Conformance,
    Attribution,
    UnknownEvents,
    Variants,
    Ingest,
    Totals,
    Durations,
    ReportOptions,
    PositionWeights,
    Record,
)
from ._types import (
    JsonValue,
    StageKind,
    ChannelKind,
    TouchpointKind,
    Severity,
    OpportunityStatus,
    LintSeverity,
    SvgLane,
    Persona,
    Stage,
    Channel,
    Team,
    Emotion,
    PainPoint,
    Opportunity,
    Message,
    Kpi,
    Evidence,
    MatchRule,
    Touchpoint,
    Transition,
    ConversionTarget,
    Objective,
    LintSettings,
    Metadata,
    Document,
    ErrorInfo,
)

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
