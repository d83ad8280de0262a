"""The report's record classes and table columns (``_report_model.py``) are
generated from the report's JSON Schema and kept fresh."""

from __future__ import annotations

import importlib.util
import json
import pathlib
from typing import Any

import journeymap
from journeymap import _report_model

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[1]


def _generator() -> Any:
    path = HERE.parent / "scripts" / "gen_report.py"
    spec = importlib.util.spec_from_file_location("gen_report", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_report_model_is_fresh() -> None:
    generated = _generator().render()
    path = pathlib.Path(_report_model.__file__)
    assert path.read_text(encoding="utf-8") == generated, (
        "run python bindings-python/scripts/gen_report.py"
    )


def test_every_field_of_the_schema_is_an_attribute_or_a_column() -> None:
    schema = json.loads((REPO / "schema" / "journey-report.schema.json").read_text())
    defs = schema["$defs"]
    for name in ("Totals", "Durations", "Conformance", "ReportOptions", "PositionWeights"):
        cls = getattr(journeymap, name)
        for field in defs[name]["properties"]:
            assert isinstance(getattr(cls, field, None), property), f"{name}.{field}"
            if field.endswith("_ms"):
                assert isinstance(getattr(cls, field[:-3], None), property), f"{name}.{field[:-3]}"
    columns = [c for c, _, _ in _report_model.TOUCHPOINT_STATS]
    for field, prop in defs["TouchpointStats"]["properties"].items():
        if "$ref" in prop:
            inner = defs[prop["$ref"].rsplit("/", 1)[-1]]["properties"]
            assert all(f"{field}_{k}" in columns for k in inner), field
        else:
            assert field in columns, field


def test_records_read_a_report_written_to_json() -> None:
    m = journeymap.JourneyMap.from_path(REPO / "tests/fixtures/events/shop.json")
    r = journeymap.analyze(m, REPO / "tests/fixtures/events/shop.csv", half_life="1h")
    data = json.loads(r.to_json())
    t = journeymap.Totals(data["totals"])
    assert t == r.totals and t.converted_customers == data["totals"]["converted_customers"]
    o = journeymap.ReportOptions(data["options"])
    assert o.half_life is not None and o.half_life.total_seconds() == 3600
    assert o.position_weights == journeymap.PositionWeights({"first": 0.4, "last": 0.4})
    d = r.funnel.time_to_conversion
    assert d.median_ms is not None and d.median is not None
    assert d.median.total_seconds() * 1000 == d.median_ms
    assert repr(t).startswith("Totals(customers=")
