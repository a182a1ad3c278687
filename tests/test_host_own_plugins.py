"""A plugin the host's own distribution ships (keyring's built-in backends, advertised in its
own entry-point group): what its import does is the host's work, done on every host run and
changed by no plugin author, so the harness reports it as information. The same work in a
plugin of another distribution stays a warning."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import run_cli, write_host

pytestmark = pytest.mark.harness

WORK = (
    'import ctypes.util\nimport subprocess\n\n_LIB = ctypes.util.find_library("nonesuch")\n'
    'subprocess.run(["true"])\n'
)


def _dist(site: Path, name: str, group: str, entries: dict[str, str]) -> None:
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    lines = "".join(f"{k} = {v}\n" for k, v in entries.items())
    (info / "entry_points.txt").write_text(f"[{group}]\n{lines}")


def test_the_hosts_own_plugin_does_the_hosts_work(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "hosty" / "backends").mkdir(parents=True)
    (site / "hosty" / "__init__.py").write_text("")
    (site / "hosty" / "backends" / "__init__.py").write_text("")
    (site / "hosty" / "backends" / "native.py").write_text(WORK)
    (site / "thirdy_backend").mkdir()
    (site / "thirdy_backend" / "__init__.py").write_text(WORK)
    _dist(site, "hosty", "hosty.backends", {"native": "hosty.backends.native"})
    _dist(site, "thirdy-backend", "hosty.backends", {"thirdy": "thirdy_backend"})
    root = write_host(
        tmp_path / "host",
        pyproject="[tool.plugcheck.contracts.backends]\n"
        'kind = "factory"\n'
        'entry-point-group = "hosty.backends"\n'
        'api-distribution = "hosty"\n'
        'host-packages = ["hosty"]\n'
        "keyed-by-name = false\n",
    )
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    proc = run_cli("check", str(root), "--output-format", "json", env={"PYTHONPATH": path})
    assert proc.returncode in (0, 1), proc.stderr
    found = {(f["plugin"], f["code"], f["severity"]) for f in json.loads(proc.stdout)["findings"]}
    # subprocess.run at import: PC110 (static); find_library's ldconfig: PC411 (the harness).
    assert found == {
        ("native", "PC110", "info"),
        ("native", "PC411", "info"),
        ("thirdy", "PC110", "warning"),
        ("thirdy", "PC411", "warning"),
    }, found
