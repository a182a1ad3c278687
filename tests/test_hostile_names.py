"""A plugin's name holding escapes: its findings name it printably, and every check that matches
findings to plugins does it by that name (red team red23)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTDATA, copy_host, run_cli

pytestmark = pytest.mark.harness

# An escape, then a zero-width space: invisible in a terminal, both escaped in every report.
NAME = b"ev\x1bil\xe2\x80\x8b"
SHOWN = "ev\\x1bil\\u200b"


def _host(tmp_path: Path, module: str) -> Path:
    """PC002/good's installed distribution, plus an entry point named ``NAME`` for ``module``."""
    root = copy_host(TESTDATA / "rules" / "PC002" / "good", tmp_path / "host")
    (root / "site" / "real_plugin-1.0.dist-info" / "entry_points.txt").write_bytes(
        b"[demo.plugins]\nreal = real_plugin.main:new\n" + NAME + f" = {module}\n".encode()
    )
    return root


def test_pytest_plugcheck_fails_a_broken_plugin_whatever_its_name(tmp_path: Path) -> None:
    # The item matched its plugin's findings by the raw name, the findings carry the escaped
    # one: the broken plugin's item passed ("2 passed", exit 0) while `plugcheck check` said 1,
    # and pytest printed the raw escape in its node id.
    root = _host(tmp_path, "real_plugin.nope:new")
    (tmp_path / "pytest.ini").write_text("[pytest]\n")  # keep this repo's addopts out
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(PYTHONPATH=str(root / "site"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-v", "--plugcheck",
         "--plugcheck-config", str(root / "pyproject.toml"), "--plugcheck-static-only"],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert f"demo::{SHOWN} FAILED" in proc.stdout, proc.stdout[-3000:]
    assert "demo::real PASSED" in proc.stdout
    assert "PC002" in proc.stdout
    assert "\x1b" not in proc.stdout.replace("\x1b[0m", "")


def test_a_plugin_linked_out_of_the_tree_is_not_imported_whatever_its_name(
    tmp_path: Path,
) -> None:
    # PC427 says the plugin is never imported; the harness skipped it by name, matched raw
    # against the escaped finding: it imported the linked file, and without confinement its
    # NameError quoted the secret (`name 'hunter2' is not defined`).
    secret = tmp_path / "elsewhere" / "credentials"
    secret.parent.mkdir()
    secret.write_text("hunter2 = x\n")
    root = _host(tmp_path, "real_plugin.leak:new")
    (root / "site" / "real_plugin" / "leak.py").symlink_to(secret)
    proc = run_cli(
        "check", str(root), "--no-mypy", "--no-confinement",
        env={"PYTHONPATH": str(root / "site"), "XDG_CACHE_HOME": str(tmp_path / "cache")},
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "PC427 leak.py links outside the checked tree" in proc.stdout, proc.stdout
    assert f"harness: skipped {SHOWN}: PC427" in proc.stdout, proc.stdout
    assert "hunter2" not in proc.stdout + proc.stderr
    assert "PC401" not in proc.stdout
