"""`plugcheck init` on real hosts nobody here wrote: its proposal, unedited, must run with no
usage error and give no error-level finding to a plugin the host itself loads fine.

- coverage.py: `__import__(module)`, `sys.modules[module]`, then `coverage_init(plugins, options)`
  when the module defines it (else the host raises); the proposal is a setup-function contract
  with a required export.
- beets: the last `BeetsPlugin` subclass of `beetsplug.<name>` is built with no arguments; the
  proposal is a plugin-classes contract with `namespace = "beetsplug"`.

- pylint: plugins are modules with `register(linter)`, loaded by module name (no entry points);
  the proposal is a setup-function contract read from `module.register(self)` in PyLinter.
- pytest: a pluggy host whose PluginManager is a subclass (PytestPluginManager) that takes
  unmarked `pytest_*` functions; the proposal reads project, hookspecs and prefix from it.

The host's own load runs first, as the oracle. The venvs are cached as in test_ecosystems.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_ecosystem_coverage import COVERAGE_BROKEN, COVERAGE_PLUGINS, _coverage_loads
from test_ecosystems import PYTEST_PLUGINS, _cached_venv, _check, _errors, _run, _site, venv
from test_ecosystems_hosts import BEETS_BROKEN, BEETS_PLUGINS

from conftest import run_cli

pytestmark = pytest.mark.slow

__all__ = ["venv"]  # the pytest host's venv is test_ecosystems' (built once, shared)

PYLINT = "pylint==3.3.9"
PYLINT_PLUGINS = {  # distribution pin -> the module `--load-plugins` names
    "perflint==0.8.1": "perflint",
    "pylint-per-file-ignores==3.2.1": "pylint_per_file_ignores",
    "pylint-pydantic==0.4.1": "pylint_pydantic",
    # Imports Django only inside register(), under `except ImportError` (Django not installed):
    "pylint-django==2.8.0": "pylint_django",
}
PYLINT_EXTENSIONS = ["pylint.extensions.docparams", "pylint.extensions.mccabe"]
# pylint-quotes 0.2.3 imports IAstroidChecker/ITokenChecker, removed from pylint.interfaces in 3.0.
PYLINT_BROKEN = ["pylint-quotes==0.2.3"]


@pytest.fixture(scope="module")
def pylint_venv() -> Path:
    return _cached_venv("init-pylint", [PYLINT, *PYLINT_PLUGINS], PYLINT_BROKEN)


def _pylint_loads(python: Path, module: str, cwd: Path) -> tuple[bool, str]:
    """pylint's own load of ``module`` (import + register(linter)) on a one-line file."""
    proc = _run(
        python, "-m", "pylint", f"--load-plugins={module}", "--disable=all", "one.py", cwd=cwd
    )
    out = proc.stdout + proc.stderr
    return proc.returncode & 1 == 0 and "Traceback" not in out, out  # bit 1: fatal


def _module_path(site: Path, module: str) -> Path:
    base = site.joinpath(*module.split("."))
    return base if base.is_dir() else base.with_suffix(".py")


def _check_with(python: Path, config: Path, *paths: Path) -> dict[str, Any]:
    proc = run_cli(
        "check",
        "--config",
        str(config),
        "--python",
        str(python),
        "--output-format",
        "json",
        *map(str, paths),
    )
    assert proc.returncode in (0, 1), proc.stderr  # no usage error
    data: dict[str, Any] = json.loads(proc.stdout)
    assert not data["errors"], data["errors"]
    return data


@pytest.mark.harness
def test_pylint_init_proposal_and_shipped_contract(pylint_venv: Path, tmp_path: Path) -> None:
    (tmp_path / "one.py").write_text("x = 1\n")
    healthy = [*PYLINT_PLUGINS.values(), *PYLINT_EXTENSIONS]
    for module in healthy:
        loads, out = _pylint_loads(pylint_venv, module, tmp_path)
        assert loads, f"pylint itself fails to load {module}: {out}"
    loads, out = _pylint_loads(pylint_venv, "pylint_quotes", tmp_path)
    assert not loads and "IAstroidChecker" in out

    site = _site(pylint_venv)
    paths = [_module_path(site, m) for m in [*healthy, "pylint_quotes"]]
    names = {"pylint.extensions.docparams", "pylint.extensions.mccabe", *PYLINT_PLUGINS.values()}

    proc = run_cli("init", str(site / "pylint"))
    assert proc.returncode == 0, proc.stderr
    assert 'export = "register"' in proc.stdout and "pylint.lint.pylinter:PyLinter" in proc.stdout
    proposal = tmp_path / "proposal" / "pyproject.toml"
    proposal.parent.mkdir()
    proposal.write_text(proc.stdout)  # unedited
    for data in (
        _check_with(pylint_venv, proposal, *paths),
        _check(pylint_venv, "pylint.toml", *paths),
    ):
        assert {p["name"] for p in data["plugins"]} == {*names, "pylint_quotes"}
        # perflint loads, but its visit_tryexcept never runs with astroid 3 (TryExcept became
        # Try): PC568 is a true break (test_ecosystem_pylint pins it too), the only error here.
        dead = [(f["plugin"], f["code"]) for f in _errors(data, names)]
        assert set(dead) <= {("perflint", "PC568")}, _errors(data, names)
        broken = _errors(data, {"pylint_quotes"})
        assert broken and {f["code"] for f in broken} == {"PC530"}
        assert any("IAstroidChecker" in f["message"] for f in broken)
    # The shipped contract calls register(linter) with a real PyLinter: every healthy plugin's
    # registration ran (no PC532), and pylint's import of astroid's MANAGER is not noise.
    assert not [f for f in data["findings"] if f["code"] in {"PC532", "PC411"}]
    assert any("visit_tryexcept" in f["message"] for f in _errors(data, {"perflint"}))
    # pylint-django registers through its own helpers (fields.add_transforms(astroid.MANAGER),
    # _add_transform(name) -> astroid.register_module_extender): astroid's documented way, so no
    # PC110 either; no warning at all on a healthy plugin with the shipped contract.
    loud = [f for f in data["findings"] if f["plugin"] in names and f["severity"] != "info"]
    assert [(f["plugin"], f["code"]) for f in loud] == [("perflint", "PC568")], loud


@pytest.mark.harness
def test_pytest_init_proposal(venv: Path, tmp_path: Path) -> None:
    """pytest's PytestPluginManager subclasses pluggy's: the proposal reads the project from
    its super().__init__, the hookspecs from add_hookspecs, the prefix from parse_hookimpl_opts."""
    site = _site(venv)
    proc = run_cli("init", str(site / "_pytest"))
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert 'project = "pytest"' in text and "_pytest.config:PytestPluginManager" in text
    assert '"_pytest.hookspec"' in text and 'prefix = "pytest_"' in text
    assert 'addhooks = "pytest_addhooks"' in text  # xdist, benchmark add their own hookspecs
    assert 'entry-point-group = "pytest11"' in text
    proposal = tmp_path / "pyproject.toml"
    proposal.write_text(text)
    data = _check_with(venv, proposal)
    modules = {p["module"]: p["name"] for p in data["plugins"]}
    good = {modules[m] for m in PYTEST_PLUGINS.values()}
    assert _errors(data, good) == []
    # pytest-isort 1.3.0's pytest_collect_file(path, parent) is caught by the proposal too.
    isort = {modules["pytest_isort"]}
    assert "PC502" in {f["code"] for f in _errors(data, isort)}


def _proposal(site: Path, package: str, where: Path) -> Path:
    proc = run_cli("init", str(site / package))
    assert proc.returncode == 0, proc.stderr
    where.mkdir()
    (where / "pyproject.toml").write_text(proc.stdout)  # unedited
    return where / "pyproject.toml"


def _installed(site: Path, modules: list[str]) -> list[Path]:
    return [site / m if (site / m).is_dir() else site / f"{m}.py" for m in modules]


@pytest.mark.harness
def test_coverage_init_proposal(tmp_path: Path) -> None:
    """The host's own run (test_ecosystem_coverage) is the oracle for these pins: the five
    plugins load, coverage-config-reload-plugin 0.3.0 imports coverage.backward, gone."""
    python = _cached_venv("coverage", ["coverage==7.17.3", *COVERAGE_PLUGINS], [*COVERAGE_BROKEN])
    (broken,) = COVERAGE_BROKEN.values()
    assert "coverage.backward" in _coverage_loads(python, broken, tmp_path)
    site = _site(python)
    proposal = _proposal(site, "coverage", tmp_path / "proposal")
    assert 'coverage_init = { kind = "callable" }' in proposal.read_text()
    modules = [*COVERAGE_PLUGINS.values(), broken]
    data = _check_with(python, proposal, *_installed(site, modules))
    assert _errors(data, set(COVERAGE_PLUGINS.values())) == []
    assert {f["code"] for f in _errors(data, {broken})} == {"PC530"}


@pytest.mark.harness
def test_beets_init_proposal(tmp_path: Path) -> None:
    """beets' own load of these pins is test_ecosystems_hosts' oracle: six plugins load; follow,
    extrafiles and noimport fail on names beets removed."""
    python = _cached_venv("hosts-beets", ["beets==2.14.1", *BEETS_PLUGINS], [*BEETS_BROKEN])
    site = _site(python)
    proposal = _proposal(site, "beets", tmp_path / "proposal")
    text = proposal.read_text()
    assert 'namespace = "beetsplug"' in text and 'base = "beets.plugins:BeetsPlugin"' in text
    names = [*BEETS_PLUGINS.values(), *BEETS_BROKEN.values()]
    data = _check_with(python, proposal, *_installed(site / "beetsplug", names))
    healthy = {f"beetsplug.{n}" for n in BEETS_PLUGINS.values()}
    assert _errors(data, healthy) == []
    for name in BEETS_BROKEN.values():
        found = _errors(data, {f"beetsplug.{name}"})
        assert found and {f["code"] for f in found} == {"PC530"}, (name, found)
