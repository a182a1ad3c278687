"""Hosts without type information: analysed from source, else one PC534 per plugin, never exit 2."""

from __future__ import annotations

import sysconfig
from pathlib import Path

import pytest

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


CONTRACT = """\
[tool.plugcheck.contracts.ext]
kind = "factory"
paths = ["plugins/*.py"]

[tool.plugcheck.contracts.ext.exports]
make = {{ kind = "function" }}

[tool.plugcheck.contracts.ext.lifecycle]
protocol = "{protocol}"
factory = "make"
"""

PLUGIN = """\
from {module} import {name}


class Mine({name}):
    def run(self) -> None:
        return None


def make() -> Mine:
    return Mine()
"""


def _host(tmp_path: Path, protocol: str, files: dict[str, str]) -> Path:
    """A host directory with one plugin; the host package lives in ``site`` (the target
    environment through PYTHONPATH), without py.typed."""
    module, _, name = protocol.partition(":")
    return write_host(
        tmp_path / "host",
        plugins={"mine": PLUGIN.format(module=module, name=name)},
        pyproject=CONTRACT.format(protocol=protocol),
        files={f"site/{relative}": text for relative, text in files.items()},
    )


def _codes(host: Path) -> list[tuple[str, int]]:
    data = cli_json(
        "check", str(host), "--no-dynamic", env={"PYTHONPATH": str(host / "site")}, here=True
    )
    findings = data["findings"]
    assert isinstance(findings, list)
    return sorted((f["code"], f["line"]) for f in findings)


def test_untyped_host_is_analysed_from_its_source(tmp_path: Path) -> None:
    base = (
        "class Base:\n"
        "    def init(self, config):\n"
        "        pass\n"
        "\n"
        "    def run(self):\n"
        "        pass\n"
    )
    host = _host(tmp_path, "uhost.core:Base", {"uhost/__init__.py": "", "uhost/core.py": base})
    assert _codes(host) == []
    # A plugin that breaks the untyped host's arity is found, not passed as Any.
    mine = host / "plugins" / "mine.py"
    mine.write_text(mine.read_text().replace("def run(self)", "def run(self, text: str)"))
    assert _codes(host) == [("PC204", 5)]


def test_compiled_host_without_stubs_is_unverifiable(tmp_path: Path) -> None:
    suffix = sysconfig.get_config_var("EXT_SUFFIX") or ".so"
    host = _host(tmp_path, "chost:Base", {f"chost{suffix}": ""})
    assert _codes(host) == [("PC534", 9)]


def test_host_source_mypy_stops_at_is_unverifiable(tmp_path: Path) -> None:
    init = (
        "try:\n"
        "    from oldhost._legacy import Base\n"
        "except SyntaxError:\n"
        "    class Base:\n"
        "        def run(self):\n"
        "            pass\n"
    )
    legacy = 'print "Python 2 only"\n'
    host = _host(
        tmp_path, "oldhost:Base", {"oldhost/__init__.py": init, "oldhost/_legacy.py": legacy}
    )
    data = cli_json(
        "check", str(host), "--no-dynamic", env={"PYTHONPATH": str(host / "site")}, here=True
    )
    findings = data["findings"]
    assert isinstance(findings, list)
    assert [(f["code"], f["line"]) for f in findings] == [("PC534", 9)]
    assert "_legacy.py:1" in findings[0]["message"]


def test_contract_naming_a_missing_module_is_still_a_usage_error(tmp_path: Path) -> None:
    host = _host(tmp_path, "nohost:Base", {"other/__init__.py": ""})
    proc = run_cli_here("check", str(host), "--no-dynamic", env={"PYTHONPATH": str(host / "site")})
    assert proc.returncode == 2
    assert "cannot find module nohost" in proc.stderr
