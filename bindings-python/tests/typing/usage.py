"""Typed use of the journeymap API; checked with `mypy --strict` by test_stubs.py."""

from __future__ import annotations

import datetime
from typing import Any

import journeymap
from journeymap import ErrorInfo, JourneyMap, Touchpoint, Transition


def build() -> JourneyMap:
    m = JourneyMap.from_dict({"name": "Shop", "stages": [{"id": "visit", "name": "Visit"}]})
    m.add_channel({"id": "web", "name": "Website", "kind": "digital"})
    tp: Touchpoint = {"id": "home", "name": "Home", "stage": "visit", "channel": "web",
                      "emotion": {"score": 1}}
    m.add_touchpoint(tp)
    t: Transition = {"from": "home", "to": "home", "loop": True}
    try:
        m.add_transition(t)
    except journeymap.InvalidMapError as e:
        first: ErrorInfo = e.errors[0]
        print(e.code, first["path"], e.line)
    return m


def names(m: JourneyMap) -> list[str]:
    return [t["name"] for t in m.touchpoints_in_stage("visit")]


def checked(text: str | bytes) -> list[str]:
    return [e["code"] for e in journeymap.validate(text)]


def roundtrip(m: JourneyMap) -> bool:
    return JourneyMap.from_json(m.to_json(indent=None)) == m and m.to_dict()["name"] == m.name


def report_tables(m: JourneyMap) -> list[str]:
    r: journeymap.Report = journeymap.analyze(
        m,
        "events.csv",
        on_bad_row="skip",
        conversion_window="30d",
        lookback_window=datetime.timedelta(days=14),
        half_life="5m",
        position_weights=(0.4, 0.4),
        score_scale=(1.0, 5.0),
        segment_by="persona",
        timestamp_format="rfc3339",
    )
    totals: journeymap.Totals = r.totals
    rate: float | None = totals.conversion_rate
    median: datetime.timedelta | None = r.funnel.time_to_conversion.median
    stages: list[dict[str, Any]] = r.funnel.to_dicts()
    new: journeymap.Funnel = r.segments.funnel("new")
    fitness: float | None = r.conformance.fitness
    table: journeymap.Table | None = r.customers
    channels = r.attribution.channels.to_pandas()
    print(rate, median, stages, new.converted, fitness, table, channels, r["funnel"], r.ingest.rows_skipped)
    try:
        journeymap.analyze(m, "bad.csv")
    except journeymap.EventLogError as e:
        print(e.row, e.field, e.line)
    lanes: list[journeymap.SvgLane] = ["touchpoints", "emotions"]
    print(m.to_svg(report=r, lanes=lanes, legend=False), m.to_svg("p1", report=r.to_json()))
    return [row["touchpoint"] for row in r.touchpoints]
