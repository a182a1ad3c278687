"""Plugin files are parsed with the grammar of the target interpreter (``--python``)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json

pytestmark = pytest.mark.harness


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
    data = cli_json("check", str(MODERN), "--python", str(OLDER), "--select", "PC001")
    findings = data["findings"]
    assert isinstance(findings, list)
    assert [f["code"] for f in findings] == ["PC001"]
    assert "the target is Python 3." in findings[0]["message"]


def test_same_version_target_parses() -> None:
    data = cli_json("check", str(MODERN), "--python", sys.executable, "--select", "PC001")
    assert data["findings"] == []
