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


@pytest.mark.harness
def test_own_package_data_through_older_apis_is_information() -> None:
    # tutor-mfe 15's `for path in glob(os.path.join(pkg_resources.resource_filename("tutormfe",
    # "patches"), "*"))` was a warning, "reads a file the plugin does not ship", on files it ships.
    data = cli_json(
        "check", str(TESTDATA / "import_time" / "package_data_older_apis"), "--no-dynamic"
    )
    found = [(f["code"], f["line"], f["severity"]) for f in data["findings"]]  # type: ignore[index, union-attr]
    assert found == [("PC110", 15, "info"), ("PC110", 19, "info"), ("PC110", 23, "info")]
