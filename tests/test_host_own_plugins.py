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


def test_whose_import_time_work_it_is(tmp_path: Path) -> None:
    """A library's own import (`import chatty`, whose body runs a subprocess, as GitPython's
    refresh() runs `git version`) is that library's work: PC411 information naming it. An
    environment change at import is information where a pluggy host imports every plugin of
    its group only to register it on every run (tox-pdm's os.environ.pop), a warning where the
    host imports plugins in other ways."""
    site = tmp_path / "site"
    (site / "hosty").mkdir(parents=True)
    (site / "hosty" / "__init__.py").write_text("")
    (site / "hosty" / "spec.py").write_text(
        'import pluggy\n\nhookspec = pluggy.HookspecMarker("hosty")\n\n\n'
        "@hookspec\ndef hosty_start():\n    pass\n"
    )
    (site / "chatty.py").write_text('import subprocess\n\nsubprocess.run(["true"])\n')
    (site / "libby").mkdir()  # a package: its own directory is the plugin's
    (site / "libby" / "__init__.py").write_text("import chatty\n")
    (site / "selfy.py").write_text('import subprocess\n\nsubprocess.run(["true"])\n')
    # Its own call, one line below an import, in a decorator no static rule reads; the form feed
    # in its comment ends no line for Python (str.splitlines() read line 3 as line 4: the
    # event was `import subprocess`'s, information, exit 0; red team red56).
    (site / "shifty.py").write_text(
        '# shifty\x0c\ndef told(cls):\n    import subprocess\n    subprocess.run(["true"])\n'
        "    return cls\n\n\n@told\nclass Backend:\n    pass\n"
    )
    env_write = 'import os\n\nos.environ.pop("NO_SITE", None)\n'
    (site / "envy.py").write_text(env_write)
    (site / "envy_hook.py").write_text(env_write)
    _dist(site, "libby", "hosty.backends", {"libby": "libby"})
    _dist(site, "selfy", "hosty.backends", {"selfy": "selfy"})
    _dist(site, "shifty", "hosty.backends", {"shifty": "shifty"})
    _dist(site, "envy", "hosty.backends", {"envy": "envy"})
    _dist(site, "envy-hook", "hosty.hooks", {"envy_hook": "envy_hook"})
    root = write_host(
        tmp_path / "host",
        pyproject="[tool.plugcheck.contracts.backends]\n"
        'kind = "factory"\n'
        'entry-point-group = "hosty.backends"\n'
        'host-packages = ["hosty"]\n'
        "keyed-by-name = false\n\n"
        "[tool.plugcheck.contracts.hooks]\n"
        'kind = "pluggy"\n'
        'entry-point-group = "hosty.hooks"\n\n'
        "[tool.plugcheck.contracts.hooks.pluggy]\n"
        'project = "hosty"\n'
        'hookspecs = ["hosty.spec"]\n',
    )
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    proc = run_cli("check", str(root), "--output-format", "json", env={"PYTHONPATH": path})
    assert proc.returncode in (0, 1), proc.stderr
    findings = json.loads(proc.stdout)["findings"]
    found = {
        (f["plugin"], f["code"], f["severity"]) for f in findings if f["code"] in {"PC110", "PC411"}
    }
    assert found == {
        ("libby", "PC411", "info"),
        ("selfy", "PC110", "warning"),  # PC411 says nothing more: PC110 reports it
        ("shifty", "PC411", "warning"),  # a decorator's work: no static rule reads it
        ("envy", "PC110", "warning"),
        ("envy_hook", "PC110", "info"),
    }, found
    (libby,) = [f for f in findings if f["plugin"] == "libby"]
    assert "the import of chatty" in libby["message"]
    # A plugin module checked by path whose package makes that import (mypy's
    # trio_typing.plugin: `import trio` in trio_typing/__init__.py): importing the module runs
    # its package first, and the library's work is still the library's.
    (site / "pkgy").mkdir()
    (site / "pkgy" / "__init__.py").write_text("import chatty\n")
    (site / "pkgy" / "plugin.py").write_text("")
    config = tmp_path / "modules.toml"
    config.write_text('[tool.plugcheck.contracts.modules]\nkind = "factory"\npaths = ["mods/*"]\n')
    proc = run_cli(
        "check", "--config", str(config), os.path.relpath(site / "pkgy" / "plugin.py"),
        "--output-format", "json", env={"PYTHONPATH": path},
    )  # fmt: skip
    assert proc.returncode in (0, 1), proc.stderr
    found = {(f["plugin"], f["code"], f["severity"]) for f in json.loads(proc.stdout)["findings"]}
    assert found == {("pkgy.plugin", "PC411", "info")}, found


def test_the_hosts_own_pth_line_is_the_hosts_start_up(tmp_path: Path) -> None:
    """setuptools installs distutils-precedence.pth and advertises 46 entry points of its own
    groups: each of those plugins got the same PC356 warning under init's proposal. The host's
    own line is information there; a plugin distribution's line stays a warning."""
    site = tmp_path / "site-packages"  # where site runs a .pth
    for name, module in (("hosty", "hosty/backends/native.py"), ("thirdy-backend", "thirdy.py")):
        (site / module).parent.mkdir(parents=True, exist_ok=True)
        (site / module).write_text("")
        (site / f"{name}.pth").write_text("import os; os.environ.setdefault('X', '1')\n")
    (site / "hosty" / "__init__.py").write_text("")
    (site / "hosty" / "backends" / "__init__.py").write_text("")
    _dist(site, "hosty", "hosty.backends", {"native": "hosty.backends.native"})
    _dist(site, "thirdy-backend", "hosty.backends", {"thirdy": "thirdy"})
    for name in ("hosty", "thirdy-backend"):
        (site / f"{name}-1.0.dist-info" / "RECORD").write_text(f"{name}.pth,,\n")
    root = write_host(
        tmp_path / "host",
        pyproject="[tool.plugcheck.contracts.backends]\n"
        'kind = "factory"\n'
        'entry-point-group = "hosty.backends"\n'
        'api-distribution = "hosty"\n',
    )
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    proc = run_cli(
        "check", str(root), "--no-dynamic", "--output-format", "json", env={"PYTHONPATH": path}
    )
    assert proc.returncode in (0, 1), proc.stderr
    found = {
        (f["plugin"], f["severity"])
        for f in json.loads(proc.stdout)["findings"]
        if f["code"] == "PC356"
    }
    assert found == {("native", "info"), ("thirdy", "warning")}, found
