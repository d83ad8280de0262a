"""The examples in the package's docstrings and type stub run, and give
what they show.

The stub (``__init__.pyi``) is what editors and type checkers show, so its
examples are collected from its source; the runtime docstrings of the
Python modules are collected from the modules themselves.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import pathlib
import typing
from typing import Any

import pytest

import journeymap

STUB = pathlib.Path(journeymap.__file__).with_name("__init__.pyi")
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def _sync_docs() -> Any:
    import importlib.util

    path = pathlib.Path(__file__).resolve().parent.parent / "scripts" / "sync_docs.py"
    spec = importlib.util.spec_from_file_location("sync_docs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SYNC = _sync_docs()


def stub_docstrings() -> dict[str, str]:
    """Qualified name -> docstring of every documented definition in the stub."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    module_doc = ast.get_docstring(tree)
    if module_doc:
        out["journeymap"] = module_doc
    for name, node in SYNC.definitions(tree).items():
        doc = ast.get_docstring(node)
        if doc:
            out[f"journeymap.{name}"] = doc
    return out


STUB_DOCS = stub_docstrings()
STUB_TESTS = [
    doctest.DocTestParser().get_doctest(doc, {}, name, str(STUB), 0)
    for name, doc in STUB_DOCS.items()
    if ">>>" in doc
]
MODULE_TESTS = [
    t
    for module in (journeymap, *(importlib.import_module(f"journeymap.{m}") for m in ("_analytics", "_errors", "_record", "_report_model")))
    for t in doctest.DocTestFinder().find(module, module.__name__)
    if t.examples
]


def run(test: doctest.DocTest) -> None:
    test.globs = dict(vars(journeymap))
    test.globs["journeymap"] = journeymap
    out: list[str] = []
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)


@pytest.mark.parametrize("test", STUB_TESTS, ids=lambda t: t.name)
def test_stub_examples(test: doctest.DocTest) -> None:
    run(test)


@pytest.mark.parametrize("test", MODULE_TESTS, ids=lambda t: t.name)
def test_module_examples(test: doctest.DocTest) -> None:
    run(test)


def test_no_example_is_skipped() -> None:
    skipped = [t.name for t in STUB_TESTS + MODULE_TESTS
               if any(ex.options.get(doctest.SKIP) for ex in t.examples)]
    assert skipped == []


def public_callables() -> list[str]:
    """Names in ``__all__`` that are functions or classes (not the
    TypedDicts describing document and report shapes)."""
    names = []
    for name in journeymap.__all__:
        obj = getattr(journeymap, name)
        if isinstance(obj, type) and typing.is_typeddict(obj):
            continue
        if inspect.isclass(obj) or inspect.isroutine(obj):
            names.append(name)
    return names


@pytest.mark.parametrize("name", public_callables())
def test_every_public_function_and_class_has_an_example(name: str) -> None:
    # The stub's docstring, or the module's for what the stub imports from
    # a typed module (the report's classes).
    doc = STUB_DOCS.get(f"journeymap.{name}") or inspect.getdoc(getattr(journeymap, name)) or ""
    assert ">>>" in doc, f"the docstring of {name} has no example"


def test_examples_are_found() -> None:
    # The collectors above found the stub and the modules' examples.
    assert len(STUB_TESTS) >= len(public_callables())
    assert any(t.name == "journeymap" for t in MODULE_TESTS)




def documented_both_ways() -> list[str]:
    """Names the stub documents whose runtime docstring comes from one
    place: the stub (what the Rust extension implements) or the Python
    module (everything else)."""
    in_modules = set(SYNC.module_docs())
    in_stub = set(SYNC.stub_docs())
    names = []
    for name in STUB_DOCS:
        short = name.removeprefix("journeymap.")
        public = not any(part.startswith("_") and not part.startswith("__")
                         for part in short.split("."))
        if short != name and public and (short in in_modules or short in in_stub):
            names.append(name)
    return names


@pytest.mark.parametrize("name", documented_both_ways())
def test_runtime_docstrings_are_the_stubs(name: str) -> None:
    # help() and Jupyter's `?` show the runtime docstring, editors the
    # stub's: scripts/sync_docs.py keeps them equal.
    obj: object = journeymap
    for part in name.split(".")[1:]:
        obj = getattr(obj, part)
    assert inspect.getdoc(obj) == inspect.cleandoc(STUB_DOCS[name])


def test_docs_are_in_sync() -> None:
    assert SYNC.main_check() == [], "run bindings-python/scripts/sync_docs.py"


REPO = pathlib.Path(__file__).resolve().parents[2]
READMES = [REPO / "README.md", REPO / "bindings-python" / "README.md"]


@pytest.mark.parametrize("readme", READMES, ids=lambda p: str(p.relative_to(REPO)))
def test_readme_examples(readme: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The Python blocks of the READMEs are doctests, run from the repository
    # root (their paths are relative to it); code fences end an example's output.
    text = readme.read_text(encoding="utf-8").replace("```", "")
    test = doctest.DocTestParser().get_doctest(text, {}, readme.name, str(readme), 0)
    assert test.examples, f"{readme} has no Python example"
    monkeypatch.chdir(REPO)
    run(test)
