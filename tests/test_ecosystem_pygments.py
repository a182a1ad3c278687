"""Proof on a second real untyped host: Pygments (no py.typed) with contracts naming its types.

Pygments loads every entry point of its `pygments.lexers` and `pygments.styles` groups with
`ep.load()` (pygments.plugin) and uses the class it gets: a Lexer, a Style. A contract that types
those entry points with Pygments' own classes makes mypy meet a host without type information:
the run must go to the end (no exit 2), judge each plugin (a "cannot verify statically" info where
mypy sees Any), give no error to the plugins Pygments loads, and name the cause of the one it
cannot load: pygments-dracula 0.1 imports `dracula`, which it does not declare.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _run, _site

from conftest import run_cli

pytestmark = pytest.mark.slow

HOST = ["pygments==2.21.0"]
PLUGINS = [
    "catppuccin==2.5.0",
    "pygments-ansi-color==0.3.0",
    "pygments-graphql==1.0.0",
    "pygments-github-lexers==0.0.5",
    "pygments-arm==0.7.5",
]
BROKEN = ["pygments-dracula==0.1"]

CONTRACT = """\
[tool.plugcheck.contracts.lexers]
kind = "factory"
entry-point-group = "pygments.lexers"
entry-point-object = { type = "pygments.lexer:Lexer", kind = "class" }
host-packages = ["pygments"]

[tool.plugcheck.contracts.styles]
kind = "factory"
entry-point-group = "pygments.styles"
entry-point-object = { type = "pygments.style:Style", kind = "class" }
host-packages = ["pygments"]
"""

_LOADER = """
from pygments.plugin import iter_entry_points
for group in ("pygments.lexers", "pygments.styles"):
    for ep in iter_entry_points(group):
        try:
            ep.load()
            print(ep.name, "ok")
        except Exception as exc:
            print(ep.name, "fails:", type(exc).__name__, exc)
"""
KNOWN_NOISE: set[tuple[str, str]] = set()
"""None: pygments-ansi-color fills a module-level dict of its own at import time, which PC110
reports as info (nothing the host sees)."""


@pytest.fixture(scope="module")
def venv() -> Path:
    return _cached_venv("ecosystem-pygments", [*HOST, *PLUGINS], BROKEN)


@pytest.mark.harness
def test_pygments_as_an_untyped_host(venv: Path, tmp_path: Path) -> None:
    assert not (_site(venv) / "pygments" / "py.typed").exists()
    loaded = dict(
        line.split(" ", 1) for line in _run(venv, "-c", _LOADER).stdout.splitlines() if line
    )
    assert loaded.pop("dracula") == "fails: ModuleNotFoundError No module named 'dracula'"
    assert set(loaded.values()) == {"ok"} and len(loaded) >= 10, loaded

    (tmp_path / "pyproject.toml").write_text(CONTRACT)
    proc = run_cli("check", str(tmp_path), "--python", str(venv), "--output-format", "json")
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert not data["errors"], data["errors"]
    assert set(loaded) | {"dracula"} == {p["name"] for p in data["plugins"]}
    noise = {
        (f["plugin"], f["code"])
        for f in data["findings"]
        if f["plugin"] in loaded and f["severity"] != "info"
    }
    assert noise == KNOWN_NOISE
    found = [f for f in data["findings"] if f["plugin"] == "dracula"]
    assert found and found[0]["code"] == "PC309", found
    assert "dracula is not installed" in found[0]["message"]
