"""PC545 in a lifecycle method leaves alone a file the module itself makes: ``init()`` may write
what ``run()`` reads (statically; the harness forbids writes into the plugin's folder, so the
case cannot run there)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json

CACHER = """
from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from plugapi import Plugin


class Cacher:
    def init(self, config: Mapping[str, str]) -> None:
        Path(__file__).with_name("cache.txt").write_text(config.get("greeting", ""))

    def run(self) -> None:
        self.cached = Path(__file__).with_name("cache.txt").read_text()

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Cacher()
"""


def _codes(host: Path) -> list[str]:
    data = cli_json("check", str(host), "--no-cache", "--no-dynamic")
    findings = data["findings"]
    assert isinstance(findings, list)
    return sorted(f["code"] for f in findings)


@pytest.mark.harness
def test_a_file_the_module_writes_is_not_missing(tmp_path: Path) -> None:
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC545" / "good-lifecycle", host)
    (host / "plugins" / "cacher.py").write_text(CACHER)
    assert _codes(host) == []
    # Without the write, the read fails on every call of run().
    (host / "plugins" / "cacher.py").write_text(
        CACHER.replace('Path(__file__).with_name("cache.txt").write_text(', "print(")
    )
    assert _codes(host) == ["PC545"]
