#!/usr/bin/env python3
"""Keeps the docstrings of the type stub (``python/journeymap/__init__.pyi``,
what editors show) and of the runtime (what ``help()`` and Jupyter's ``?``
show) the same, each written in one place:

- for what the Rust extension implements (``JourneyMap``, ``schema``,
  ``validate``...), the stub is the source: each ``///`` block above a
  ``#[pymethods]`` function of ``PyJourneyMap``, a ``#[pyfunction]`` or the
  ``#[pyclass]`` of ``JourneyMap`` is replaced by the stub's docstring of the
  same Python name;
- for what Python modules implement (``analyze``, the report classes, the
  exceptions), the module is the source: the stub's docstring of the same
  name is replaced by the module's.

Definitions documented on one side only are left alone.
``tests/test_docs.py`` checks that the two sides are equal.

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
MODULES = [HERE / "python" / "journeymap" / m for m in ("_errors.py", "_analytics.py")]


def stub_docs() -> dict[str, str]:
    """Python name (``JourneyMap.lint``, ``schema``) -> docstring."""
    return stub_docs_of(STUB.read_text(encoding="utf-8"))


def stub_docs_of(text: str) -> dict[str, str]:
    """:func:`stub_docs` of a stub's text: the ``JourneyMap`` class, its
    members and the module-level functions (what the extension may
    implement)."""
    out: dict[str, str] = {}
    for name, node in definitions(ast.parse(text)).items():
        top_function = "." not in name and isinstance(node, ast.FunctionDef)
        if name == "JourneyMap" or name.startswith("JourneyMap.") or top_function:
            doc = ast.get_docstring(node)
            if doc:
                out[name] = doc
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


def definitions(tree: ast.Module) -> dict[str, ast.AST]:
    """Qualified name (``Table.to_pandas``) -> documented class or function."""
    out: dict[str, ast.AST] = {}

    def walk(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.ClassDef)):
                if ast.get_docstring(child) is not None:
                    out[prefix + child.name] = child
                if isinstance(child, ast.ClassDef):
                    walk(child, prefix + child.name + ".")

    walk(tree, "")
    return out


def module_docs() -> dict[str, str]:
    """Qualified name -> docstring of what the Python modules define."""
    out: dict[str, str] = {}
    for path in MODULES:
        for name, node in definitions(ast.parse(path.read_text(encoding="utf-8"))).items():
            out[name] = ast.get_docstring(node) or ""
    return out


def with_docstrings(source: str, docs: dict[str, str]) -> str:
    """`source` (Python) with the docstrings of the definitions named in
    `docs` replaced."""
    tree = ast.parse(source)
    lines = source.split("\n")
    edits = []
    for name, node in definitions(tree).items():
        if name in docs and ast.get_docstring(node) != docs[name]:
            expr = node.body[0]
            edits.append((expr.lineno, expr.end_lineno, node.col_offset + 4, docs[name]))
    for start, end, col, text in sorted(edits, reverse=True):
        indent = " " * col
        body = text.replace("\\", "\\\\").split("\n")
        new = [indent + '"""' + body[0]] + [indent + line if line else "" for line in body[1:]]
        if len(body) == 1:
            new[0] += '"""'
        else:
            new.append(indent + '"""')
        lines[start - 1:end] = new
    return "\n".join(lines)


def run(check: bool) -> list[str]:
    """Brings the files up to date (or, with `check`, only lists the stale
    ones); returns the names of the files that were (or would be) changed."""
    stale = []
    old = STUB.read_text(encoding="utf-8")
    new = with_docstrings(old, module_docs())
    if new != old:
        stale.append(STUB.name)
        if not check:
            STUB.write_text(new, encoding="utf-8")
    docs = stub_docs_of(new)
    for path in SOURCES:
        old = path.read_text(encoding="utf-8")
        new = sync(old, docs)
        if new != old:
            stale.append(path.name)
            if not check:
                path.write_text(new, encoding="utf-8")
    return stale


def main_check() -> list[str]:
    """The files out of date (changes nothing)."""
    return run(check=True)


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = run(check)
    if check and stale:
        print("out of date with the stub: " + ", ".join(stale)
              + " (run bindings-python/scripts/sync_docs.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
