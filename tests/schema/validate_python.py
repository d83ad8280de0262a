#!/usr/bin/env python3
"""Checks schema/journey-map.schema.json and schema/journey-report.schema.json
with the `jsonschema` package (Draft 2020-12, format assertions on).

- every schema/examples/*.json must be accepted;
- every schema/examples/invalid/*.json must be refused;
- every tests/fixtures/documents/*.json must be accepted or refused as its
  `schema_valid` entry in tests/expected/documents.json says (null: the text
  must not even be JSON);
- every report in $JOURNEYMAP_REPORTS_DIR (written by tests/schema/run with
  the CLI) must be accepted by the report schema.

Prints one summary line and exits non-zero on any failure.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "schema" / "journey-map.schema.json"
EXAMPLES = ROOT / "schema" / "examples"
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
EXPECTED = ROOT / "tests" / "expected" / "documents.json"
REPORT_SCHEMA = ROOT / "schema" / "journey-report.schema.json"


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not JSON")


def parse(text: str) -> object:
    """Strict JSON: no NaN/Infinity, which Python's json accepts by default."""
    return json.loads(text, parse_constant=_refuse_constant)


def main() -> int:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))

    # (label, path, expectation) with expectation True / False / None (not JSON).
    cases: list[tuple[str, Path, bool | None]] = []
    for path in sorted(EXAMPLES.glob("*.json")):
        cases.append((f"example {path.name}", path, True))
    for path in sorted((EXAMPLES / "invalid").glob("*.json")):
        cases.append((f"invalid example {path.name}", path, False))

    failures: list[str] = []
    fixture_names = {p.name for p in FIXTURES.glob("*.json")}
    for name in sorted(set(expected) - fixture_names):
        failures.append(f"expectation for missing fixture {name}")
    for path in sorted(FIXTURES.glob("*.json")):
        entry = expected.get(path.name)
        if not isinstance(entry, dict) or "schema_valid" not in entry:
            failures.append(f"fixture {path.name}: no schema_valid in {EXPECTED.name}")
            continue
        cases.append((f"fixture {path.name}", path, entry["schema_valid"]))

    if not any(label.startswith("example ") for label, _, _ in cases):
        failures.append("no example documents found")
    if sum(label.startswith("invalid example") for label, _, _ in cases) < 5:
        failures.append("fewer than 5 invalid example documents")

    passed = 0
    for label, path, want in cases:
        text = path.read_text(encoding="utf-8")
        try:
            doc = parse(text)
        except ValueError as err:
            if want is None:
                passed += 1
            else:
                failures.append(f"{label}: not JSON ({err})")
            continue
        if want is None:
            failures.append(f"{label}: expected malformed JSON, but it parses")
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        valid = not errors
        if valid == want:
            passed += 1
        elif want:
            first = errors[0]
            where = "/" + "/".join(str(p) for p in first.absolute_path)
            failures.append(f"{label}: refused at {where}: {first.message}")
        else:
            failures.append(f"{label}: accepted, expected refusal")

    failures.extend(check_reports())
    passed += len(report_files())

    for failure in failures:
        print(f"FAIL {failure}")
    print(f"schema (python jsonschema): {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


def report_files() -> list[Path]:
    where = os.environ.get("JOURNEYMAP_REPORTS_DIR")
    return sorted(Path(where).glob("*.json")) if where else []


def check_reports() -> list[str]:
    """Failures of the report files against the report schema (a file
    refused counts as failed, an accepted one as passed)."""
    schema = json.loads(REPORT_SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(
        schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    files = report_files()
    failures: list[str] = []
    if os.environ.get("JOURNEYMAP_REPORTS_DIR") and not files:
        failures.append("no reports to validate")
    for path in files:
        doc = parse(path.read_text(encoding="utf-8"))
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        if errors:
            first = errors[0]
            where = "/" + "/".join(str(p) for p in first.absolute_path)
            failures.append(f"report {path.name}: refused at {where}: {first.message}")
    return failures


if __name__ == "__main__":
    sys.exit(main())
