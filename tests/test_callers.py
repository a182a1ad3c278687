"""PC530 where only a function nothing can be shown to call fails: kept, as a warning naming
why (rules/callers.py)."""

from __future__ import annotations

import pytest

from plugcheck.model import Severity

from conftest import TESTDATA, run_check

CASE = TESTDATA / "rules" / "PC530" / "bad-uncalled-method"


@pytest.mark.harness  # the target interpreter answers the standard library's names (PC558)
def test_only_uncalled_functions_warn() -> None:
    report = run_check(CASE, mypy=False, dynamic=False)
    got = {
        (f.location.path.name, f.location.line, f.severity)
        for f in report.findings
        if f.code == "PC530"
    }
    error, warning = Severity.ERROR, Severity.WARNING
    assert got == {
        ("__init__.py", 23, error),  # run(): the host reads checker.run
        ("__init__.py", 30, error),  # on_start(): the host's getattr(checker, "on_" + event)
        ("__init__.py", 32, error),  # on_start()'s `if util.TIMED:`: a test always runs
        ("__init__.py", 38, error),  # summary(): the plugin's methodcaller("summary")
        ("__init__.py", 45, warning),  # legacy(): nothing calls it
        ("__init__.py", 50, warning),  # a function inside legacy()
        ("__init__.py", 59, error),  # visit_Call(): a method of a class with a base
        ("compat.py", 3, warning),  # a module only legacy() imports
        ("report.py", 3, error),  # imported by old_report(), uncalled, and by summary()
    }
    legacy = next(f for f in report.findings if f.location.line == 45)
    assert "if anything calls Checker.legacy()" in legacy.message
    assert legacy.step == "legacy()"
