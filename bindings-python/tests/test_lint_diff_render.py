"""Lint, diff and rendering: the shared vectors of tests/expected/ plus
well-formed, escaped output and bad input raising the error family."""

from __future__ import annotations

import datetime
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import journeymap
from journeymap import InvalidMapError, JourneyMap, JourneyMapError, NotFoundError, ParseError

REPO = Path(__file__).resolve().parents[2]
LINT_FIXTURES = REPO / "tests" / "fixtures" / "lint"
DIFF_FIXTURES = REPO / "tests" / "fixtures" / "diff"
RENDER_FIXTURES = REPO / "tests" / "fixtures" / "render"
EXPECTED = REPO / "tests" / "expected"

LINT_EXPECTED = json.loads((EXPECTED / "lint.json").read_text(encoding="utf-8"))
DIFF_EXPECTED = json.loads((EXPECTED / "diff.json").read_text(encoding="utf-8"))


def load(path: Path) -> JourneyMap:
    return JourneyMap.from_json(path.read_text(encoding="utf-8"))


# --- lint -------------------------------------------------------------------


def test_every_lint_fixture_has_a_vector() -> None:
    names = sorted(p.name for p in LINT_FIXTURES.glob("*.json"))
    assert names == sorted(LINT_EXPECTED["files"])


@pytest.mark.parametrize("name", sorted(LINT_EXPECTED["files"]))
def test_lint_vectors(name: str) -> None:
    config = LINT_EXPECTED["config"]
    diagnostics = load(LINT_FIXTURES / name).lint(**config)
    got = [
        {"code": d["code"], "severity": d["severity"], "path": d["location"]["path"]}
        for d in diagnostics
    ]
    assert got == LINT_EXPECTED["files"][name]


def test_lint_today_as_date_equals_string() -> None:
    m = load(LINT_FIXTURES / "JM-L017-review-overdue.json")
    as_str = m.lint(today="2026-11-23")
    assert m.lint(today=datetime.date(2026, 11, 23)) == as_str
    assert m.lint(today=datetime.datetime(2026, 11, 23, 12, 0)) == as_str
    assert any(d["code"] == "JM-L017" for d in as_str)
    # Without a date the review-age rule does not run.
    assert all(d["code"] != "JM-L017" for d in m.lint())


def test_lint_disable_and_severity() -> None:
    m = load(LINT_FIXTURES / "JM-L003-dead-end.json")
    codes = [d["code"] for d in m.lint()]
    assert "JM-L003" in codes
    assert "JM-L003" not in [d["code"] for d in m.lint(disable=["dead-end"])]
    raised = m.lint(severity={"JM-L003": "error"})
    assert {d["severity"] for d in raised if d["code"] == "JM-L003"} == {"error"}


def test_lint_review_age_override() -> None:
    m = load(LINT_FIXTURES / "JM-L017-review-overdue.json")
    overdue = [d for d in m.lint(today="2026-11-23") if d["code"] == "JM-L017"]
    assert overdue
    relaxed = m.lint(today="2026-11-23", max_review_age_days=100_000)
    assert all(d["code"] != "JM-L017" for d in relaxed)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"disable": ["JM-L999"]},
        {"severity": {"no-such-rule": "error"}},
        {"severity": {"JM-L003": "fatal"}},
        {"today": "23/11/2026"},
        {"max_review_age_days": -1},
    ],
)
def test_lint_bad_config_raises_journeymap_error(kwargs: dict) -> None:
    m = load(LINT_FIXTURES / "clean-minimal.json")
    with pytest.raises(JourneyMapError) as info:
        m.lint(**kwargs)
    assert info.value.code in {"INVALID_VALUE", "JSON_TYPE", "JSON_SYNTAX"}


def test_lint_unknown_rule_is_invalid_value_with_path() -> None:
    m = load(LINT_FIXTURES / "clean-minimal.json")
    with pytest.raises(InvalidMapError) as info:
        m.lint(disable=["dead-end", "JM-L999"])
    assert info.value.code == "INVALID_VALUE"
    assert info.value.path == "/disable/1"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"today": 20261123},
        {"disable": "dead-end"},
        {"disable": [3]},
        {"disable": 5},
        {"severity": ["JM-L003"]},
        {"severity": {"JM-L003": 2}},
        {"max_review_age_days": "90"},
        {"max_review_age_days": True},
    ],
)
def test_lint_bad_config_types_raise_type_error(kwargs: dict) -> None:
    m = load(LINT_FIXTURES / "clean-minimal.json")
    with pytest.raises(TypeError):
        m.lint(**kwargs)


def test_lint_rules_catalogue() -> None:
    rules = journeymap.lint_rules()
    codes = [r["code"] for r in rules]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    # Every fixture named after a rule names a rule of the catalogue.
    for p in LINT_FIXTURES.glob("JM-L*.json"):
        assert p.name[:7] in codes
    dead_end = next(r for r in rules if r["code"] == "JM-L003")
    assert dead_end["name"] == "dead-end"


def test_explain_rule_by_code_and_name() -> None:
    by_code = journeymap.explain_rule("JM-L003")
    assert by_code.startswith("JM-L003 dead-end")
    assert journeymap.explain_rule("DEAD-END") == by_code
    with pytest.raises(InvalidMapError) as info:
        journeymap.explain_rule("JM-L999")
    assert info.value.code == "INVALID_VALUE"
    with pytest.raises(TypeError):
        journeymap.explain_rule(3)  # type: ignore[arg-type]


# --- diff -------------------------------------------------------------------


def test_every_diff_case_has_a_vector() -> None:
    cases = sorted(p.name for p in DIFF_FIXTURES.iterdir() if p.is_dir())
    assert cases == sorted(DIFF_EXPECTED)


@pytest.mark.parametrize("case", sorted(DIFF_EXPECTED))
def test_diff_vectors(case: str) -> None:
    old = load(DIFF_FIXTURES / case / "old.json")
    new = load(DIFF_FIXTURES / case / "new.json")
    assert old.diff(new) == DIFF_EXPECTED[case]
    assert journeymap.diff(old, new) == DIFF_EXPECTED[case]


def test_diff_of_a_map_with_itself_is_empty() -> None:
    m = load(DIFF_FIXTURES / "transitions" / "new.json")
    d = m.diff(m)
    assert d["stage_order"] is None
    assert all(d[k] == [] for k in ("map", "added", "removed", "changed", "moved"))


@pytest.mark.parametrize("other", [None, {"name": "x"}, "{}", 3])
def test_diff_needs_a_map(other: object) -> None:
    m = load(DIFF_FIXTURES / "identical" / "old.json")
    with pytest.raises(TypeError):
        m.diff(other)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        journeymap.diff(m, other)  # type: ignore[arg-type]


# --- render -----------------------------------------------------------------

HOSTILE = RENDER_FIXTURES / "hostile.json"
RENDER_MAPS = sorted(RENDER_FIXTURES.glob("*.json")) + sorted(LINT_FIXTURES.glob("*.json"))


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@pytest.mark.parametrize("path", RENDER_MAPS, ids=lambda p: p.name)
def test_svg_is_well_formed(path: Path) -> None:
    m = load(path)
    svg = m.to_svg()
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert m._repr_svg_() == svg


def test_svg_escapes_hostile_strings() -> None:
    m = load(HOSTILE)
    svg = m.to_svg()
    root = ET.fromstring(svg)
    text = "".join(root.itertext())
    assert "<script>" not in svg
    # The hostile names come through as text, not markup.
    doc = json.loads(HOSTILE.read_text(encoding="utf-8"))
    assert 'Ann, the "buyer": #1' in text or "Ann, the" in text
    assert not root.findall(".//{http://www.w3.org/2000/svg}script")
    assert not root.findall(".//script")
    assert not root.findall(".//b")
    assert strings(doc)  # the fixture has text to escape


def test_svg_for_a_persona() -> None:
    m = load(HOSTILE)
    persona = m.to_dict()["personas"][0]["id"]
    ET.fromstring(m.to_svg(persona=persona))
    with pytest.raises(NotFoundError) as info:
        m.to_svg(persona="nobody-has-this-id")
    assert info.value.code == "NOT_FOUND"
    with pytest.raises(TypeError):
        m.to_svg(persona=3)  # type: ignore[arg-type]


SHOP_MAP = REPO / "tests" / "fixtures" / "events" / "shop.json"
SHOP_LOG = REPO / "tests" / "fixtures" / "events" / "shop.csv"


def svg_texts(svg: str) -> list[str]:
    return [t.strip() for t in ET.fromstring(svg).itertext() if t.strip()]


def test_svg_overlays_a_report_given_as_report_dict_or_json() -> None:
    m = JourneyMap.from_path(SHOP_MAP)
    report = journeymap.analyze(m, SHOP_LOG)
    overlaid = m.to_svg(report=report)
    assert m.to_svg(report=report.to_dict()) == overlaid
    assert m.to_svg(report=report.to_json()) == overlaid
    assert m.to_svg(report=None) == m.to_svg() != overlaid
    texts = svg_texts(overlaid)
    # One funnel figure per stage: discover 4, consider 5, purchase 3, retain 2.
    funnel = [t for t in texts if t.endswith(" reached")]
    assert funnel == [f"{s['customers']} reached" for s in report.funnel.to_dicts()]
    assert funnel == ["4 reached", "5 reached", "3 reached", "2 reached"]
    header = [t for t in texts if t.startswith("Conformance:")]
    assert header and "11 of 13 moves planned" in header[0]
    assert not [t for t in svg_texts(m.to_svg()) if t.endswith(" reached")]


def test_svg_report_errors_are_located_under_report() -> None:
    m = JourneyMap.from_path(SHOP_MAP)
    with pytest.raises(JourneyMapError) as info:
        m.to_svg(report={})
    assert info.value.code == "MISSING_FIELD"
    assert info.value.path is not None and info.value.path.startswith("/report")
    bad = journeymap.analyze(m, SHOP_LOG).to_dict()
    bad["totals"]["customers"] = "six"
    with pytest.raises(JourneyMapError) as info:
        m.to_svg(report=bad)
    assert (info.value.code, info.value.path) == ("JSON_TYPE", "/report/totals/customers")
    assert info.value.line is None  # the text was written from the dict
    with pytest.raises(ParseError) as parse:
        m.to_svg(report="{\n  nope")
    assert parse.value.code == "JSON_SYNTAX" and parse.value.line == 2
    with pytest.raises(TypeError, match="Report, a dict or JSON text"):
        m.to_svg(report=42)  # type: ignore[arg-type]


def test_svg_lanes_title_and_legend() -> None:
    m = load(HOSTILE)
    only = m.to_svg(lanes=["emotions", "touchpoints"], title="Plain title", legend=False)
    texts = svg_texts(only)
    assert "Plain title" in texts
    assert "Emotions" in texts and "Touchpoints" in texts
    assert "Pain points" not in texts and "Owners" not in texts
    assert len(m.to_svg(legend=False)) < len(m.to_svg())
    with pytest.raises(InvalidMapError) as info:
        m.to_svg(lanes=["emotions", "weather"])
    assert (info.value.code, info.value.path) == ("INVALID_VALUE", "/lanes/1")
    with pytest.raises(TypeError):
        m.to_svg(lanes="emotions")  # type: ignore[arg-type]
    ET.fromstring(m.to_svg(column_width=10_000, min_width=0))


@pytest.mark.parametrize("path", RENDER_MAPS, ids=lambda p: p.name)
def test_text_renderings(path: Path) -> None:
    m = load(path)
    assert "journey" in m.to_mermaid().splitlines()
    assert "flowchart LR" in m.to_mermaid_flowchart().splitlines()
    assert m.to_dot().lstrip().startswith("digraph")
    import csv
    import io

    rows = list(csv.reader(io.StringIO(m.to_csv())))
    assert rows[0][:6] == [
        "stage_order", "stage_id", "stage_name",
        "touchpoint_order", "touchpoint_id", "touchpoint_name",
    ]
    assert sorted(r[4] for r in rows[1:]) == sorted(t["id"] for t in m.touchpoints)
    assert len(list(csv.reader(io.StringIO(m.to_csv(raw=True))))) == len(rows)


def test_csv_neutralises_formulas_unless_raw() -> None:
    import csv
    import io

    m = load(HOSTILE)
    safe = [c for row in csv.reader(io.StringIO(m.to_csv())) for c in row]
    raw = [c for row in csv.reader(io.StringIO(m.to_csv(raw=True))) for c in row]
    dangerous = [c for c in raw if c[:1] in ("=", "+", "-", "@")]
    assert dangerous
    assert not any(c[:1] in ("=", "+", "@") for c in safe)


@pytest.mark.parametrize("path", RENDER_MAPS, ids=lambda p: p.name)
def test_mermaid_round_trip(path: Path) -> None:
    m = load(path)
    text = m.to_mermaid()
    back = JourneyMap.from_mermaid(text)
    assert isinstance(back, JourneyMap)
    assert len(back.stages) == len([s for s in m.stages if m.touchpoints_in_stage(s["id"])]) or len(
        back.stages
    ) == len(m.stages)
    assert len(back.touchpoints) == len(m.touchpoints)
    if path != HOSTILE:
        # Rendering the imported map again gives the same diagram (the
        # hostile map's control characters are replaced on the way out).
        assert back.to_mermaid() == text
    assert JourneyMap.from_mermaid(back.to_mermaid()).to_dict() == back.to_dict()


def test_from_mermaid_reads_a_journey() -> None:
    text = "journey\n  title Coffee\n  section Find\n    Search online: 3: Ann\n    Visit shop: 5: Ann, Bob\n"
    m = JourneyMap.from_mermaid(text)
    assert m.to_dict()["name"] == "Coffee"
    assert [s["name"] for s in m.stages] == ["Find"]
    assert len(m.touchpoints) == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "flowchart LR\n a --> b\n",
        "journey\n  section A\n    Task: notanumber: Ann\n",
        "journey\n  Task before any section: 3: Ann\n",
    ],
)
def test_from_mermaid_errors_carry_location(text: str) -> None:
    with pytest.raises(ParseError) as info:
        JourneyMap.from_mermaid(text)
    assert info.value.code == "MERMAID_SYNTAX"
    assert isinstance(info.value.line, int) and info.value.line >= 1
    assert isinstance(info.value.column, int) and info.value.column >= 1


@pytest.mark.parametrize("bad", [None, 3, b"journey\n", ["journey"]])
def test_from_mermaid_needs_text(bad: object) -> None:
    with pytest.raises(TypeError):
        JourneyMap.from_mermaid(bad)  # type: ignore[arg-type]


def test_to_csv_raw_must_be_bool() -> None:
    m = load(HOSTILE)
    with pytest.raises(TypeError):
        m.to_csv(raw="yes")  # type: ignore[arg-type]
