"""A hand-written contract for a flat-layout host (its package beside pyproject.toml) with no
``search-path``: the plugins' processes get the contract's own directory on ``sys.path``, as
the host has it when it runs from there, and the static pass resolves the host package from the
same place. Never the directory plugcheck was started in (14013587 took that away on purpose)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli_json, write_host

pytestmark = pytest.mark.harness

CONTRACT = """\
[tool.plugcheck.contracts.procs]
kind = "factory"
api = "fhost"
paths = ["plugins/*"]

[tool.plugcheck.contracts.procs.exports]
new = "fhost:Factory"

[tool.plugcheck.contracts.procs.lifecycle]
protocol = "fhost:Plugin"
factory = "new"
calls = [{ method = "run" }]
"""

HOST = {
    "fhost/__init__.py": """\
        from typing import Callable, Protocol


        class Plugin(Protocol):
            def run(self) -> None: ...


        Factory = Callable[[], Plugin]
        """,
    "plugins/good.py": """\
        import fhost


        class P:
            def run(self) -> None:
                pass


        def new() -> fhost.Plugin:
            return P()
        """,
    # Requires an argument the host does not pass: judged statically from the same directory.
    "plugins/bad.py": """\
        import fhost


        def new(size: int) -> fhost.Plugin:
            raise NotImplementedError
        """,
}


def _codes(data: dict[str, object]) -> set[tuple[str, str]]:
    findings: list[dict[str, str]] = data["findings"]  # type: ignore[assignment]
    return {(f["plugin"], f["code"]) for f in findings if f["severity"] != "info"}


def test_the_contracts_own_directory_holds_the_host_package(tmp_path: Path) -> None:
    host = write_host(tmp_path / "host", pyproject=CONTRACT, files=HOST, dedent=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # From the host's directory and from anywhere else: the same verdict, no PC401.
    for cwd, args in ((host, ()), (elsewhere, (str(host),))):
        data = cli_json("check", *args, cwd=cwd)
        assert _codes(data) == {("bad", "PC211")}, data
        notes: list[str] = data["notes"]  # type: ignore[assignment]
        assert not [n for n in notes if "cannot preload" in n], notes


def test_a_directory_without_the_host_package_is_not_added(tmp_path: Path) -> None:
    """The host package lives in the directory plugcheck is started in, not beside the
    contract: the plugins do not get it (the cwd hole stays closed)."""
    files = {k: v for k, v in HOST.items() if k.startswith("plugins/")}
    host = write_host(tmp_path / "host", pyproject=CONTRACT, files=files, dedent=True)
    write_host(tmp_path, files={"fhost/__init__.py": HOST["fhost/__init__.py"]}, dedent=True)
    data = cli_json("check", "--no-mypy", str(host), cwd=tmp_path)
    assert ("good", "PC401") in _codes(data), data
