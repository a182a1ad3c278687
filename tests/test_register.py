"""The harness's register step (PC415) and per-plugin harness results in the JSON report."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema

from conftest import ROOT, cli_json

API = """
from collections.abc import Callable, Mapping
from typing import Protocol, runtime_checkable


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...
    def run(self) -> None: ...
    def shutdown(self, timeout: float) -> None: ...


Factory = Callable[[], Plugin]
"""

PLUGIN = """
class P:
    def init(self, config):
        {init}

    def run(self):
        pass

    def shutdown(self, timeout):
        pass


def new():
    return P()
"""


def _project(root: Path, directory: str, name: str, module: str, init: str) -> None:
    path = root / "plugins" / directory
    (path / module).mkdir(parents=True)
    (path / "pyproject.toml").write_text(f'[project]\nname = "{name}"\nversion = "1.0"\n')
    (path / module / "__init__.py").write_text(textwrap.dedent(PLUGIN.format(init=init)))


def test_plugins_sharing_a_name_keep_their_own_harness_steps(tmp_path: Path) -> None:
    (tmp_path / "api" / "hostapi").mkdir(parents=True)
    (tmp_path / "api" / "hostapi" / "__init__.py").write_text(API)
    _project(tmp_path, "original", "same", "original", "pass")
    _project(tmp_path, "fork", "same", "fork", "raise RuntimeError('no')")
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(
            """
            [tool.plugcheck.contracts.t]
            kind = "factory"
            api = "hostapi"
            paths = ["plugins/*"]
            search-path = ["api"]
            [tool.plugcheck.contracts.t.exports]
            new = "hostapi:Factory"
            [tool.plugcheck.contracts.t.lifecycle]
            protocol = "hostapi:Plugin"
            factory = "new"
            deadline = 1.0
            """
        )
    )
    data = cli_json("harness", str(tmp_path))
    schema = json.loads((ROOT / "src" / "plugcheck" / "report" / "report.schema.json").read_text())
    jsonschema.validate(data, schema)
    plugins = {p["module"]: p for p in data["plugins"]}  # type: ignore[union-attr]
    assert {p["name"] for p in plugins.values()} == {"same"}
    init = {
        module: dict((s["step"], s["outcome"]) for s in plugin["harness"])["init"]
        for module, plugin in plugins.items()
    }
    assert init == {"original": "ok", "fork": "raised"}
