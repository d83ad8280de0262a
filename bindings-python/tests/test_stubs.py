"""The type stubs match the runtime module (mypy's stubtest) and catch misuse."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

pytest.importorskip("mypy", reason="mypy is not installed (run-tests installs it)")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=HERE)


def test_stubs_match_the_runtime_module():
    r = run("mypy.stubtest", "journeymap", "--allowlist", str(HERE / "stubtest-allowlist.txt"))
    assert r.returncode == 0, r.stdout + r.stderr


def test_typed_usage_passes_strict_mypy():
    r = run("mypy", "--strict", "--no-incremental", str(HERE / "typing" / "usage.py"))
    assert r.returncode == 0, r.stdout + r.stderr


def test_misuse_is_caught():
    misuse = HERE / "typing" / "misuse.py"
    expected = {i for i, line in enumerate(misuse.read_text().splitlines(), 1) if re.search(r"  # E: ", line)}
    r = run("mypy", "--no-incremental", str(misuse))
    reported = {int(m.group(1)) for m in re.finditer(r"misuse\.py:(\d+): error", r.stdout)}
    assert reported == expected, r.stdout
