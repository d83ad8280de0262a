"""The shared document fixtures: every tests/fixtures/documents/*.json gives
exactly the errors (codes and paths, in order) listed in
tests/expected/documents.json, whichever way it is read."""

from __future__ import annotations

import json

import pytest

import journeymap
from conftest import EXPECTED, FIXTURES

FILES = sorted(FIXTURES.glob("*.json")) if FIXTURES.is_dir() else []


def expected_table() -> dict:
    if not EXPECTED.is_file():
        pytest.fail(f"{EXPECTED} is missing while {len(FILES)} fixture(s) exist")
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


class _NotFaithful(Exception):
    pass


def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise _NotFaithful("duplicate key")
    return dict(pairs)


def _refuse(_):
    raise _NotFaithful("constant or number JSON readers differ on")


def faithful_dict(text: str):
    """json.loads(text), or None when the dict could not say what the text
    says (not JSON, duplicate keys, NaN/Infinity, numbers beyond 64 bits)."""
    try:
        doc = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_constant=_refuse,
            parse_int=lambda s: int(s) if -(2**63) <= int(s) < 2**64 else _refuse(s),
            parse_float=lambda s: float(s) if abs(float(s)) != float("inf") else _refuse(s),
        )
    except (ValueError, _NotFaithful, RecursionError):
        return None
    return doc


def code_paths(errors: list[dict]) -> list[tuple[str, object]]:
    return [(e["code"], e.get("path")) for e in errors]


def test_fixture_directory_is_populated():
    if not FILES:
        pytest.skip(f"no shared fixtures yet in {FIXTURES}")
    assert len(FILES) > 0


def test_every_expected_entry_has_a_file():
    if not FILES:
        pytest.skip(f"no shared fixtures yet in {FIXTURES}")
    table = expected_table()
    names = {f.name for f in FILES}
    assert sorted(set(table) - names) == []


@pytest.mark.parametrize("path", FILES, ids=[f.name for f in FILES])
def test_fixture_matches_expected(path):
    table = expected_table()
    assert path.name in table, f"{path.name} has no entry in {EXPECTED.name}"
    want = code_paths(table[path.name]["errors"])
    text = path.read_text(encoding="utf-8")

    # journeymap.validate on the text: every violation, without raising.
    got = journeymap.validate(text)
    assert code_paths(got) == want
    for e in got:
        assert set(e) == {"code", "message", "path", "id", "line", "column"}
        assert isinstance(e["message"], str) and e["message"]

    # The same text as bytes, and through a file.
    assert code_paths(journeymap.validate(text.encode("utf-8"))) == want

    if not want:
        m = journeymap.JourneyMap.from_json(text)
        assert m.validate() == []
        assert journeymap.JourneyMap.from_path(path) == m
        assert journeymap.JourneyMap.from_dict(m.to_dict()) == m
        assert journeymap.JourneyMap.from_json(m.to_json()) == m
        assert journeymap.JourneyMap.from_json(m.to_json(indent=None)) == m
        return

    with pytest.raises(journeymap.JourneyMapError) as info:
        journeymap.JourneyMap.from_json(text)
    err = info.value
    assert code_paths(err.errors) == want
    if len(want) == 1:
        assert err.code == want[0][0]
        assert err.path == want[0][1]
    else:
        assert err.code == "INVALID_MAP"
        assert err.path == want[0][1]
    with pytest.raises(journeymap.JourneyMapError) as from_file:
        journeymap.JourneyMap.from_path(path)
    assert code_paths(from_file.value.errors) == want

    # A document that is JSON reads the same as a dict, minus line/column.
    doc = faithful_dict(text)
    if doc is None:
        return
    if not isinstance(doc, dict):
        with pytest.raises(TypeError):
            journeymap.JourneyMap.from_dict(doc)
        return
    as_dict = journeymap.validate(doc)
    assert code_paths(as_dict) == want
    assert all(e["line"] is None and e["column"] is None for e in as_dict)
