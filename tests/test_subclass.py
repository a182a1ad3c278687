"""kind = "subclass": static resolution and run-time issubclass agree; bad contracts exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugcheck import Options, check

from conftest import TESTDATA, run_cli, write_host

pytestmark = pytest.mark.harness


CASES = TESTDATA / "rules"


@pytest.mark.parametrize("case", ["PC520/bad", "PC520/good"])
def test_static_and_dynamic_agree(case: str) -> None:
    root = CASES / case
    static = check(Options(paths=(root,), dynamic=False)).findings
    dynamic = check(Options(paths=(root,), static=False)).findings
    assert {f.plugin for f in static if f.code == "PC520"} == {
        f.plugin for f in dynamic if f.code == "PC521"
    }
    assert {(f.location.path, f.location.line) for f in static} == {
        (f.location.path, f.location.line) for f in dynamic
    }


def test_identity_is_explained_at_run_time() -> None:
    root = CASES / "PC520" / "bad"
    dynamic = check(Options(paths=(root,), static=False)).findings
    (copy,) = [f for f in dynamic if f.plugin == "vendored"]
    assert "vendored.compat.BasePlugin" in copy.message
    assert "a different class object from the host's demo_api.BasePlugin" in copy.message


def _host(tmp_path: Path, base: str | None) -> Path:
    source = CASES / "PC520" / "good"
    (tmp_path / "api").symlink_to(source / "api")
    (tmp_path / "plugins").symlink_to(source / "plugins")
    line = f"base = {base}\n" if base else ""
    return write_host(
        tmp_path,
        pyproject='[tool.plugcheck.contracts.demo]\nkind = "subclass"\npaths = ["plugins/*"]\n'
        f'search-path = ["api"]\n{line}exports = {{ Plugin = {{ kind = "class" }} }}\n',
    )


@pytest.mark.parametrize(
    ("base", "error"),
    [
        (None, "contracts.demo.base: is required for kind = 'subclass'"),
        ('"demo_api.BasePlugin"', 'must be the host base class as "module:Class"'),
        ('"demo_api:Missing"', "class demo_api:Missing is not found"),
    ],
)
def test_bad_base(tmp_path: Path, base: str | None, error: str) -> None:
    proc = run_cli("check", str(_host(tmp_path, base)))
    assert proc.returncode == 2, proc.stdout
    assert error in proc.stderr
