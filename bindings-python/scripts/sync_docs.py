#!/usr/bin/env python3
"""Copies the docstrings of the type stub (``python/journeymap/__init__.pyi``)
into the doc comments of the Rust functions that implement them, so that
``help()`` and Jupyter's ``?`` show what editors show.

The stub is the one place the Python documentation is written. Each
``///`` block above a ``#[pymethods]`` function of ``PyJourneyMap``, a
``#[pyfunction]`` or the ``#[pyclass]`` of ``JourneyMap`` is replaced by the
stub's docstring of the same Python name; functions the stub does not
document keep their comments. ``tests/test_docs.py`` checks that the
runtime docstrings equal the stub's.

Usage: python bindings-python/scripts/sync_docs.py [--check]
(``--check`` changes nothing and exits 1 when a file would change.)
"""

from __future__ import annotations

import ast
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent.parent
STUB = HERE / "python" / "journeymap" / "__init__.pyi"
SOURCES = sorted((HERE / "src").glob("*.rs"))


def stub_docs() -> dict[str, str]:
    """Python name (``JourneyMap.lint``, ``schema``) -> docstring."""
    tree = ast.parse(STUB.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            doc = ast.get_docstring(node)
            if doc:
                out[node.name] = doc
        elif isinstance(node, ast.ClassDef) and node.name == "JourneyMap":
            doc = ast.get_docstring(node)
            if doc:
                out["JourneyMap"] = doc
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    doc = ast.get_docstring(item)
                    if doc:
                        out[f"JourneyMap.{item.name}"] = doc
    return out


FN = re.compile(r"^(\s*)(?:pub(?:\(crate\))? )?fn (\w+)")
IMPL = re.compile(r"^impl PyJourneyMap \{")
CLASS = re.compile(r"^pub struct PyJourneyMap\b")


def doc_lines(doc: str, indent: str) -> list[str]:
    return [f"{indent}///" + (f" {line}" if line else "") for line in doc.split("\n")]


def sync(source: str, docs: dict[str, str]) -> str:
    lines = source.split("\n")
    out: list[str] = []
    in_methods = False
    for i, line in enumerate(lines):
        if IMPL.match(line):
            in_methods = any("#[pymethods]" in l for l in lines[max(0, i - 2):i])
        elif line.startswith("}"):
            in_methods = False
        name = None
        m = FN.match(line)
        if m and in_methods and m.group(1) == "    ":
            name = f"JourneyMap.{m.group(2)}"
        elif m and not m.group(1):
            # A top-level function: a #[pyfunction] if its attributes say so.
            k = len(out) - 1
            while k >= 0 and out[k].lstrip().startswith("#["):
                if out[k].strip() == "#[pyfunction]":
                    name = m.group(2)
                k -= 1
        elif CLASS.match(line):
            name = "JourneyMap"
        if name in docs:
            indent = re.match(r"^\s*", line).group(0)
            # The item's attributes, then its doc comment, sit above it.
            attrs: list[str] = []
            while out and out[-1].lstrip().startswith("#["):
                attrs.insert(0, out.pop())
            while out and out[-1].lstrip().startswith("///"):
                out.pop()
            out.extend(doc_lines(docs[name], indent))
            out.extend(attrs)
        out.append(line)
    return "\n".join(out)


def main() -> int:
    check = "--check" in sys.argv[1:]
    docs = stub_docs()
    stale = []
    for path in SOURCES:
        old = path.read_text(encoding="utf-8")
        new = sync(old, docs)
        if new != old:
            stale.append(path.name)
            if not check:
                path.write_text(new, encoding="utf-8")
    if check and stale:
        print("out of date with the stub: " + ", ".join(stale)
              + " (run bindings-python/scripts/sync_docs.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
