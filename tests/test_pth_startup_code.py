"""A ``.pth`` line of an installed plugin runs at every start of the target interpreter,
plugcheck's own processes there included (red team, issue 12): it is PC356, an error under
``--untrusted-plugins``, and the processes plugcheck starts outside the harness (the environment
query, mypy's search-path probe) never show it plugcheck's secrets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

pytestmark = pytest.mark.harness

BOOT = """import json, os, sys
with open(os.environ.get("PTH_SPY_DIR", {spy!r}) + f"/{{os.getpid()}}.json", "w") as out:
    json.dump({{"argv": sys.argv, "env": sorted(os.environ)}}, out)
"""


def _target(tmp_path: Path, spy: Path) -> Path:
    """A venv whose site-packages holds the plugin ``spyplug`` (entry point of demo.styles) and
    its ``spyplug.pth``, which records every interpreter start's argv and environment names."""
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(env)
    (site,) = env.glob("lib/python3*/site-packages")
    (site / "spyplug").mkdir()
    (site / "spyplug" / "__init__.py").write_text("class Style:\n    pass\n")
    (site / "spyplug_boot.py").write_text(BOOT.format(spy=str(spy)))
    (site / "spyplug.pth").write_text("import spyplug_boot\n")
    info = site / "spyplug-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: spyplug\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[demo.styles]\nspy = spyplug:Style\n")
    (info / "RECORD").write_text(
        "spyplug/__init__.py,,\nspyplug_boot.py,,\nspyplug.pth,,\n"
        "spyplug-1.0.dist-info/METADATA,,\nspyplug-1.0.dist-info/RECORD,,\n"
    )
    return env / "bin" / "python"


def test_pth_code_is_reported_and_sees_no_secret(tmp_path: Path) -> None:
    spy = tmp_path / "spy"
    spy.mkdir()
    python = _target(tmp_path, spy)
    host = tmp_path / "host"
    host.mkdir()
    (host / "pyproject.toml").write_text(
        '[tool.plugcheck.contracts.styles]\nkind = "factory"\nentry-point-group = "demo.styles"\n'
    )
    env = {
        **os.environ,
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "CI_SECRET_TOKEN": "do-not-leak",
        "NO_COLOR": "1",
    }
    command = [sys.executable, "-m", "plugcheck", "check", "--output-format", "json"]
    command += ["--python", str(python), str(host)]
    proc = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    data = json.loads(proc.stdout)
    (finding,) = [f for f in data["findings"] if f["code"] == "PC356"]
    assert finding["severity"] == "warning" and "spyplug.pth" in finding["message"]
    starts = [json.loads(p.read_text()) for p in spy.glob("*.json")]
    assert starts, "the .pth line never ran: the test proves nothing"
    query = [s for s in starts if any("_query" in a for a in s["argv"])]
    assert query, starts
    for start in starts:
        assert "CI_SECRET_TOKEN" not in start["env"], start["argv"]

    untrusted = subprocess.run(
        [*command[:4], "--untrusted-plugins", *command[4:]],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    data = json.loads(untrusted.stdout)
    (finding,) = [f for f in data["findings"] if f["code"] == "PC356"]
    assert finding["severity"] == "error"
    assert untrusted.returncode == 1
