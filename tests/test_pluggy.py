"""kind = "pluggy": the static rules and pluggy itself agree; contract errors exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugcheck import Options, check

from conftest import TESTDATA, run_cli

CASES = TESTDATA / "rules"
STATIC = {"PC501", "PC502", "PC503", "PC504", "PC505"}
AGREE = [
    "PC501/bad",
    "PC501/bad_prefix",
    "PC501/good",
    "PC501/good_addhooks",
    "PC502/bad",
    "PC502/good",
    "PC502/bad_class_spec",
    "PC503/bad",
    "PC503/good",
    "PC504/bad",
    "PC504/good",
    "PC505/bad",
    "PC505/good",
    "PC506/bad",
]


@pytest.mark.parametrize("case", AGREE)
def test_static_and_dynamic_agree(case: str) -> None:
    root = CASES / case
    static = check(Options(paths=(root,), dynamic=False))
    dynamic = check(Options(paths=(root,), static=False))
    errors = [f for f in static.findings if f.code in STATIC]
    rejected = [f for f in dynamic.findings if f.code == "PC510"]
    assert {f.plugin for f in errors} == {f.plugin for f in rejected}
    # pluggy stops at the first bad hookimpl; it must be one the static rules point at.
    where = {(f.location.path.resolve(), f.location.line) for f in errors}
    for finding in rejected:
        assert (finding.location.path.resolve(), finding.location.line) in where, finding
    assert all(f.code not in STATIC for f in dynamic.findings)


def test_dynamic_only_case_is_dynamic_only() -> None:
    root = CASES / "PC510" / "bad"
    assert not [f for f in check(Options(paths=(root,), dynamic=False)).findings]
    (finding,) = check(Options(paths=(root,), static=False)).findings
    assert finding.code == "PC510"
    assert "'session'" in finding.message and "demo_handle" in finding.message


def _host(tmp_path: Path, pluggy_table: str) -> Path:
    source = CASES / "PC501" / "good"
    (tmp_path / "api").symlink_to(source / "api")
    (tmp_path / "plugins").symlink_to(source / "plugins")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.demo]\nkind = "pluggy"\npaths = ["plugins/*"]\n'
        f'search-path = ["api"]\n{pluggy_table}'
    )
    return tmp_path


def test_pluggy_table_is_required(tmp_path: Path) -> None:
    proc = run_cli("check", str(_host(tmp_path, "")))
    assert proc.returncode == 2
    assert "contracts.demo.pluggy: is required for kind = 'pluggy'" in proc.stderr


@pytest.mark.parametrize(
    ("table", "error"),
    [
        ('pluggy = { hookspecs = ["x"] }', "`project`"),
        ('pluggy = { project = "demo", hookspecs = [] }', "`hookspecs`"),
        ('pluggy = { project = "demo", hookspecs = ["a b"] }', "'a b' is not a module name"),
        ('pluggy = { project = "demo", hookspecs = ["x"], prefix = 1 }', "`prefix`"),
        ('pluggy = { project = "demo", hookspecs = ["x"], colour = 1 }', "unknown key 'colour'"),
    ],
)
def test_bad_pluggy_table(tmp_path: Path, table: str, error: str) -> None:
    proc = run_cli("check", str(_host(tmp_path, table)))
    assert proc.returncode == 2
    assert error in proc.stderr


def test_missing_hookspec_module_is_a_usage_error(tmp_path: Path) -> None:
    root = _host(tmp_path, 'pluggy = { project = "demo", hookspecs = ["demo_host.nope"] }')
    proc = run_cli("check", str(root))
    assert proc.returncode == 2, proc.stdout
    assert "'demo_host.nope' is not importable" in proc.stderr
    assert "Traceback" not in proc.stderr
