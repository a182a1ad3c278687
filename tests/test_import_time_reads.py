"""PC110's severity for module-level reads: the plugin's own package data costs the host an
import and nothing else (information), a file it does not ship is a warning."""

from __future__ import annotations

import pytest

from conftest import TESTDATA, cli_json


@pytest.mark.harness
def test_loops_over_own_package_data_are_information() -> None:
    data = cli_json("check", str(TESTDATA / "import_time" / "package_data_loop"), "--no-dynamic")
    found = [(f["code"], f["line"], f["severity"]) for f in data["findings"]]  # type: ignore[index, union-attr]
    assert found == [("PC110", 12, "info"), ("PC110", 16, "info")]
