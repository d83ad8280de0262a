"""Bad input of every kind must give a Python exception (TypeError,
ValueError, OverflowError, a JourneyMapError, or whatever the caller's own
objects raise), never a PanicException from the native code, and a refused
call must leave the map unchanged."""

from __future__ import annotations

import copy
import datetime
import decimal
import json
import random
import threading

import pytest

import journeymap
from journeymap import JourneyMap
from conftest import FIXTURES, SMALL


class Boom(Exception):
    """Raised by the hostile objects below."""


class HostileIndex:
    def __index__(self):
        raise Boom("__index__")


class HostileFspath:
    def __fspath__(self):
        raise Boom("__fspath__")


class IntFspath:
    def __fspath__(self):
        return 3


class StrSub(str):
    def __str__(self):
        raise Boom("__str__")


class DictSub(dict):
    def items(self):
        raise Boom("items")

    def keys(self):
        raise Boom("keys")

    def __iter__(self):
        raise Boom("__iter__")


class ListSub(list):
    def __iter__(self):
        raise Boom("__iter__")

    def __len__(self):
        raise Boom("__len__")


class IntSub(int):
    def __index__(self):
        raise Boom("__index__")

    def __int__(self):
        raise Boom("__int__")


class FloatSub(float):
    def __float__(self):
        raise Boom("__float__")


def cyclic_dict():
    d: dict = {"a": 1}
    d["self"] = d
    return d


def cyclic_list():
    item: list = []
    item.append(item)
    return item


def deep(n):
    v: object = 1
    for _ in range(n):
        v = [v]
    return v


GARBAGE = [
    None, True, False, 0, -1, 1, 2**63, -(2**63) - 1, 2**64, 10**100, 1.5, -0.0,
    float("nan"), float("inf"), float("-inf"), 1j, decimal.Decimal("1.5"),
    "", " ", "x", "{", "}", "[]", "null", "\x00", "\ud800", "a\udfffb", "é" * 1000, "x" * 200_000,
    "{" * 10_000, "[" * 100_000,
    b"", b"{}", b"\xff", b"\x00", bytearray(b"{}"), memoryview(b"{}"),
    [], [1, 2], (), ("a",), {}, {"id": None}, {1: 2}, {(1, 2): 3}, {None: 1},
    {"id": "x", "name": "X", "kind": "digital", "stage": "visit", "channel": "web"},
    set(), frozenset({"a"}), object(), type, len, lambda: None, range(3), iter([1]),
    datetime.date(2026, 1, 1), ..., NotImplemented,
    HostileIndex(), HostileFspath(), IntFspath(), StrSub("visit"), DictSub(id="x", name="X"),
    ListSub(["visit"]), IntSub(1), FloatSub(0.5),
    cyclic_dict(), cyclic_list(), deep(200), {"id": "x", "name": deep(300)},
    {"id": "x", "name": "X", "description": float("nan")},
]

STRING_LIMIT = 100_000  # characters, the default of core's Limits

ALLOWED = (TypeError, ValueError, OverflowError, Boom, journeymap.JourneyMapError)


def call(fn, *args, **kwargs):
    """Runs fn; returns the exception it raised (None on success). Fails on
    anything outside ALLOWED, such as pyo3's PanicException (a BaseException)."""
    try:
        fn(*args, **kwargs)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as e:  # noqa: BLE001 - PanicException is a BaseException
        assert isinstance(e, ALLOWED), (
            f"{getattr(fn, '__name__', fn)}({args!r:.120}, {kwargs!r:.60}) raised "
            f"{type(e).__module__}.{type(e).__name__}: {e!s:.200}"
        )
        if isinstance(e, journeymap.JourneyMapError):
            assert e.code and isinstance(e.message, str)
            assert all(set(x) == {"code", "message", "path", "id", "line", "column"} for x in e.errors)
        return e
    return None


ONE_ARG = [
    "from_json", "from_dict", "from_path",
    "touchpoint", "stage", "persona", "channel", "team", "objective", "stage_position",
    "touchpoints_in_stage", "touchpoints_for_persona", "successors", "predecessors",
    "persona_journey", "to_json", "__deepcopy__",
    "add_persona", "update_persona", "remove_persona",
    "add_stage", "update_stage", "remove_stage", "reorder_stages",
    "add_channel", "update_channel", "remove_channel",
    "add_team", "update_team", "remove_team",
    "add_touchpoint", "update_touchpoint", "remove_touchpoint",
    "add_objective", "update_objective", "remove_objective",
    "add_transition", "update_transition",
    "set_name", "set_metadata",
]


@pytest.mark.parametrize("method", ONE_ARG)
def test_one_argument_garbage(method):
    m = JourneyMap.from_dict(copy.deepcopy(SMALL))
    before = m.to_dict()
    fn = getattr(m, method)
    for g in GARBAGE:
        err = call(fn, g)
        if err is not None:
            assert m.to_dict() == before, f"{method}({g!r:.80}) changed the map"
        else:
            # Accepted: the map must still be valid and read back (but see
            # test_strings_over_the_limit_are_refused_by_mutations).
            assert m.validate() == []
            if not (isinstance(g, str) and len(g) > STRING_LIMIT):
                assert JourneyMap.from_json(m.to_json()) == m
            m = JourneyMap.from_dict(copy.deepcopy(SMALL))
            fn = getattr(m, method)


def test_two_argument_garbage(small):
    before = small.to_dict()
    for g in GARBAGE:
        for fn, args, kwargs in (
            (small.insert_stage, (g, {"id": "visit", "name": "dup"}), {}),
            (small.insert_stage, (0, g), {}),
            (small.remove_stage, ("visit",), {"cascade": g}),
            (small.remove_transition, (g, "cart"), {}),
            (small.remove_transition, ("home", g), {}),
            (small.transition, (g, g), {}),
            (small.to_json, (), {"indent": g}),
            (journeymap.validate, (g,), {}),
            (setattr, (small, "name", g), {}),
            (setattr, (small, "metadata", g), {}),
            (small.__eq__, (g,), {}),
        ):
            err = call(fn, *args, **kwargs)
            if err is not None:
                assert small.to_dict() == before
            elif small.to_dict() != before:
                # An accepted change (a new name, a cascade): still valid.
                assert small.validate() == []
                small = JourneyMap.from_dict(copy.deepcopy(SMALL))


def test_garbage_inside_documents_and_entities():
    for g in GARBAGE:
        doc = copy.deepcopy(SMALL)
        doc["metadata"]["extra"]["value"] = g
        err_dict = call(JourneyMap.from_dict, doc)
        err_validate = call(journeymap.validate, doc)
        # validate raises the same Python errors for non-JSON values, and
        # otherwise returns what from_dict raises.
        if isinstance(err_dict, journeymap.JourneyMapError) or err_dict is None:
            assert err_validate is None
        for place in ("name", "stages", "touchpoints", "format_version", "metadata"):
            doc = copy.deepcopy(SMALL)
            doc[place] = g
            call(JourneyMap.from_dict, doc)
            call(journeymap.validate, doc)
        m = JourneyMap.from_dict(copy.deepcopy(SMALL))
        before = m.to_dict()
        tp = {"id": "t-x", "name": "X", "stage": "visit", "channel": "web", "emotion": {"score": g}}
        if call(m.add_touchpoint, tp) is not None:
            assert m.to_dict() == before
        for key in ("id", "name", "stage", "channel", "owner", "personas", "kind", "match"):
            m = JourneyMap.from_dict(copy.deepcopy(SMALL))
            before = m.to_dict()
            tp = {"id": "t-x", "name": "X", "stage": "visit", "channel": "web", key: g}
            if call(m.add_touchpoint, tp) is not None:
                assert m.to_dict() == before


def test_non_json_values_raise_python_errors():
    with pytest.raises(ValueError, match="NaN"):
        JourneyMap.from_dict({"name": "x", "stages": [], "metadata": {"extra": {"v": float("nan")}}})
    with pytest.raises(ValueError, match="/metadata/extra/v"):
        JourneyMap.from_dict({"name": "x", "stages": [], "metadata": {"extra": {"v": 2**64}}})
    with pytest.raises(TypeError, match="/metadata/extra/v: set"):
        JourneyMap.from_dict({"name": "x", "stages": [], "metadata": {"extra": {"v": {1}}}})
    with pytest.raises(TypeError, match="keys must be str"):
        JourneyMap.from_dict({"name": "x", "stages": [], "metadata": {"extra": {1: 2}}})
    with pytest.raises(ValueError, match="circular"):
        JourneyMap.from_dict(cyclic_dict())
    with pytest.raises(ValueError, match="Unicode"):
        JourneyMap.from_dict({"name": "\ud800", "stages": []})
    with pytest.raises(TypeError, match="from_json"):
        JourneyMap.from_dict('{"name": "x"}')
    with pytest.raises(TypeError, match="from_dict"):
        JourneyMap.from_json({"name": "x"})


def test_nesting_limit_is_the_same_for_text_and_dicts():
    """A dict nests as deep as its JSON text may, and no deeper: whatever a map
    holds can be written and read back."""
    outcomes = {}
    for n in range(118, 132):
        doc = {"name": "x", "stages": [{"id": "s", "name": "S"}], "metadata": {"extra": {"v": deep(n)}}}
        text_err = call(JourneyMap.from_json, json.dumps(doc))
        dict_err = call(JourneyMap.from_dict, doc)
        assert (text_err is None) == (dict_err is None), n
        if dict_err is not None:
            assert dict_err.code == text_err.code == "LIMIT_EXCEEDED"
            assert dict_err.path == text_err.path
        else:
            m = JourneyMap.from_dict(doc)
            assert JourneyMap.from_json(m.to_json()) == m
        outcomes[n] = dict_err is None
    # Both outcomes occur in the range, so the boundary was tested.
    assert set(outcomes.values()) == {True, False}
    # The same limit applies to entities, counted from the document root.
    m = JourneyMap.from_dict(copy.deepcopy(SMALL))
    limit = max(n for n, ok in outcomes.items() if ok)
    # metadata.extra.v sits at depth 3 in the document; a persona's
    # demographics value at depth 4 (document, personas, persona, demographics).
    ok = {"id": "p-deep", "name": "Deep", "demographics": {"v": deep(limit - 1)}}
    m.add_persona(ok)
    assert JourneyMap.from_json(m.to_json()) == m
    too_deep = {"id": "p-deeper", "name": "Deeper", "demographics": {"v": deep(limit)}}
    err = call(m.add_persona, too_deep)
    assert isinstance(err, journeymap.ParseError) and err.code == "LIMIT_EXCEEDED"


def test_strings_over_the_limit_are_refused_by_mutations(small):
    long = "x" * (STRING_LIMIT + 1)
    with pytest.raises(journeymap.JourneyMapError) as info:
        small.set_name(long)
    assert info.value.code == "LIMIT_EXCEEDED"
    assert JourneyMap.from_json(small.to_json()) == small


def mutate_text(rng: random.Random, text: str) -> str:
    ops = rng.randrange(1, 4)
    for _ in range(ops):
        if not text:
            return rng.choice(["{", "[", '"', "x"])
        i = rng.randrange(len(text))
        kind = rng.randrange(6)
        if kind == 0:
            text = text[:i]
        elif kind == 1:
            text = text[:i] + text[i + 1:]
        elif kind == 2:
            text = text[:i] + rng.choice('{}[]",:0-1e.\\ntfu\x00\u00e9') + text[i:]
        elif kind == 3:
            j = rng.randrange(len(text))
            text = text[:i] + text[j:j + rng.randrange(1, 40)] + text[i:]
        elif kind == 4:
            text = text[:i] + rng.choice(["null", "true", "1e999", "-", "[[[[", "}}}}", '"\\ud800"', "0.5", "-3"]) + text[i:]
        else:
            text = text.replace(rng.choice(["visit", "cart", "web", "pay", "p-new", '"name"', "score"]),
                                rng.choice(["", "x", "visit", "-", "pay"]), 1)
    return text


def seed_texts():
    texts = [json.dumps(SMALL, indent=1)]
    if FIXTURES.is_dir():
        texts += [f.read_text(encoding="utf-8", errors="replace") for f in sorted(FIXTURES.glob("*.json"))]
    return texts


def test_fuzzed_json_text():
    rng = random.Random(20261123)
    texts = seed_texts()
    for _ in range(3000):
        text = mutate_text(rng, rng.choice(texts))
        err = call(JourneyMap.from_json, text)
        found = call(journeymap.validate, text)
        assert found is None
        codes = [e["code"] for e in journeymap.validate(text)]
        if err is None:
            assert codes == []
            m = JourneyMap.from_json(text)
            assert JourneyMap.from_json(m.to_json()) == m
            assert JourneyMap.from_dict(m.to_dict()) == m
        else:
            assert isinstance(err, journeymap.JourneyMapError)
            assert [e["code"] for e in err.errors] == codes


def random_value(rng: random.Random, depth: int = 0):
    choice = rng.randrange(10 if depth < 3 else 6)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.choice([0, -3, 2, 7, 2**40, -(2**63)])
    if choice == 3:
        return rng.choice([0.5, -2.0, 1e300])
    if choice in (4, 5):
        return rng.choice(["", "visit", "buy", "web", "pay", "cart", "p-new", "p-loyal", "x y", "2026-02-30",
                           "digital", "conversion", "high", "loop"])
    if choice in (6, 7):
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(3))]
    keys = ["id", "name", "stage", "channel", "from", "to", "score", "kind", "extra", "loop", "addresses"]
    return {rng.choice(keys): random_value(rng, depth + 1) for _ in range(rng.randrange(3))}


def random_paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from random_paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from random_paths(v, prefix + (i,))


def test_fuzzed_dicts_agree_with_their_json_text():
    rng = random.Random(7)
    paths = list(random_paths(SMALL))[1:]
    for _ in range(1500):
        doc = copy.deepcopy(SMALL)
        for _ in range(rng.randrange(1, 3)):
            path = rng.choice(paths)
            target = doc
            try:
                for key in path[:-1]:
                    target = target[key]
                if rng.randrange(4) == 0 and isinstance(target, dict):
                    target.pop(path[-1], None)
                else:
                    target[path[-1]] = random_value(rng)
            except (KeyError, IndexError, TypeError):
                continue
        text = json.dumps(doc)
        if json.loads(text) != doc:
            continue  # json.dumps turned a non-str key into a str
        from_dict = call(JourneyMap.from_dict, doc)
        from_text = call(JourneyMap.from_json, text)
        assert (from_dict is None) == (from_text is None)
        if from_dict is not None:
            assert type(from_dict) is type(from_text)
            assert [(e["code"], e["path"]) for e in from_dict.errors] == \
                [(e["code"], e["path"]) for e in from_text.errors]


def test_random_mutation_sequences_keep_the_map_valid():
    rng = random.Random(99)
    m = JourneyMap.from_dict(copy.deepcopy(SMALL))
    ops = [
        lambda: m.add_touchpoint({"id": f"t{rng.randrange(20)}", "name": "T",
                                  "stage": rng.choice(["visit", "buy", "return", "nope"]),
                                  "channel": rng.choice(["web", "shop"])}),
        lambda: m.add_transition({"from": rng.choice(["home", "cart", "pay", "t1", "t2"]),
                                  "to": rng.choice(["home", "cart", "pay", "t1", "t2"])}),
        lambda: m.remove_touchpoint(rng.choice(["t1", "t2", "t3", "home", "cart"])),
        lambda: m.remove_stage(rng.choice(["visit", "buy", "return", "s1"]), cascade=rng.random() < 0.5),
        lambda: m.add_stage({"id": f"s{rng.randrange(5)}", "name": "S"}),
        lambda: m.insert_stage(rng.randrange(-4, 5), {"id": f"s{rng.randrange(5)}", "name": "S"}),
        lambda: m.reorder_stages(rng.sample([s["id"] for s in m.stages], k=len(m.stages))),
        lambda: m.reorder_stages([s["id"] for s in m.stages][1:]),
        lambda: m.remove_persona(rng.choice(["p-new", "p-loyal"])),
        lambda: m.remove_objective("obj-cart"),
        lambda: m.remove_transition(rng.choice(["home", "pay", "again"]), rng.choice(["cart", "again", "home"])),
    ]
    for _ in range(600):
        before = m.to_dict()
        err = call(rng.choice(ops))
        if err is not None:
            assert m.to_dict() == before
        assert m.validate() == []
    assert JourneyMap.from_json(m.to_json()) == m


def test_threads_share_maps_safely(small):
    text = small.to_json()
    results: list = []
    errors: list = []

    def work():
        try:
            for _ in range(50):
                m = JourneyMap.from_json(text)
                results.append(m == small)
                small.successors("home")
                journeymap.validate(text)
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 200 and all(results)
