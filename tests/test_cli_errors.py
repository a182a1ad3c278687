"""Bad input on the command line: one ``plugcheck: error:`` line per problem and exit 2, never a
traceback or click's usage block; bad plugins are findings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from demo_host import GOOD, demo_host

from conftest import run_cli

pytestmark = pytest.mark.harness


FAST = ("--no-dynamic", "--no-mypy")


def _one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("plugcheck: error: "), proc.stderr
    assert "Traceback" not in proc.stderr and "Usage:" not in proc.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (("check", "--shard", "3/2"), ("--shard", "'3/2'", "plugcheck check --help")),
        (("check", "--api-version", "nonsense"), ("--api-version", "'nonsense'")),
        (("check", "--select", "XX1"), ("--select", "'XX1' matches no rule code")),
        (("check", "--ignore", "PC99"), ("--ignore", "'PC99'")),
        (("check", "--bogus"), ("--bogus",)),
        (("rule", "PC999"), ("no rule PC999",)),
        (("rules", "--format", "nonsense"), ("--format", "'nonsense'")),
        (("nope",), ("No such command 'nope'",)),
    ],
)
def test_usage_errors_are_one_line(args: tuple[str, ...], needles: tuple[str, ...]) -> None:
    _one_line_error(run_cli(*args), *needles)


BARE = """\
[tool.plugcheck]
search-path = ["api"]

[tool.plugcheck.contracts.demo]
kind = "factory"
api = "demo_api"
{extra}
"""


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ("paths = 3", "demo.paths: must be a list of strings"),
        ('paths = ["plugins/*"]\nexports = 5', "demo.exports: must be a table"),
        ('paths = ["plugins/*"]\nlifecycle = { deadline = "x" }', "deadline: must be a positive"),
        ('paths = ["plugins/*"]\nper-plugin-ignores = { p = "PC1" }', "p: must be a list"),
    ],
)
def test_wrong_types_in_the_contract(tmp_path: Path, extra: str, needle: str) -> None:
    root = demo_host(tmp_path, {"p": GOOD})
    (root / "pyproject.toml").write_text(BARE.format(extra=extra))
    proc = run_cli("check", str(root))
    assert proc.returncode == 2 and needle in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_malformed_pyproject(tmp_path: Path) -> None:
    root = demo_host(tmp_path, {"p": GOOD})
    (root / "pyproject.toml").write_text("[tool.plugcheck\n")
    _one_line_error(run_cli("check", str(root)), "invalid TOML")


def test_tool_that_is_not_a_table(tmp_path: Path) -> None:
    """``tool = 1`` in a pyproject: no [tool.plugcheck] there, not a TypeError traceback."""
    root = demo_host(tmp_path, {"p": GOOD})
    (root / "pyproject.toml").write_text("tool = 1\n")
    # From tmp_path: the working directory is searched after the path (this checkout has one).
    proc = run_cli("check", str(root), cwd=tmp_path)
    _one_line_error(proc, "no pyproject.toml with [tool.plugcheck]")
    config = str(root / "pyproject.toml")
    _one_line_error(run_cli("check", "--config", config, str(root)), "no [tool.plugcheck] table")
    _one_line_error(run_cli("init", "--write", str(root)), "cannot append [tool.plugcheck]")


def test_missing_directory_and_plugin_path(tmp_path: Path) -> None:
    _one_line_error(run_cli("check", str(tmp_path / "nowhere")), "no such file or directory")
    root = demo_host(tmp_path, {"p": GOOD})
    proc = run_cli("check", "--config", str(root / "pyproject.toml"), str(root / "plugins" / "q"))
    _one_line_error(proc, "no such file or directory")


def test_unparseable_plugins_are_findings(tmp_path: Path) -> None:
    root = demo_host(tmp_path, {"syntax": "def new(:\n    pass\n", "latin": GOOD})
    (root / "plugins" / "latin" / "__init__.py").write_bytes(b"# caf\xe9\n" + GOOD.encode())
    proc = run_cli("check", str(root), *FAST, "--output-format", "json")
    assert proc.returncode == 1, proc.stderr
    found = {(f["plugin"], f["code"]) for f in json.loads(proc.stdout)["findings"]}
    assert found == {("syntax", "PC001"), ("latin", "PC001")}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any directory")
def test_unreadable_plugin_directory(tmp_path: Path) -> None:
    root = demo_host(tmp_path, {"p": GOOD})
    (root / "plugins" / "p").chmod(0)
    try:
        proc = run_cli("check", str(root), *FAST)
    finally:
        (root / "plugins" / "p").chmod(0o755)
    _one_line_error(proc, "Permission denied")


def test_python_that_is_not_an_interpreter(tmp_path: Path) -> None:
    root = demo_host(tmp_path, {"p": GOOD})
    script = tmp_path / "not-python"
    script.write_text("#!/bin/sh\necho hello\n")
    script.chmod(0o755)
    _one_line_error(run_cli("check", str(root), "--python", str(script)), "--python")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    for binary in (venv / "bin").glob("python3*"):
        binary.unlink()  # a broken venv: bin/python points nowhere
    _one_line_error(run_cli("check", str(root), "--python", str(venv / "bin" / "python")))


@pytest.mark.parametrize(
    "answer",
    [
        '{"executable": 1}',
        "[1, 2]",
        '{"executable": "/x", "version": [3, 11, 0], "entry_points": [{"name": 5}]}',
    ],
)
def test_python_whose_description_is_malformed(tmp_path: Path, answer: str) -> None:
    # JSON, but not the query's Description (a sitecustomize printing first, a wrapper): a
    # missing key or one of the wrong type once ended in a KeyError traceback.
    root = demo_host(tmp_path, {"p": GOOD})
    script = tmp_path / "odd-python"
    script.write_text(f"#!/bin/sh\necho '{answer}'\n")
    script.chmod(0o755)
    proc = run_cli("check", str(root), "--python", str(script))
    _one_line_error(proc, "--python", "malformed")


def test_empty_plugin_set_in_sarif(tmp_path: Path) -> None:
    root = demo_host(tmp_path, {})
    (root / "plugins").mkdir()
    proc = run_cli("check", str(root), "--output-format", "sarif")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["runs"][0]["results"] == []
    proc = run_cli("check", str(root))
    assert "note: contract 'demo' found no plugins (paths plugins/*" in proc.stdout


def test_no_contracts(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.plugcheck.contracts]\n")
    _one_line_error(run_cli("check", str(tmp_path)), "no contract declared")


def test_paths_with_different_configurations_are_a_usage_error(tmp_path: Path) -> None:
    """A plugin project's own [tool.plugcheck] never judges another path given with it (red
    team finding 20: `check plugins/aaa plugins/bbb` used aaa's `ignore = ["PC"]` for bbb)."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.demo]\nkind = "factory"\npaths = ["plugins/*"]\n'
    )
    for name in ("aaa", "bbb"):
        (tmp_path / "plugins" / name).mkdir(parents=True)
        (tmp_path / "plugins" / name / "__init__.py").write_text("def new():\n    return 1\n")
    (tmp_path / "plugins" / "aaa" / "pyproject.toml").write_text(
        '[project]\nname = "aaa"\nversion = "1"\n\n[tool.plugcheck]\nignore = ["PC"]\n'
        '[tool.plugcheck.contracts.local]\nkind = "factory"\npaths = ["*.py"]\n'
    )
    proc = run_cli("check", "plugins/aaa", "plugins/bbb", cwd=tmp_path)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert "plugins/aaa and plugins/bbb have different configurations" in line
    same = run_cli("check", "--no-dynamic", "plugins/bbb", "plugins/aaa/__init__.py", cwd=tmp_path)
    assert "different configurations" in same.stderr  # aaa's file is under aaa's config too
