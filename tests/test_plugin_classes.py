"""plugin-classes: hosts that build the plugin-base subclasses a module defines (PC537, PC538)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_check, run_cli, write_host

pytestmark = pytest.mark.harness


HOST = """
[tool.plugcheck.contracts.tool]
kind = "factory"
paths = ["plugins/*"]
search-path = ["api"]

[tool.plugcheck.contracts.tool.plugin-classes]
base = "chost:Plugin"
{keys}
"""


def _host(tmp_path: Path, keys: str, plugins: dict[str, str]) -> Path:
    api = (
        "class Plugin:\n    def __init__(self, registry=None):\n        self.registry = registry\n"
        "\n\ndef registry():\n    return {}\n"
    )
    return write_host(tmp_path, {"chost": api}, plugins, HOST.format(keys=keys))


TWO = (
    "from chost import Plugin\n\n\n"
    "class First(Plugin):\n    def __init__(self, registry):\n        raise RuntimeError('first')\n"
    "\n\nclass Second(Plugin):\n    pass\n"
)


@pytest.mark.parametrize(
    ("keys", "built"),
    [("", {"First"}), ('pick = "first"', {"First"}), ('pick = "last"', set())],
)
def test_the_classes_the_host_picks_are_built(tmp_path: Path, keys: str, built: set[str]) -> None:
    root = _host(tmp_path, keys + '\nstand-ins = ["chost:registry"]', {"two": TWO})
    report = run_check(root, mypy=False)
    failed = {
        f.message.split("fails: ")[1].split("()")[0] for f in report.findings if f.code == "PC537"
    }
    assert failed == built


def test_an_abstract_or_imported_class_is_not_the_plugins(tmp_path: Path) -> None:
    root = _host(
        tmp_path,
        "",
        {
            "abstract": (
                "import abc\nfrom chost import Plugin\n\n\n"
                "class Base(Plugin, abc.ABC):\n    @abc.abstractmethod\n    def run(self): ...\n"
            ),
            "imported": "from chost import Plugin as Alias\n",
        },
    )
    report = run_check(root, mypy=False)
    assert {f.plugin for f in report.findings if f.code == "PC538"} == {"abstract", "imported"}


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        ('pick = "all"', "`pick` must be one of"),
        ('stand-ins = "chost:registry"', "`stand-ins` must be a list"),
        ('colour = "blue"', "unknown key 'colour'"),
    ],
)
def test_bad_keys_are_one_line_errors(tmp_path: Path, keys: str, problem: str) -> None:
    root = _host(
        tmp_path, keys, {"fine": "from chost import Plugin\n\n\nclass P(Plugin):\n    pass\n"}
    )
    proc = run_cli("check", str(root))
    assert proc.returncode == 2, proc.stderr
    assert problem in proc.stderr and "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
