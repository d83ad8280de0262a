"""The exception family: classes, attributes, locations, pickling, and the
module-level validate()."""

from __future__ import annotations

import errno
import json
import os
import pickle
from pathlib import Path

import pytest

import journeymap
from journeymap import JourneyMap

REPO = Path(__file__).resolve().parents[2]
KEYS = {"code", "message", "path", "id", "line", "column"}


def test_hierarchy():
    for cls in (journeymap.ParseError, journeymap.InvalidMapError, journeymap.NotFoundError,
                journeymap.ReferenceInUseError, journeymap.JourneyMapIOError):
        assert issubclass(cls, journeymap.JourneyMapError)
    assert issubclass(journeymap.JourneyMapError, Exception)
    assert issubclass(journeymap.NotFoundError, KeyError)
    assert issubclass(journeymap.JourneyMapIOError, OSError)


def test_syntax_error_has_line_and_column():
    with pytest.raises(journeymap.ParseError) as info:
        JourneyMap.from_json('{\n  "name": "x",\n  "stages": [\n}')
    e = info.value
    assert (e.code, e.path, e.line, e.column) == ("JSON_SYNTAX", "", 4, 1)
    assert e.id is None
    assert e.errors == [{"code": "JSON_SYNTAX", "message": e.message, "path": "", "id": None,
                         "line": 4, "column": 1}]
    assert str(e) == e.message and "line 4" in e.message


def test_type_error_from_text_has_path_and_line():
    text = '{"name": "x",\n "stages": [{"id": "s", "name": 5}]}'
    with pytest.raises(journeymap.ParseError) as info:
        JourneyMap.from_json(text)
    e = info.value
    assert (e.code, e.path, e.line) == ("JSON_TYPE", "/stages/0/name", 2)
    assert e.column is not None


def test_same_document_as_dict_has_path_but_no_line():
    with pytest.raises(journeymap.ParseError) as info:
        JourneyMap.from_dict({"name": "x", "stages": [{"id": "s", "name": 5}]})
    e = info.value
    assert (e.code, e.path, e.line, e.column) == ("JSON_TYPE", "/stages/0/name", None, None)
    assert "line" not in e.message


def test_unknown_and_missing_fields():
    with pytest.raises(journeymap.ParseError) as info:
        JourneyMap.from_dict({"name": "x", "stages": [], "colour": "red"})
    assert (info.value.code, info.value.path) == ("UNKNOWN_FIELD", "/colour")
    with pytest.raises(journeymap.ParseError) as info:
        JourneyMap.from_dict({"name": "x"})
    assert (info.value.code, info.value.path) == ("MISSING_FIELD", "/stages")


def test_newer_format_version():
    with pytest.raises(journeymap.ParseError) as info:
        JourneyMap.from_dict({"format_version": 2, "name": "x", "stages": [], "future": 1})
    assert info.value.code == "UNSUPPORTED_FORMAT_VERSION"
    assert info.value.path == "/format_version"
    assert "upgrade" in info.value.message


def test_several_violations_at_once():
    doc = {
        "name": "",
        "stages": [{"id": "s", "name": "S"}, {"id": "s", "name": "T"}],
        "channels": [{"id": "web", "name": "Web", "kind": "digital"}],
        "touchpoints": [{"id": "t", "name": "T", "stage": "nope", "channel": "web",
                         "emotion": {"score": -3}}],
    }
    with pytest.raises(journeymap.InvalidMapError) as info:
        JourneyMap.from_dict(doc)
    e = info.value
    assert e.code == "INVALID_MAP"
    got = [(x["code"], x["path"]) for x in e.errors]
    assert got == [(x["code"], x["path"]) for x in journeymap.validate(doc)]
    assert ("EMPTY_NAME", "/name") in got
    assert ("DUPLICATE_ID", "/stages/1/id") in got
    assert ("DANGLING_REFERENCE", "/touchpoints/0/stage") in got
    assert ("EMOTION_OUT_OF_RANGE", "/touchpoints/0/emotion/score") in got
    assert (e.path, e.id) == (e.errors[0]["path"], e.errors[0]["id"])
    assert all(set(x) == KEYS for x in e.errors)


def test_validate_never_raises_for_documents():
    assert journeymap.validate('{"name": "x", "stages": [{"id": "s", "name": "S"}]}') == []
    assert journeymap.validate({"name": "x", "stages": [{"id": "s", "name": "S"}]}) == []
    bad = journeymap.validate("{")
    assert [e["code"] for e in bad] == ["JSON_SYNTAX"]
    assert bad[0]["line"] == 1
    assert [e["code"] for e in journeymap.validate("[]")] == ["JSON_TYPE"]
    assert [e["code"] for e in journeymap.validate("")] == ["JSON_SYNTAX"]
    assert [e["code"] for e in journeymap.validate(b"\xff\xfe")] == ["IO"]
    assert [e["code"] for e in journeymap.validate({"name": "", "stages": []})] == ["EMPTY_NAME", "NO_STAGES"]


def test_validate_refuses_other_types():
    for bad in (None, 1, ["{}"], object()):
        with pytest.raises(TypeError):
            journeymap.validate(bad)


def test_not_found_is_a_key_error_with_a_readable_message(small):
    with pytest.raises(KeyError) as info:
        small.remove_team("nope")
    e = info.value
    assert isinstance(e, journeymap.NotFoundError)
    assert str(e) == 'no team with id "nope"'
    assert (e.code, e.id, e.path) == ("NOT_FOUND", "nope", None)


def test_io_error_is_an_os_error(tmp_path):
    missing = tmp_path / "missing.json"
    with pytest.raises(OSError) as info:
        JourneyMap.from_path(missing)
    e = info.value
    assert isinstance(e, journeymap.JourneyMapIOError)
    assert e.code == "IO" and e.path is None
    assert e.filename == str(missing)
    assert str(missing) in str(e)
    # The built-in subclass of the failure, with its errno.
    assert isinstance(e, FileNotFoundError) and e.errno == errno.ENOENT
    assert e.strerror == os.strerror(errno.ENOENT)
    assert repr(e).startswith("JourneyMapIOError(")
    # Shown by its public name (tracebacks print module and qualified name).
    assert f"{type(e).__module__}.{type(e).__qualname__}" == "journeymap.JourneyMapIOError"
    with pytest.raises(IsADirectoryError) as info:
        JourneyMap.from_path(tmp_path)  # a directory
    assert isinstance(info.value, journeymap.JourneyMapIOError)
    assert info.value.errno == errno.EISDIR
    # Text that is not UTF-8 is an IO error of no particular errno.
    f = tmp_path / "latin1.json"
    f.write_bytes(b'{"name": "Caf\xe9", "stages": []}')
    with pytest.raises(journeymap.JourneyMapIOError) as info:
        JourneyMap.from_path(f)
    assert not isinstance(info.value, FileNotFoundError) and info.value.errno is None
    # Event logs too.
    with pytest.raises(FileNotFoundError):
        journeymap.analyze(JourneyMap.from_path(REPO / "schema/examples/coffee-maker.json"), tmp_path / "missing.csv")


def test_file_errors_carry_line_and_column(tmp_path):
    f = tmp_path / "bad.json"
    f.write_text('{"name": "x",\n"stages": [}', encoding="utf-8")
    with pytest.raises(journeymap.ParseError) as info:
        JourneyMap.from_path(f)
    assert (info.value.code, info.value.line) == ("JSON_SYNTAX", 2)


def test_invalid_utf8_file(tmp_path):
    f = tmp_path / "latin1.json"
    f.write_bytes('{"name": "Caf\u00e9", "stages": []}'.encode("latin-1"))
    with pytest.raises(journeymap.JourneyMapIOError) as info:
        JourneyMap.from_path(f)
    assert info.value.code == "IO"


@pytest.mark.parametrize(
    "make",
    [
        lambda: JourneyMap.from_json("{"),
        lambda: JourneyMap.from_dict({"name": "", "stages": []}),
        lambda: JourneyMap.from_path("/nonexistent/journeymap.json"),
        lambda: JourneyMap.from_json('{"name": "x", "stages": [{"id": "s", "name": "S"}]}').remove_stage("x"),
    ],
)
def test_errors_pickle_with_their_attributes(make):
    with pytest.raises(journeymap.JourneyMapError) as info:
        make()
    e = info.value
    again = pickle.loads(pickle.dumps(e))
    assert type(again) is type(e)
    for attr in ("message", "code", "path", "id", "line", "column", "errors"):
        assert getattr(again, attr) == getattr(e, attr)
    assert str(again) == str(e)
    assert getattr(again, "filename", None) == getattr(e, "filename", None)
    assert getattr(again, "errno", None) == getattr(e, "errno", None)


def test_errors_can_be_raised_by_users():
    e = journeymap.InvalidMapError("custom", code="DUPLICATE_ID", path="/stages/1/id", id="s")
    assert e.errors == [{"code": "DUPLICATE_ID", "message": "custom", "path": "/stages/1/id",
                         "id": "s", "line": None, "column": None}]
    assert repr(e) == "InvalidMapError('custom', code='DUPLICATE_ID', path='/stages/1/id')"


def test_error_messages_are_json_serialisable():
    e = journeymap.validate('{"name": 1}')
    json.dumps(e)


def test_the_class_table_lists_the_core_codes_by_category():
    """The documented table of exception classes names every code of the
    core library (schema/error-codes.json, its ``Error::ALL_CODES``) under the
    class of its category, and no other code."""
    from journeymap import _errors

    classes = {
        "parse": "ParseError",
        "invalid_map": "InvalidMapError",
        "not_found": "NotFoundError",
        "in_use": "ReferenceInUseError",
        "io": "JourneyMapIOError",
    }
    codes = json.loads((REPO / "schema" / "error-codes.json").read_text())
    table = _errors.__doc__.split("=====\n", 2)[2]
    rows: dict[str, set[str]] = {}
    current = None
    for line in table.splitlines():
        if line.startswith("``"):
            current = line.split("``")[1]
        if current:
            rows.setdefault(current, set()).update(
                w.strip(",.") for w in line.split() if w.strip(",.").isupper() and "_" in w or w.strip(",.") == "IO"
            )
    for entry in codes:
        if entry["category"] == "event_log":
            assert issubclass(journeymap.EventLogError, journeymap.JourneyMapError)
            continue
        cls = classes[entry["category"]]
        assert entry["code"] in rows[cls], f"{entry['code']} is not listed under {cls}"
    documented = set().union(*(rows[c] for c in classes.values()))
    assert documented == {e["code"] for e in codes if e["category"] != "event_log"}
