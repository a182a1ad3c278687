"""Flask as a real host in the slow suite: entry points of `flask.commands` name click commands,
which FlaskGroup._load_plugin_commands() adds on every `flask` command, with no try
(examples/contracts/flask.toml).

As in test_ecosystems.py: a cached venv with the pinned host and real PyPI plugins; loading each
entry point as Flask does (`ep.load()`, then add_command) is the oracle, run first. Flask-Assets
0.12 imports `_request_ctx_stack`, gone in Flask 3: Flask itself fails to load it. plugcheck must
give no error and no warning to the plugins Flask loads, and name the cause for the one it does
not, with the shipped contract and with `plugcheck init`'s proposal, unedited.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _run, _site

from conftest import run_cli

pytestmark = pytest.mark.slow

PINS = ["flask==3.1.3", "flask-tailwind==0.2.2", "Flask-Assets==0.12"]
HEALTHY = {"tailwind"}
BROKEN = "assets"

_ORACLE = """
import importlib.metadata as md, json
from flask.cli import FlaskGroup
out = {}
for ep in md.entry_points(group="flask.commands"):
    try:
        FlaskGroup().add_command(ep.load(), ep.name)
        out[ep.name] = "ok"
    except Exception as exc:
        out[ep.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(out))
"""


def _judged(data: dict[str, object]) -> tuple[list[tuple[str, str]], list[dict[str, str]]]:
    findings: list[dict[str, str]] = data["findings"]  # type: ignore[assignment]
    noise = [
        (f["plugin"], f["code"])
        for f in findings
        if f["plugin"] in HEALTHY and f["severity"] != "info"
    ]
    return noise, [f for f in findings if f["plugin"] == BROKEN and f["severity"] == "error"]


@pytest.mark.harness
def test_flask_commands(tmp_path: Path) -> None:
    python = _cached_venv("flask", PINS, [])
    loads = json.loads(_run(python, "-c", _ORACLE).stdout)
    assert {name for name, said in loads.items() if said == "ok"} == HEALTHY, loads
    assert "_request_ctx_stack" in loads[BROKEN], loads

    noise, broken = _judged(_check(python, "flask.toml"))
    assert noise == []
    assert [f["code"] for f in broken] == ["PC530"], broken
    assert "_request_ctx_stack" in broken[0]["message"]

    # `plugcheck init` on Flask, unedited: the group and host package are found.
    proc = run_cli("init", str(_site(python) / "flask"))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-group = "flask.commands"' in proc.stdout
    # add_command(cmd: Command) of click's Group, two bases above FlaskGroup.
    assert 'entry-point-object = { type = "click.core:Command", kind = "instance" }' in proc.stdout
    # locate_app's create_app/make_app lookup names the user's app module, not a command.
    assert "create_app" not in proc.stdout.partition("# the host also imports")[0]
    host = tmp_path / "host"
    host.mkdir()
    (host / "pyproject.toml").write_text(proc.stdout)
    checked = run_cli("check", str(host), "--python", str(python), "--output-format", "json")
    assert checked.returncode == 1, checked.stderr
    noise, broken = _judged(json.loads(checked.stdout))
    assert noise == []
    assert [f["code"] for f in broken] == ["PC530"], broken
