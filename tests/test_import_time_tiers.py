"""PC110's two tiers: import-time work the host sees is a warning that says what the host sees;
work that only builds the plugin's own objects is information, which fails no run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import run_check, run_cli, write_host

pytestmark = pytest.mark.harness

CONTRACT = """
[tool.plugcheck.contracts.mods]
kind = "factory"
paths = ["plugins/*.py"]
"""

# Found on real plugins that load fine: coverage-pyver-pragma builds its pyparsing grammar,
# beets-yearfixer exec()s the about.py it ships, httpie-edgegrid extends an object it imported.
OWN_WORK = """
import os
from pathlib import Path

from argparse import ArgumentParser

parser = ArgumentParser()


class Tag:
    def set_parse_action(self, action):
        self.action = action


VERSION_TAG = Tag()
VERSION_TAG.set_parse_action(str)
TABLE = {}
for name in ("a", "b"):
    TABLE[name] = name.upper()
about = {}
about_path = os.path.join(os.path.dirname(__file__), "about.py")
with open(about_path) as about_file:
    exec(about_file.read(), about)
TEMPLATE = (Path(__file__).parent / "template.txt").read_text()
parser.add_argument("--edgegrid-config")
"""

HOST_WORK = """
import logging
import os
import sys


def _configure():
    logging.basicConfig()


os.environ["FORCE_COLOR"] = "1"
os.environ.pop("NO_SITE_PACKAGES", None)
for module in [m for m in sys.modules if m.startswith("helpers")]:
    if module in sys.modules:
        del sys.modules[module]
sys.path.insert(0, "/opt/extra")
SETTINGS = open("settings.json").read()
_configure()
"""


def _findings(tmp_path: Path, source: str) -> list[tuple[int, str, str]]:
    root = write_host(tmp_path, {}, {"mod": source}, CONTRACT, files={"plugins/about.py": ""})
    report = run_check(root, mypy=False, dynamic=False)
    return sorted(
        (f.location.line, f.severity.value, f.message) for f in report.findings if f.code == "PC110"
    )


def test_work_on_the_plugins_own_objects_is_information(tmp_path: Path) -> None:
    found = _findings(tmp_path, OWN_WORK)
    assert [(line, severity) for line, severity, _ in found] == [
        (16, "info"),  # VERSION_TAG.set_parse_action(str): its own object
        (18, "info"),  # a loop filling its own dict
        (22, "info"),  # opens and exec()s a file next to its __file__
        (24, "info"),  # reads a file next to its __file__
        (25, "info"),  # parser.add_argument(...): an object's method, no effect the host sees
    ]


def test_work_the_host_sees_is_a_warning_that_says_what(tmp_path: Path) -> None:
    found = _findings(tmp_path, HOST_WORK)
    # Line 16, sys.path.insert(...), is PC353's alone (test_a_path_hack_at_import_is_one_finding).
    assert [(line, severity) for line, severity, _ in found] == [
        (11, "warning"),
        (12, "warning"),
        (13, "warning"),
        (17, "warning"),
        (18, "warning"),
    ]
    messages = [message for _, _, message in found]
    assert (
        "assignment to os.environ[...] runs when the host imports the plugin and changes "
        in (messages[0])
    )
    assert "the host's environment variables" in messages[1]
    assert (
        "`for` loop runs when the host imports the plugin and changes the host's loaded "
        in (messages[2])
    )
    assert "reads a file the plugin does not ship" in messages[3]
    # A call of the module's own function is followed into its body.
    assert (
        "call to _configure() runs when the host imports the plugin and configures "
        in (messages[4])
    )


def test_a_path_hack_at_import_is_one_finding(tmp_path: Path) -> None:
    """sys.path and sys.modules changes at import: PC353 (a second module object) says it runs
    on import; PC110 does not report the same statement again."""
    root = write_host(tmp_path, {}, {"mod": HOST_WORK}, CONTRACT, files={"plugins/about.py": ""})
    report = run_check(root, mypy=False, dynamic=False)
    at_16 = [(f.code, f.message) for f in report.findings if f.location.line == 16]
    assert [code for code, _ in at_16] == ["PC353"], at_16
    assert "runs when the host imports the plugin" in at_16[0][1]


# virtualenv-multipython 0.5.1: logging.basicConfig() only under its own debug switch.
SWITCHED = """
import logging
import os

DEBUG = bool(os.environ.get("MULTIPYTHON_DEBUG", False))
if DEBUG:
    try:
        from loguru import logger
    except ImportError:
        logging.basicConfig(level=logging.DEBUG)
if os.getenv("MULTIPYTHON_TRACE") and DEBUG:
    print("tracing")
if os.environ.get("CI"):
    os.environ["FORCE_COLOR"] = "1"
if "MULTIPYTHON_QUIET" in os.environ:
    pass
else:
    print("loud")
"""


def test_work_behind_the_plugins_own_switch_is_information(tmp_path: Path) -> None:
    """A branch taken only when a variable named after the plugin is set runs on no default
    host run; a variable of no particular owner (CI), or the branch taken when the switch is
    unset, is the host's default run."""
    root = write_host(tmp_path, {}, {"multipython": SWITCHED}, CONTRACT)
    report = run_check(root, mypy=False, dynamic=False)
    found = sorted(
        (f.location.line, f.severity.value, f.message) for f in report.findings if f.code == "PC110"
    )
    assert [(line, severity) for line, severity, _ in found] == [
        (10, "info"),
        (12, "info"),
        (14, "warning"),
        (18, "warning"),
    ]
    assert (
        "runs only when MULTIPYTHON_DEBUG is set and configures the host's logging" in (found[0][2])
    )


# coverage_pyver_pragma 0.4.0's shape: it imports domdf_python_tools, then removes every
# domdf_python_tools entry from sys.modules so coverage measures that dependency afresh.
RESETS = """
import sys

import helperlib
import hostlib

for module in [m for m in sys.modules if m.startswith("helperlib")]:
    if module in sys.modules:
        del sys.modules[module]
for module in list(sys.modules):
    if module.startswith(("hostlib", "helperlib")):
        sys.modules.pop(module)
del sys.modules["otherlib"]
sys.modules.pop("helperlib.sub", None)
"""


def _installed(site: Path, name: str, files: dict[str, str], requires: list[str]) -> None:
    for path, text in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text)
    info = site / f"{name}-1.0.dist-info"
    info.mkdir(parents=True)
    needs = "".join(f"Requires-Dist: {r}\n" for r in requires)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n{needs}")
    (info / "RECORD").write_text("".join(f"{p},,\n" for p in [*files, f"{info.name}/RECORD"]))


def test_removing_only_its_own_dependencys_modules_is_information(tmp_path: Path) -> None:
    """A plugin that removes sys.modules entries of a distribution it declares, and the host
    does not require, changes no object the host holds: info, naming the distribution (read from
    the plugin's installed RECORD and METADATA). The same removal of the host's modules (the
    api-distribution, also declared by the plugin), of a distribution it does not declare, or of
    names mixed with the host's stays a warning."""
    site = tmp_path / "site"
    _installed(site, "hostlib", {"hostlib/__init__.py": ""}, ["hostdep"])
    _installed(site, "hostdep", {"hostdep.py": ""}, [])
    _installed(site, "helperlib", {"helperlib/__init__.py": "", "helperlib/sub.py": ""}, [])
    _installed(site, "otherlib", {"otherlib.py": ""}, [])
    _installed(site, "resetplug", {"resetplug.py": RESETS}, ["hostlib>=1", "helperlib"])
    root = write_host(
        tmp_path / "host",
        pyproject='[tool.plugcheck.contracts.cov]\nkind = "factory"\npaths = ["plugins/*"]\n'
        'api-distribution = "hostlib"\n',
    )
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    proc = run_cli(
        *("check", "--config", str(root / "pyproject.toml"), str(site / "resetplug.py")),
        *("--no-dynamic", "--output-format", "json"),
        env={"PYTHONPATH": path},
    )
    assert proc.returncode in (0, 1), proc.stderr
    found = sorted(
        (f["line"], f["severity"], f["message"])
        for f in json.loads(proc.stdout)["findings"]
        if f["code"] == "PC110"
    )
    assert [(line, severity) for line, severity, _ in found] == [
        (7, "info"),
        (10, "warning"),
        (13, "warning"),
        (14, "info"),
    ], found
    assert "only those of helperlib: a dependency the plugin declares" in found[0][2]
