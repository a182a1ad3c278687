"""PC423 through the CLI: a contract whose host-builtins no preload provides (the host's session
was not started, as in `plugcheck init`'s proposal) turns a failure on what the session
provides into a warning, and never hides a failure that is the plugin's own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json

CASE = TESTDATA / "rules" / "PC423" / "bad"


@pytest.mark.harness
def test_the_plugins_own_failures_keep_their_error(tmp_path: Path) -> None:
    host = shutil.copytree(CASE, tmp_path / "host")
    plugins = host / "plugins"
    (plugins / "greet.py").write_text(
        (plugins / "greet.py").read_text().replace("  # expect: PC423", "")
    )
    (plugins / "needs.py").write_text(
        "from plugapi import SESSION\nimport requests_missing_here\n\n\ndef new():\n    pass\n"
    )
    (plugins / "typo.py").write_text("GREETING = sesion.env\n\n\ndef new():\n    pass\n")
    (plugins / "own.py").write_text(
        "VALUES = {}\nFIRST = VALUES['first']\n\n\ndef new():\n    pass\n"
    )
    (plugins / "builtin.py").write_text("HOME = session.env\n\n\ndef new():\n    pass\n")
    data = cli_json("check", str(host))
    found = {(f["plugin"], f["code"], f["severity"]) for f in data["findings"]}  # type: ignore[index]
    assert ("greet", "PC423", "warning") in found
    assert ("builtin", "PC423", "warning") in found  # NameError on the absent host-builtin
    # A missing module, a name bound nowhere that is no host-builtin, a KeyError of its own:
    # each keeps an error (the rule naming it: PC309, PC557, PC515), none is PC423.
    errors = {p: c for p, c, severity in found if severity == "error"}
    assert errors == {"needs": "PC309", "typo": "PC557", "own": "PC515"}, found
    assert {p for p, c, _ in found if c == "PC423"} == {"greet", "builtin"}, found
