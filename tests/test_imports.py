"""What importing plugcheck loads: the light parts stay light (the layers themselves are checked
by `lint-imports`, see [tool.importlinter] in pyproject.toml)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT

pytestmark = pytest.mark.harness


LOADED = (
    "import json, sys\n"
    "print(json.dumps(sorted(m for m in sys.modules if m.startswith('plugcheck'))))"
)


def _loaded(code: str, *args: str) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-c", f"{code}\n{LOADED}", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return set(json.loads(proc.stdout.splitlines()[-1]))


def test_import_model_loads_only_what_it_needs() -> None:
    assert _loaded("import plugcheck.model") == {
        "plugcheck",
        "plugcheck.model",
        "plugcheck.untrusted",
    }


def test_version_imports_no_pass() -> None:
    code = (
        "import runpy\n"
        "try:\n    runpy.run_module('plugcheck', run_name='__main__')\n"
        "except SystemExit:\n    pass"
    )
    loaded = _loaded(code, "--version")
    assert loaded == {"plugcheck", "plugcheck._entry", "plugcheck._version"}


@pytest.mark.parametrize("args", [("rule", "PC110"), ("rules",)])
def test_explaining_rules_imports_no_check(args: tuple[str, ...]) -> None:
    """What each rule is comes from the shipped table (plugcheck.registry), not from the
    modules holding the checks: listing or explaining rules loads no pass, kind or rule."""
    code = (
        "import sys, runpy\n"
        "try:\n    runpy.run_module('plugcheck', run_name='__main__')\n"
        "except SystemExit:\n    pass"
    )
    loaded = _loaded(code, *args)
    assert "plugcheck.registry" in loaded
    heavy = {"plugcheck.engine", "plugcheck.kinds", "plugcheck.rules", "plugcheck.static"}
    assert not loaded & heavy


def test_version_is_the_installed_distributions() -> None:
    from importlib.metadata import version

    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "--version"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert proc.stdout == f"plugcheck, version {version('plugcheck')}\n"


def test_other_arguments_reach_the_command_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "--help"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert proc.stdout.startswith("Usage: ")
    assert "--version" in proc.stdout


def test_the_package_root_still_offers_the_api() -> None:
    loaded = _loaded("from plugcheck import Options, Report, check, __version__")
    assert "plugcheck.engine" in loaded


def test_a_check_with_no_fix_to_make_loads_no_libcst() -> None:
    """libcst, a third of the command's start-up, and tomlkit load with the first fix a rule
    makes."""
    code = (
        "import runpy, sys\n"
        "try:\n    runpy.run_module('plugcheck', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}))"
    )
    case = ROOT / "testdata" / "rules" / "PC101" / "good-reexports"
    args = ["check", str(case), "--no-dynamic", "--output-format", "json"]
    proc = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
    )
    assert '"findings": []' in proc.stdout, proc.stdout + proc.stderr
    assert "'libcst'" not in proc.stdout.splitlines()[-1]
    assert "'tomlkit'" not in proc.stdout.splitlines()[-1]
