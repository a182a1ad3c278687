"""PC309 for a module the plugin's distribution declares only under an extra: a warning where
the host goes on without a plugin whose import fails (``skips-failed-imports``), an error where
it stops at start-up (the default: pytest, flake8 and most hosts), and the harness's failed
import of it is reported once either way."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json

pytestmark = pytest.mark.harness

CASE = TESTDATA / "rules" / "PC309" / "bad-optional-extra"


def _severities(root: Path) -> dict[tuple[str, str], str]:
    data = cli_json("check", str(root), env={"PYTHONPATH": str(root / "site")})
    findings: list[dict[str, object]] = data["findings"]  # type: ignore[assignment]
    return {
        (Path(str(f["path"])).name, str(f["code"])): str(f["severity"])
        for f in findings
        if f["code"] in ("PC309", "PC401")
    }


def test_a_host_that_skips_failed_imports_warns(tmp_path: Path) -> None:
    root = Path(shutil.copytree(CASE, tmp_path / "case"))
    assert _severities(root) == {
        ("yapf_format.py", "PC309"): "warning",
        ("spelling.py", "PC309"): "error",
    }


def test_a_host_that_stops_at_start_up_errs(tmp_path: Path) -> None:
    root = Path(shutil.copytree(CASE, tmp_path / "case"))
    config = root / "pyproject.toml"
    config.write_text(config.read_text().replace("skips-failed-imports = true\n", ""))
    assert _severities(root) == {
        ("yapf_format.py", "PC309"): "error",
        ("spelling.py", "PC309"): "error",
    }
