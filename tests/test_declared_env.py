"""A variable the host's deployment provides, declared in the contract's ``lifecycle.env``:
every pass that imports the plugin gets it (the harness and the registration worker alike),
so a plugin reading it at import is judged where it is set, and reported where it is not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import TESTDATA, cli_json

VARIABLE = "PLUGCHECK_DEMO_TOKEN_UNSET"


def _host(tmp_path: Path) -> Path:
    host = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC543" / "bad", host)
    (host / "plugins" / "asserted.py").unlink()  # only tokened.py: os.environ[VARIABLE]
    with (host / "pyproject.toml").open("a") as config:
        config.write(f'\n[tool.plugcheck.contracts.demo.lifecycle]\nenv = ["{VARIABLE}"]\n')
    return host


def _codes(data: dict[str, object]) -> list[str]:
    findings = data["findings"]
    assert isinstance(findings, list)
    return sorted(f["code"] for f in findings)


@pytest.mark.harness
def test_declared_variable_set_where_plugcheck_runs_passes_every_pass(tmp_path: Path) -> None:
    data = cli_json("check", str(_host(tmp_path)), "--no-cache", env={VARIABLE: "token"})
    assert _codes(data) == []  # before: PC416, the registration worker dropped the variable


@pytest.mark.harness
def test_declared_variable_unset_is_the_harness_failure(tmp_path: Path) -> None:
    data = cli_json("check", str(_host(tmp_path)), "--no-cache")
    assert _codes(data) == ["PC401"]  # declared: no static guess, the real import fails here
