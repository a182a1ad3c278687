"""The harness's register step (PC415) and per-plugin harness results in the JSON report."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT, TESTDATA, cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


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
    write_host(
        root / "plugins" / directory,
        files={
            "pyproject.toml": f'[project]\nname = "{name}"\nversion = "1.0"\n',
            f"{module}/__init__.py": textwrap.dedent(PLUGIN.format(init=init)),
        },
    )


def test_plugins_sharing_a_name_keep_their_own_harness_steps(tmp_path: Path) -> None:
    _project(tmp_path, "original", "same", "original", "pass")
    _project(tmp_path, "fork", "same", "fork", "raise RuntimeError('no')")
    write_host(
        tmp_path,
        {"hostapi": API},
        pyproject=textwrap.dedent(
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
        ),
    )
    data = cli_json("harness", str(tmp_path), here=True)
    schema = json.loads((ROOT / "src" / "plugcheck" / "report" / "report.schema.json").read_text())
    jsonschema.validate(data, schema)
    plugins = {p["module"]: p for p in data["plugins"]}  # type: ignore[union-attr]
    assert {p["name"] for p in plugins.values()} == {"same"}
    init = {
        module: dict((s["step"], s["outcome"]) for s in plugin["harness"])["init"]
        for module, plugin in plugins.items()
    }
    assert init == {"original": "ok", "fork": "raised"}


CASE = TESTDATA / "rules" / "PC415"


def _host(root: Path, hook: str, lifecycle: str) -> Path:
    """The PC415 case's API with one plugin whose register_v2 body is ``hook``."""
    echo = (CASE / "good" / "plugins" / "echo.py").read_text().split("\n\ndef register_v2")[0]
    body = textwrap.indent(textwrap.dedent(hook), "    ")
    config = (CASE / "good" / "pyproject.toml").read_text()
    config = config.split("[tool.plugcheck.contracts.demo.lifecycle]")[0]
    return write_host(
        root,
        {"plugapi": (CASE / "good" / "api" / "plugapi" / "__init__.py").read_text()},
        {"hooked": f"{echo}\n\ndef register_v2(registry):\n{body}"},
        config + "[tool.plugcheck.contracts.demo.lifecycle]\n" + textwrap.dedent(lifecycle),
    )


LIFECYCLE = """
    protocol = "plugapi:Plugin"
    factory = "new"
    deadline = 1.0
"""
WITH_REGISTRY = LIFECYCLE + 'register = "register"\nregistry = "plugapi:Registry"\n'


def _steps(data: object) -> list[tuple[str, str]]:
    (plugin,) = data["plugins"]  # type: ignore[index]
    return [(s["step"], s["outcome"]) for s in plugin["harness"]]


def test_register_step_runs_before_the_factory_with_the_contracts_registry(
    tmp_path: Path,
) -> None:
    root = _host(tmp_path, 'registry.add("hooked", new)', WITH_REGISTRY)
    data = cli_json("harness", str(root), here=True)
    assert data["findings"] == []  # type: ignore[index]
    # `plugcheck harness` read no plugin's source: its summary never says "All checks passed"
    # (red team red52).
    left_out = data["summary"]["partial"]  # type: ignore[index]
    assert "plugcheck harness: no static rule read the plugins' source" in left_out, left_out
    assert _steps(data)[:4] == [
        ("import", "ok"),
        ("lookup", "ok"),
        ("register", "ok"),
        ("factory", "ok"),
    ]


def test_register_step_is_skipped_without_a_registry(tmp_path: Path) -> None:
    # The hook would raise, but nothing tells the harness how to build its argument.
    root = _host(tmp_path, 'raise RuntimeError("never called")', LIFECYCLE)
    data = cli_json("harness", str(root), here=True)
    assert data["findings"] == []  # type: ignore[index]
    assert ("register", "skipped") in _steps(data)


def test_register_hook_that_hangs_is_stopped_at_the_deadline(tmp_path: Path) -> None:
    root = _host(tmp_path, "import time\ntime.sleep(60)", WITH_REGISTRY)
    proc = run_cli_here("harness", str(root))
    assert proc.returncode == 1, proc.stderr
    (line,) = [x for x in proc.stdout.splitlines() if " PC415 " in x]
    assert "register_v2(registry) did not finish within 1 s" in line
    assert "hooked.py:" in line


def test_registry_without_len_is_counted_through_its_containers(tmp_path: Path) -> None:
    # The PC415 API's Registry has no __len__: its dict attribute is what would grow.
    root = _host(tmp_path, "registry.seen = True", WITH_REGISTRY)
    proc = run_cli_here("harness", str(root))
    assert proc.returncode == 1, proc.stderr
    assert "PC415 (warning) register_v2(registry) returned without adding anything" in (proc.stdout)


@pytest.mark.parametrize(
    ("lifecycle", "message"),
    [
        (LIFECYCLE + 'registry = "plugapi:Registry"\n', '"register" (the hook export)'),
        (
            LIFECYCLE + 'register = "nope"\nregistry = "plugapi:Registry"\n',
            "lifecycle.register: 'nope' is not one of the contract's exports",
        ),
        (
            LIFECYCLE + 'register = "register"\nregistry = "Registry"\n',
            "lifecycle.registry: 'Registry' is not a type reference",
        ),
    ],
)
def test_register_and_registry_are_validated(tmp_path: Path, lifecycle: str, message: str) -> None:
    root = _host(tmp_path, 'registry.add("hooked", new)', lifecycle)
    proc = run_cli_here("harness", str(root))
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_registry_that_cannot_be_built_leaves_the_step_unchecked(tmp_path: Path) -> None:
    # A Protocol class cannot be instantiated: the contract is wrong, and the register step
    # cannot run, which is said (PC417), never passed over silently.
    lifecycle = LIFECYCLE + 'register = "register"\nregistry = "plugapi:Plugin"\n'
    root = _host(tmp_path, 'registry.add("hooked", new)', lifecycle)
    data = cli_json("harness", str(root), here=True)
    (finding,) = data["findings"]  # type: ignore[misc]
    assert finding["code"] == "PC417"
    assert "cannot build plugapi:Plugin(): TypeError" in finding["message"]
    assert ("register", "skipped") in _steps(data)
