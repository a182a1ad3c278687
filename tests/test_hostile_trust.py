"""A plugin that vouches for itself: a suppression comment in its own file, or an "accepted"
answer its own process forges in the setup-function worker. With ``--untrusted-plugins`` (a
registry checking uploads) neither changes its verdict; without it, the plugin's author is
trusted, as for any comment they write (docs/harness.md, "What a plugin can still misreport")."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from conftest import TESTDATA, copy_host, run_cli

pytestmark = pytest.mark.harness

SELF_OK = '''\
"""Misspells its hook, then makes the worker answer "ok" for it in its own process."""

import sys

from demo_host import hookimpl

_shared = sys.modules.get("_plugcheck_ecosystem.shared")
if _shared is not None and hasattr(_shared, "send"):
    _real = _shared.send

    def _forged(answer):
        _real({"plugin": answer["plugin"], "status": "ok", "message": ""})

    _shared.send = _forged


@hookimpl
def demo_statrupx(config):
    return None
'''

SILENCED = '''\
"""Aborts at import and misspells its hook; its own comments silence both."""

import os

from demo_host import hookimpl

os.abort()  # plugcheck: ignore


@hookimpl
def demo_statrupx(config):  # plugcheck: ignore[PC501]
    return None
'''


def _check(root: Path, tmp_path: Path, *args: str) -> tuple[int, dict[str, object]]:
    proc = run_cli(
        "check",
        str(root),
        "--output-format",
        "json",
        *args,
        env={"XDG_CACHE_HOME": str(tmp_path / "cache")},
    )
    assert "Traceback" not in proc.stderr, proc.stderr[-2000:]
    data: dict[str, object] = json.loads(proc.stdout)
    return proc.returncode, data


def _codes(data: dict[str, object], plugin: str) -> set[str]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return {f["code"] for f in findings if f["plugin"] == plugin}


def test_a_plugin_cannot_withdraw_its_own_static_refusal(tmp_path: Path) -> None:
    # Before (and still without the flag): the forged "ok" withdrew selfok's PC501 ("the real
    # pluggy check accepted the plugin"); its own process is the only witness of that.
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    (root / "plugins" / "typo.py").unlink()
    (root / "plugins" / "selfok.py").write_text(textwrap.dedent(SELF_OK), encoding="utf-8")
    code, data = _check(root, tmp_path, "--untrusted-plugins")
    assert code == 1
    assert _codes(data, "selfok") == {"PC501"}
    notes = data["notes"]
    assert isinstance(notes, list)
    assert any("selfok: PC501 kept" in n for n in notes), notes
    assert not any("withdrawn" in n for n in notes), notes


def test_a_plugin_cannot_silence_its_own_findings(tmp_path: Path) -> None:
    # Before: "All checks passed", exit 0, for a plugin that aborts at import.
    root = copy_host(TESTDATA / "rules" / "PC501" / "bad", tmp_path / "host")
    (root / "plugins" / "typo.py").unlink()
    (root / "plugins" / "silenced.py").write_text(textwrap.dedent(SILENCED), encoding="utf-8")
    code, data = _check(root, tmp_path, "--untrusted-plugins")
    assert code == 1
    assert {"PC401", "PC501"} <= _codes(data, "silenced")
    assert "PC901" not in _codes(data, "silenced")
    notes = data["notes"]
    assert isinstance(notes, list)
    assert any("2 suppression comments in the plugins' own files" in n for n in notes), notes
