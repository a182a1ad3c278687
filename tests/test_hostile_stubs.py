"""Installed stub packages of the host's API that no distribution speaking for it installed
(red team sand21, sand19's open hole): they type no plugin."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import TESTDATA, copy_host

pytestmark = pytest.mark.harness

STUB = """from typing import Any, Callable, Protocol

class Plugin(Protocol): ...

class Registry: ...

Factory = Callable[..., Any]
Register = Callable[..., Any]
"""


def _host(tmp_path: Path, owner: str | None) -> Path:
    """PC201/bad with its API installed (``site``, on PYTHONPATH) beside ``plugapi-stubs/``
    saying the host calls anything with anything, listed in the RECORD of ``owner``."""
    root = copy_host(TESTDATA / "rules" / "PC201" / "bad", tmp_path / "host")
    site = root / "site"
    (root / "api").rename(site)
    config = root / "pyproject.toml"
    config.write_text(config.read_text().replace('search-path = ["api"]', "search-path = []"))
    (site / "plugapi-stubs").mkdir()
    (site / "plugapi-stubs" / "__init__.pyi").write_text(STUB)
    if owner is not None:
        info = site / f"{owner.replace('-', '_')}-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {owner}\nVersion: 1.0\n")
        (info / "RECORD").write_text(f"plugapi-stubs/__init__.pyi,,\n{info.name}/RECORD,,\n")
    return root


def _check(root: Path, tmp_path: Path) -> tuple[int, dict[str, Any]]:
    proc = subprocess.run(
        [sys.executable, "-m", "plugcheck", "check", "--no-dynamic", "--output-format", "json"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": "site"},
        cwd=root,
        timeout=300,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    return proc.returncode, json.loads(proc.stdout)


@pytest.mark.parametrize("owner", ["evil-helper", None])
def test_stubs_no_distribution_of_the_api_installed_type_no_plugin(
    tmp_path: Path, owner: str | None
) -> None:
    # A plugin's helper dependency (no plugin itself, so no PC357) or a file copied in by hand:
    # mypy read the stubs instead of plugapi, and sized's and registrar's PC201 vanished
    # ("All checks passed", exit 0). Now mypy reads plugapi, as the host imports it.
    status, report = _check(_host(tmp_path, owner), tmp_path)
    codes = {(f["plugin"], f["code"]) for f in report["findings"]}
    assert {("sized", "PC201"), ("registrar", "PC201")} <= codes, codes
    assert status == 1
    notes = [n for n in report["notes"] if "plugapi-stubs types no plugin" in n]
    assert len(notes) == 1 and f"RECORD lists it for: {owner or 'none'}" in notes[0], notes


def test_a_stub_distribution_named_for_the_api_is_read(tmp_path: Path) -> None:
    # PEP 561 as it should be: types-plugapi is plugapi's types (not guaranteed: docs/harness.md).
    _, report = _check(_host(tmp_path, "types-plugapi"), tmp_path)
    assert not any("types no plugin" in n for n in report["notes"])
    codes = {(f["plugin"], f["code"]) for f in report["findings"]}
    assert ("sized", "PC201") not in codes
