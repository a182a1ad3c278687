"""coverage.py as a real host in the slow suite: plugin modules named in `[run] plugins`, whose
coverage_init(reg, options) coverage calls with its plugin registry and the plugin's options
(examples/contracts/coverage.toml).

As in test_ecosystems.py: a cached venv with pinned host and plugins, and one older release that
the host itself fails to load; coverage's own run with each plugin is the oracle. plugcheck must
give no error to the plugins coverage loads and name the cause for the one it does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _run, _site

pytestmark = pytest.mark.slow

COVERAGE_PLUGINS = {  # distribution pin -> the module `[run] plugins` names
    "covdefaults==2.3.0": "covdefaults",
    "coverage-conditional-plugin==0.9.0": "coverage_conditional_plugin",
    "coverage-pyver-pragma==0.4.0": "coverage_pyver_pragma",
    "coverage-simple-excludes==1.1.1": "coverage_simple_excludes",
    "coverage-env-plugin==0.2.0": "coverage_env_plugin",
}
# Imports coverage.backward, removed in coverage 6: coverage cannot import the plugin.
COVERAGE_BROKEN = {"coverage-config-reload-plugin==0.3.0": "coverage_config_reload_plugin"}

# coverage_conditional_plugin needs its rules; the others run with no options.
_RC = """[run]
plugins = {module}

[coverage_conditional_plugin]
rules =
    "sys_version_info >= (3, 8)": py-gte-38
"""

_ORACLE = """
import coverage
cov = coverage.Coverage(config_file="rc", data_file=None)
cov.start()
import measured
cov.stop()
cov.report(file=open("report.txt", "w"))
print("ok")
"""


def _coverage_loads(python: Path, module: str, tmp_path: Path) -> str:
    """coverage's own run with the plugin: ``ok``, or how it failed."""
    where = tmp_path / module
    where.mkdir()
    (where / "rc").write_text(_RC.format(module=module))
    (where / "measured.py").write_text("x = 1\n")
    proc = _run(python, "-c", _ORACLE, cwd=where)
    return proc.stdout.strip() or proc.stderr.strip().splitlines()[-1]


@pytest.mark.harness
def test_coverage_plugins(tmp_path: Path) -> None:
    python = _cached_venv("coverage", ["coverage==7.17.3", *COVERAGE_PLUGINS], [*COVERAGE_BROKEN])
    for module in COVERAGE_PLUGINS.values():
        assert _coverage_loads(python, module, tmp_path) == "ok", module
    (broken,) = COVERAGE_BROKEN.values()
    assert "No module named 'coverage.backward'" in _coverage_loads(python, broken, tmp_path)

    site = _site(python)
    paths = [
        site / m if (site / m).is_dir() else site / f"{m}.py"
        for m in [*COVERAGE_PLUGINS.values(), broken]
    ]
    data = _check(python, "coverage.toml", *paths)
    assert {p["name"] for p in data["plugins"]} == {*COVERAGE_PLUGINS.values(), broken}
    noise = [
        (f["plugin"], f["code"])
        for f in data["findings"]
        if f["plugin"] != broken and f["severity"] != "info"
    ]
    # coverage_pyver_pragma deletes domdf_python_tools' modules from sys.modules when it is
    # imported: modules of its own declared dependency, which coverage does not have (PC110
    # info). Its three set_parse_action calls build its own pyparsing grammar: info too.
    assert noise == []
    reset = [
        f["message"]
        for f in data["findings"]
        if f["plugin"] == "coverage_pyver_pragma" and f["code"] == "PC110"
    ]
    assert any("only those of domdf-python-tools" in m for m in reset), reset
    (finding,) = [f for f in data["findings"] if f["plugin"] == broken]
    assert finding["code"] == "PC530" and "coverage has no 'backward'" in finding["message"]
