"""The README's Quickstart, followed literally on a host written from scratch."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, run_cli, write_host

pytestmark = pytest.mark.harness


API = """\
from collections.abc import Callable, Mapping
from typing import Protocol


class Plugin(Protocol):
    def init(self, config: Mapping[str, str]) -> None: ...
    def run(self) -> str: ...
    def shutdown(self) -> None: ...


class Registry:
    def add(self, name: str) -> None: ...


Factory = Callable[[], Plugin]
Register = Callable[[Registry], None]
"""

GOOD = """\
from collections.abc import Mapping

from myhost_api import Registry


class Alpha:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config["greeting"]

    def run(self) -> str:
        return self.greeting

    def shutdown(self) -> None:
        pass


def new() -> Alpha:
    return Alpha()


def register_v2(registry: Registry) -> None:
    registry.add("alpha")
"""

PLUGIN_PROJECT = """\
[project]
name = "myhost-{name}"
version = "0.1.0"
dependencies = ["myhost-api>=1.0,<2"]

[project.entry-points."myhost.plugins"]
{name} = "{name}"
"""


def _readme_contract() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quickstart = readme.split("## Quickstart for your host", 1)[1]
    block = re.search(r"```toml\n(.*?)```", quickstart, re.S)
    assert block is not None
    return "\n".join(line.removeprefix("   ") for line in block.group(1).splitlines())


def _host(root: Path) -> Path:
    return write_host(
        root,
        pyproject=_readme_contract(),
        files={
            "src/myhost_api/__init__.py": API,
            "plugins/alpha/src/alpha/__init__.py": GOOD,
            "plugins/alpha/pyproject.toml": PLUGIN_PROJECT.format(name="alpha"),
        },
    )


def test_quickstart_contract_passes_a_good_plugin(tmp_path: Path) -> None:
    """The host's shutdown() takes no timeout: the harness calls it as the protocol declares."""
    root = _host(tmp_path)
    proc = run_cli("check", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "All checks passed: 1 plugin" in proc.stdout


def test_shutdown_called_with_the_deadline_when_the_protocol_takes_one(tmp_path: Path) -> None:
    root = _host(tmp_path)
    api = root / "src" / "myhost_api" / "__init__.py"
    api.write_text(API.replace("def shutdown(self)", "def shutdown(self, timeout: float)"))
    proc = run_cli("check", "--no-mypy", "--select", "PC4", cwd=root)
    assert proc.returncode == 1
    assert "PC408 shutdown(5) raised TypeError" in proc.stdout


def test_a_contract_that_finds_nothing_says_where_it_looked(tmp_path: Path) -> None:
    root = _host(tmp_path)
    text = (root / "pyproject.toml").read_text().replace('"plugins/*"', '"plugin/*"')
    (root / "pyproject.toml").write_text(text)
    proc = run_cli("check", cwd=root)
    assert proc.returncode == 0
    assert "note: contract 'processors' found no plugins (paths plugin/*" in proc.stdout
    assert "entry-point group 'myhost.plugins'" in proc.stdout


def test_shutdown_without_timeout_is_named_as_the_host_calls_it(tmp_path: Path) -> None:
    root = _host(tmp_path)
    plugin = root / "plugins" / "alpha" / "src" / "alpha" / "__init__.py"
    plugin.write_text(
        GOOD.replace(
            "def shutdown(self) -> None:\n        pass",
            'def shutdown(self) -> None:\n        raise RuntimeError("boom")',
        )
    )
    proc = run_cli("check", "--no-mypy", "--select", "PC4", cwd=root)
    assert proc.returncode == 1
    assert "PC408 shutdown() raised RuntimeError: boom" in proc.stdout


def test_unknown_host_api_version_is_a_note(tmp_path: Path) -> None:
    """myhost-api is neither installed nor a project in the repo (the API package is part of
    the host's own project): PC302 cannot judge, and the report says so."""
    root = _host(tmp_path)
    proc = run_cli("check", "--no-dynamic", "--no-mypy", cwd=root)
    assert proc.returncode == 0, proc.stdout
    assert "the host's version of myhost-api is unknown" in proc.stdout
    proc = run_cli("check", "--no-dynamic", "--no-mypy", "--api-version", "1.0", cwd=root)
    assert "unknown" not in proc.stdout


def test_exec_plugins_run_with_the_target_interpreter_first_on_path(tmp_path: Path) -> None:
    """`.venv/bin/plugcheck check` without an activated venv: `#!/usr/bin/env python3` is the
    target's Python (it has the host's packages), not the first python3 on the user's PATH."""
    shutil.copytree(ROOT / "testdata" / "rules" / "PC603" / "good", tmp_path / "host")
    plugin = tmp_path / "host" / "bin" / "hello-greet"
    source = plugin.read_text().replace("import json\n", "import json\n\nimport plugcheck\n", 1)
    plugin.write_text(source)
    proc = run_cli("check", str(tmp_path / "host"), env={"PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_editable_install_of_a_path_plugin_is_one_plugin(tmp_path: Path) -> None:
    """`pip install -e plugins/alpha` into the host's venv: found by path and by entry point
    (site-packages' dist-info, plus the .egg-info setuptools leaves in src/), it is one plugin,
    not a PC003 duplicate of itself."""
    (tmp_path / "host").mkdir()
    root = _host(tmp_path / "host")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    (site,) = venv.glob("lib/python*/site-packages")
    src = root / "plugins" / "alpha" / "src"
    (site / "__editable__.myhost_alpha-0.1.0.pth").write_text(f"{src}\n")
    entry_points = "[myhost.plugins]\nalpha = alpha\n"
    for info in (site / "myhost_alpha-0.1.0.dist-info", src / "myhost_alpha.egg-info"):
        info.mkdir()
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: myhost-alpha\nVersion: 0.1.0\n"
        )
        (info / "entry_points.txt").write_text(entry_points)
    (src / "myhost_alpha.egg-info" / "PKG-INFO").write_text(
        "Metadata-Version: 2.1\nName: myhost-alpha\nVersion: 0.1.0\n"
    )
    proc = run_cli("check", "--python", str(venv / "bin" / "python"), "--no-mypy", cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings in 1 plugin in 1 contract, but the run left out: --no-mypy: " in proc.stdout
