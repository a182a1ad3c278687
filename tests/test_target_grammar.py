"""Plugin files are parsed with the grammar of the target interpreter (``--python``), and its
exports judged by its typing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


MODERN = TESTDATA / "rules" / "PC001" / "good-modern-syntax"


def _older_python() -> Path | None:
    """An installed CPython 3.7-3.10 (older than the match/except* syntax the case uses)."""
    names = [f"python3.{minor}" for minor in (10, 9, 8, 7)]
    candidates = [shutil.which(n) for n in names]
    candidates += [str(p) for p in sorted(Path.home().glob(".pyenv/versions/3.*/bin/python"))]
    for candidate in filter(None, candidates):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print(sys.version_info[:2] < (3, 11))"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.stdout.strip() == "True":
            return Path(candidate)
    return None


OLDER = _older_python()


@pytest.mark.skipif(OLDER is None, reason="no Python 3.7-3.10 installed")
def test_newer_syntax_than_the_target_is_pc001() -> None:
    assert OLDER is not None
    data = cli_json("check", str(MODERN), "--python", str(OLDER), "--select", "PC001", here=True)
    findings = data["findings"]
    assert isinstance(findings, list)
    assert [f["code"] for f in findings] == ["PC001"]
    assert "the target is Python 3." in findings[0]["message"]


def test_same_version_target_parses() -> None:
    data = cli_json(
        "check", str(MODERN), "--python", sys.executable, "--select", "PC001", here=True
    )
    assert data["findings"] == []


def _newer_python() -> Path | None:
    """An installed CPython at least 3.12 (PEP 695 syntax) when plugcheck's is older."""
    if sys.version_info >= (3, 12):
        return None
    names = [str(p) for p in sorted(Path.home().glob(".pyenv/versions/3.1[2-9]*/bin/python"))]
    names += [shutil.which(f"python3.{minor}") for minor in (12, 13, 14)]
    for candidate in filter(None, names):
        probe = subprocess.run(
            [candidate, "-c", "import sys; print(sys.version_info[:2] >= (3, 12))"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.stdout.strip() == "True":
            return Path(candidate)
    return None


NEWER = _newer_python()


@pytest.mark.skipif(NEWER is None, reason="no Python newer than plugcheck's (3.12+) installed")
def test_syntax_only_the_newer_target_reads_is_judged_by_the_target(tmp_path: Path) -> None:
    # Red team finding 27: with a 3.13 target, plugcheck on 3.11 called valid 3.12 syntax PC001
    # "the host's import fails here" and never ran the plugin. The target's compiler decides:
    # it compiles (an info: checked by the harness only, which runs it) or refuses (PC001 with
    # the target's own message).
    assert NEWER is not None
    write_host(
        tmp_path,
        pyproject='[tool.plugcheck.contracts.demo]\nkind = "factory"\npaths = ["plugins/*"]\n'
        '[tool.plugcheck.contracts.demo.exports]\nnew = { kind = "callable" }\n',
        plugins={
            "fine": "type Alias = int\n\n\ndef first[T](items: list[T]) -> T:\n"
            "    return items[0]\n\n\ndef new():\n    return first([1])\n",
            "raises": "type Alias = int\n\nraise RuntimeError('boom')\n",
            "broken": "type Alias = int\n\n\ndef new(:\n    pass\n",
        },
    )
    data = cli_json("check", str(tmp_path), "--python", str(NEWER), "--no-cache", here=True)
    findings = data["findings"]
    assert isinstance(findings, list)
    got = sorted((f["plugin"], f["code"], f["severity"]) for f in findings)
    assert got == [
        ("broken", "PC001", "error"),
        ("fine", "PC001", "info"),
        ("raises", "PC001", "info"),
        ("raises", "PC401", "error"),
    ], findings
    broken = next(f for f in findings if f["plugin"] == "broken")
    assert broken["line"] == 4 and "refuses it" in broken["message"], broken
    fine = next(f for f in findings if f["plugin"] == "fine")
    assert "only the harness judges the plugin" in fine["message"], fine


@pytest.mark.skipif(OLDER is None, reason="no Python 3.7-3.10 installed")
def test_syntax_feature_version_misses_is_judged_by_the_older_target(tmp_path: Path) -> None:
    # ast.parse(feature_version=...) is best effort: it accepts `a[*b]` for 3.10 (and PEP 614
    # decorators for 3.8, `:=` in a subscript for 3.9), which the target's import refuses. The
    # older target's compiler decides for a module using such syntax.
    assert OLDER is not None
    write_host(
        tmp_path,
        pyproject='[tool.plugcheck.contracts.demo]\nkind = "factory"\npaths = ["plugins/*"]\n',
        plugins={
            "starred": "table = {}\nrow = table[*(1, 2)]\n",
            "parenthesized": "import os\n\nif (home := os.sep):\n    pass\n",
        },
    )
    data = cli_json(
        "check",
        str(tmp_path),
        "--python",
        str(OLDER),
        "--no-dynamic",
        "--select",
        "PC001",
        here=True,
    )
    findings = data["findings"]
    assert isinstance(findings, list)
    assert [(f["plugin"], f["line"]) for f in findings] == [("starred", 2)], findings
    assert "the target, refuses it" in findings[0]["message"], findings


FINE = """\
class P:
    def init(self, config):
        pass

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
"""


def _version(python: Path) -> tuple[int, int]:
    probe = subprocess.run(
        [str(python), "-c", "import sys; print(*sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=True,
    )
    major, minor = probe.stdout.split()
    return int(major), int(minor)


@pytest.mark.skipif(
    OLDER is None or _version(OLDER) < (3, 9), reason="no Python 3.9 or 3.10 installed"
)
def test_a_callable_export_type_is_judged_on_an_older_target(tmp_path: Path) -> None:
    # Before 3.11 isinstance(collections.abc.Callable[[], Plugin], type) is True, so the
    # harness's lookup called isinstance(new, Callable[[], Plugin]), which raised TypeError:
    # every plugin of the contract was PC402 on a 3.9 or 3.10 target (found by red team sand17).
    assert OLDER is not None
    root = tmp_path / "host"
    shutil.copytree(TESTDATA / "hostile" / "api", root / "api")
    shutil.copy(TESTDATA / "hostile" / "pyproject.toml", root)
    (root / "plugins").mkdir()
    (root / "plugins" / "fine.py").write_text(FINE, encoding="utf-8")
    data = cli_json("harness", str(root), "--python", str(OLDER), here=True)
    assert data["findings"] == [], data["findings"]
