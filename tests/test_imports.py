"""Imports on demand: a process that parses or audits loads no pandas, altair or papermill;
they are loaded only to write tidy tables or render reports."""
from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT, SAMPLE, needs_sample

HEAVY = ("pandas", "altair", "papermill", "nbclient", "itables")

_PROBE = """
import contextlib, io, json, sys
from analysis.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main({argv!r})
print(json.dumps({{"code": code, "loaded": [m for m in {heavy!r} if m in sys.modules]}}))
"""


def _loaded(argv: list) -> dict:
    probe = _PROBE.format(argv=argv, heavy=HEAVY)
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_importing_the_command_line_loads_no_heavy_library():
    out = subprocess.run([sys.executable, "-c", f"import sys, analysis.cli, analysis.checks, analysis.store, "
                          f"analysis.pipeline; print([m for m in {HEAVY!r} if m in sys.modules])"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


@needs_sample
def test_an_audit_without_output_loads_no_heavy_library():
    seen = _loaded(["audit", str(SAMPLE), "--json", "--workers", "1"])
    assert seen["code"] == 0 and seen["loaded"] == []


@needs_sample
def test_writing_tidy_tables_loads_pandas(tmp_path):
    seen = _loaded(["parse", str(SAMPLE), "--out", str(tmp_path / "out"), "--workers", "1"])
    assert seen["code"] == 0 and "pandas" in seen["loaded"]
