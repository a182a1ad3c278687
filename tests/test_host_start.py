"""One plugin that keeps the host from starting is reported once, against it (PC422); the plugins
it kept from being checked say so (PC424, never a pass). OpenStackClient's shape: the host's
``manager`` module reads every extension's ``API_NAME`` while it is imported, and every command
module imports the manager, so one extension without ``API_NAME`` made 826 command plugins fail
their import (826 PC401s) and the extension that did it was one PC101 among them."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json, write_host

pytestmark = pytest.mark.harness

# The host's manager reads every extension's API_NAME while it is imported (PC422's bad case).
MANAGER = (TESTDATA / "rules" / "PC422" / "bad" / "site" / "clihost" / "manager.py").read_text()

COMMAND = """\
from clihost import utils


class Cmd:
    def take_action(self, args):
        return utils.fmt(args)
"""

CONTRACTS = """\
[tool.plugcheck.contracts.ext]
kind = "factory"
api = "clihost"
entry-point-group = "clihost.extension"
preload = ["clihost.manager"]

[tool.plugcheck.contracts.ext.exports]
API_NAME = { kind = "any" }
VERSION = { kind = "any" }

[tool.plugcheck.contracts.cmd]
kind = "factory"
api = "clihost"
entry-point-group = "clihost.cmd"
"""


def _installed(name: str, group: str, module: str, source: str, obj: str = "") -> dict[str, str]:
    info = f"site/{name}-1.0.dist-info"
    return {
        f"site/{module}/__init__.py": source,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
        f"{info}/RECORD": f"{module}/__init__.py,,\n",
        f"{info}/entry_points.txt": f"[{group}]\n{name} = {module}{obj}\n",
    }


def _host(root: Path, *plugins: dict[str, str]) -> dict[str, object]:
    files: dict[str, str] = {
        "pyproject.toml": CONTRACTS,
        "site/clihost/__init__.py": "",
        "site/clihost/manager.py": MANAGER,
        "site/clihost/utils.py": "from clihost import manager\n\n\ndef fmt(x):\n    return x\n",
        "site/clihost-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: clihost\n"
        "Version: 1.0\n",
        **_installed(
            "goodext", "clihost.extension", "ext_good", "API_NAME = 'good'\nVERSION = 1\n"
        ),
    }
    for plugin in plugins:
        files.update(plugin)
    write_host(root, files=files)
    return cli_json("check", "--no-mypy", cwd=root, env={"PYTHONPATH": str(root / "site")})


def _command(name: str, source: str = COMMAND) -> dict[str, str]:
    return _installed(name, "clihost.cmd", f"cmd_{name}", source, ":Cmd")


def test_a_plugin_the_hosts_start_up_reads_is_blamed_once(tmp_path: Path) -> None:
    data = _host(
        tmp_path,
        _installed("noname", "clihost.extension", "ext_noname", "VERSION = 1\n"),
        *(_command(name) for name in ("alpha", "beta", "gamma")),
    )
    findings: list[dict[str, str]] = data["findings"]  # type: ignore[assignment]
    errors = sorted((f["plugin"], f["code"]) for f in findings if f["severity"] == "error")
    assert errors == [("noname", "PC101"), ("noname", "PC422")], findings
    (blamed,) = [f["message"] for f in findings if f["code"] == "PC422"]
    assert blamed == (
        "the host cannot start with noname installed: importing clihost.manager, which the host "
        "does before it loads plugins (contract ext's preload), raised AttributeError: module "
        "'ext_noname' has no attribute 'API_NAME' at manager.py:14, on its module ext_noname; "
        "4 plugins were not checked because of it (goodext, alpha, beta, gamma: PC424)"
    )
    unchecked = {f["plugin"]: f for f in findings if f["code"] == "PC424"}
    assert sorted(unchecked) == ["alpha", "beta", "gamma", "goodext"], findings
    assert all(
        f["related"][0]["path"].endswith("ext_noname/__init__.py") for f in unchecked.values()
    )  # type: ignore[index]
    summary: dict[str, object] = data["summary"]  # type: ignore[assignment]
    assert summary["failed"] is True
    partial = "\n".join(summary["partial"])  # type: ignore[arg-type]
    assert "contract 'cmd': 3 plugins were not checked as the host loads them" in partial


# A command plugin forging the cascade: an AttributeError about an extension's module, raised
# from code that claims to be the host's manager.py.
FORGER = """\
import {target}
from clihost import manager

_FORGED = "raise AttributeError('forged', name='API_NAME', obj={target})"
exec(compile(_FORGED, manager.__file__, "exec"), {{"{target}": {target}}})


class Cmd:
    pass
"""


def test_a_forged_blame_never_turns_a_failure_into_a_pass(tmp_path: Path) -> None:
    """Pointed at a healthy plugin, the forger's failure stays its own error; pointed at a
    plugin that fails on its own, it is PC424, which fails the run all the same."""
    data = _host(
        tmp_path,
        # Broken (no VERSION), yet the host starts: its manager reads only API_NAME.
        _installed("oldext", "clihost.extension", "ext_old", "API_NAME = 'old'\n"),
        _command("healthy"),
        _command("blames_good", FORGER.format(target="ext_good")),
        _command("blames_old", FORGER.format(target="ext_old")),
    )
    findings: list[dict[str, str]] = data["findings"]  # type: ignore[assignment]
    codes = {(f["plugin"], f["code"]) for f in findings}
    assert ("blames_good", "PC401") in codes, findings
    assert not [f for f in findings if f["plugin"] in ("goodext", "healthy")], findings
    assert ("blames_old", "PC424") in codes and ("oldext", "PC101") in codes, findings
    assert data["summary"]["failed"] is True  # type: ignore[index]


def test_a_command_the_host_ships_is_pointed_at_its_own_line(tmp_path: Path) -> None:
    """OpenStackClient ships its commands in its own package, whose files count as theirs: the
    failure is raised in the host's manager.py, and PC424 points at the command's own line that
    led there, not at the host's file."""
    shipped = {
        "site/clihost/commands/__init__.py": "",
        "site/clihost/commands/alpha.py": '"""A command the host ships."""\n\n' + COMMAND,
        "site/clihost-1.0.dist-info/RECORD": "".join(
            f"clihost/{f},,\n"
            for f in ("__init__.py", "manager.py", "utils.py", "commands/__init__.py")
        )
        + "clihost/commands/alpha.py,,\n",
        "site/clihost-1.0.dist-info/entry_points.txt": "[clihost.cmd]\n"
        "alpha = clihost.commands.alpha:Cmd\n",
    }
    data = _host(
        tmp_path, _installed("noname", "clihost.extension", "ext_noname", "VERSION = 1\n"), shipped
    )
    findings: list[dict[str, object]] = data["findings"]  # type: ignore[assignment]
    (alpha,) = [f for f in findings if f["code"] == "PC424" and f["plugin"] == "alpha"]
    assert (Path(str(alpha["path"])).parts[-3:], alpha["line"]) == (
        ("clihost", "commands", "alpha.py"),
        3,
    ), alpha
    assert "at manager.py:14" in str(alpha["message"])
