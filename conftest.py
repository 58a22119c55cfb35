"""pytest set-up shared by tests/ and the notebooks checked by nbval (``make test``).

* The hypothesis profile ``budget-audit`` (loaded here; ``make test`` names it too): no deadline
  (a loaded machine must not fail a test by its timing); derandomized, without an example
  database, when CI is set (a run is repeatable there), random otherwise (each local run explores
  new examples and prints the blob that reproduces a failure).
* Scheduling on pytest-xdist workers (``-n N --dist loadfile``): every test stays with its file,
  so module fixtures are made once and a notebook's cells run in order in one kernel; the modules
  that read the session's report set (fixture ``report_set`` in tests/conftest.py) run together
  on one worker, so the set is rendered once.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_CI = bool(os.environ.get("CI"))
settings.register_profile("budget-audit", deadline=None, derandomize=_CI, print_blob=True,
                          database=None if _CI else settings.default.database,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("budget-audit")   # also without --hypothesis-profile (a plain ``pytest``)

# the modules whose tests use the fixture report_set (one worker renders it for all of them)
REPORT_SET_MODULES = ("tests/test_reports.py", "tests/test_report_content.py", "tests/test_offline.py")


def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "loadfile":
        return None
    # xdist is imported here: this hook runs only when it is installed and in use
    from xdist.scheduler import LoadFileScheduling

    class ReportSetTogether(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            scope = super()._split_scope(nodeid)
            return "report-set" if scope in REPORT_SET_MODULES else scope

    return ReportSetTogether(config, log)
