"""PC001 for a file no import of the plugin reaches on the target (a module kept for another
Python behind a version gate, a leftover script) is an info: the host's import succeeds."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plugcheck.model import Severity

from conftest import TESTDATA, run_check

CASES = TESTDATA / "rules" / "PC001"


@pytest.mark.harness
def test_unimported_py2_modules_are_info_and_the_plugin_passes() -> None:
    report = run_check(CASES / "bad-unimported-py2-modules", dynamic=False)
    found = {(f.location.path.name, f.severity) for f in report.findings if f.code == "PC001"}
    assert found == {("_py2.py", Severity.INFO), ("release.py", Severity.INFO)}
    assert not [f for f in report.findings if f.severity is Severity.ERROR]


@pytest.mark.harness
def test_the_gated_module_imported_on_the_live_branch_stays_an_error(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(CASES / "bad-unimported-py2-modules", case)
    init = case / "plugins/greeter/src/greeter/__init__.py"
    init.write_text(
        init.read_text().replace("sys.version_info < (3, 0)", "sys.version_info >= (3, 0)")
    )
    release = case / "plugins/greeter/src/greeter/_py3.py"
    release.write_text(release.read_text() + "\nfrom greeter import release  # noqa: E402\n")
    report = run_check(case, dynamic=False)
    found = {(f.location.path.name, f.severity) for f in report.findings if f.code == "PC001"}
    assert found == {("_py2.py", Severity.ERROR), ("release.py", Severity.ERROR)}
