"""Zero configuration for plugin authors: a plugin repository with no [tool.plugcheck] is checked
against the contract its host publishes in the target environment, else a bundled one."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


HOST_PYPROJECT = """\
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "myhost"
version = "1.2.0"

[project.entry-points."plugcheck.contracts"]
myhost = "myhost:plugcheck.toml"
"""

HOST_API = """\
from collections.abc import Callable


class Plugin:
    def run(self) -> None: ...


Factory = Callable[[], Plugin]
"""

HOST_CONTRACT = """\
[tool.plugcheck.contracts.myhost-plugins]
kind = "factory"
api = "myhost"
api-distribution = "myhost"
entry-point-group = "myhost.plugins"

[tool.plugcheck.contracts.myhost-plugins.exports]
new = "myhost:Factory"
"""

PLUGIN_PYPROJECT = """\
[project]
name = "myhost-extras"
version = "0.1.0"
dependencies = ["myhost>=1.2"]

[project.entry-points."myhost.plugins"]
good = "myhost_extras.good"
broken = "myhost_extras.broken"
"""

GOOD = "from myhost import Plugin\n\n\ndef new() -> Plugin:\n    return Plugin()\n"
BROKEN = "from myhost import Plugin\n\n\ndef new(size: int) -> Plugin:\n    return Plugin()\n"


OFFLINE = ["--no-index", "--no-deps"]


def _applied(stdout: str) -> list[str]:
    """The lines of `plugcheck contracts` naming the contracts that apply, and its notes but
    the one saying the host is not installed (the tests' bare venvs have none)."""
    return [
        line
        for line in stdout.splitlines()
        if not line.startswith(("  applies: ", "not applied: "))
        and "additional_dependencies" not in line
    ]


def _host_venv(tmp_path: Path) -> Path:
    """A fresh venv with the host installed from a wheel built from its pyproject.toml; its
    python. The wheel is built offline from the configured package index."""
    host = write_host(
        tmp_path / "myhost",
        files={
            "pyproject.toml": HOST_PYPROJECT,
            "myhost/__init__.py": HOST_API,
            "myhost/py.typed": "",
            "myhost/plugcheck.toml": HOST_CONTRACT,
        },
        dedent=True,
    )
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(host)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel with hatchling here: {built.stderr.strip()[-300:]}")
    (wheel,) = wheels.glob("myhost-*.whl")
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = target / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            *OFFLINE,
            str(wheel),
        ],
        check=True,
        timeout=600,
    )
    return python


def test_a_plugin_repository_finds_the_contract_its_host_publishes(tmp_path: Path) -> None:
    python = _host_venv(tmp_path)
    repo = write_host(
        tmp_path / "myhost-extras",
        files={
            "pyproject.toml": PLUGIN_PYPROJECT,
            "src/myhost_extras/__init__.py": "",
            "src/myhost_extras/good.py": GOOD,
            "src/myhost_extras/broken.py": BROKEN,
        },
        dedent=True,
    )
    listed = run_cli_here("contracts", "--python", str(python), cwd=repo)
    assert listed.returncode == 0, listed.stderr
    site = next((tmp_path / "venv" / "lib").glob("python*/site-packages"))
    assert listed.stdout.splitlines()[:2] == [
        "myhost-plugins (factory, entry-point group myhost.plugins): published by myhost 1.2.0 "
        f"(entry point myhost = 'myhost:plugcheck.toml'): {site}/myhost/plugcheck.toml",
        "  applies: the project registers entry points in myhost.plugins",
    ]
    assert _applied(listed.stdout) == listed.stdout.splitlines()[:1]
    assert (
        "not applied: pytest-plugins (bundled): the project registers no entry point in pytest11"
    ) in listed.stdout.splitlines()
    proc = run_cli_here("check", "--python", str(python), "--output-format", "json", cwd=repo)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert sorted(p["name"] for p in report["plugins"]) == ["broken", "good"]
    found = [(f["code"], f["plugin"], f["path"]) for f in report["findings"]]
    assert found == [("PC201", "broken", "src/myhost_extras/broken.py")]
    # The same from the plugin's own test suite, with no option but --plugcheck.
    static = ["--plugcheck-python", str(python), "--plugcheck-static-only"]
    suite = subprocess.run(
        [sys.executable, "-m", "pytest", "--plugcheck", "-p", "no:cacheprovider", "-q", *static],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert suite.returncode == 1, suite.stdout + suite.stderr
    assert "1 failed, 1 passed" in suite.stdout
    assert "FAILED pyproject.toml::myhost-plugins::broken" in suite.stdout


PYTEST_PLUGIN = {
    "pyproject.toml": """\
        [project]
        name = "pytest-tidy"
        version = "0.1.0"
        dependencies = ["pytest>=7"]

        [project.entry-points.pytest11]
        tidy = "pytest_tidy"
        """,
    "src/pytest_tidy/__init__.py": """\
        def pytest_configure(config):
            pass


        def pytest_collection_modifyitems(session, config, items, order):
            pass
        """,
}


def test_a_pytest_plugin_repository_is_checked_against_the_bundled_pytest_contract(
    tmp_path: Path,
) -> None:
    repo = write_host(tmp_path / "pytest-tidy", files=PYTEST_PLUGIN, dedent=True)
    listed = run_cli_here("contracts", cwd=repo)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith(
        "pytest-plugins (pluggy, entry-point group pytest11): bundled with plugcheck: "
    )
    assert listed.stdout.splitlines()[0].endswith("pytest.toml")
    # From a subdirectory too: the project is found upwards.
    proc = run_cli_here("check", "--no-dynamic", cwd=repo / "src" / "pytest_tidy")
    assert proc.returncode == 1, proc.stderr
    lines = [line for line in proc.stdout.splitlines() if ": PC" in line]
    assert len(lines) == 1 and " PC502 " in lines[0] and "'order'" in lines[0], proc.stdout
    assert lines[0].startswith("__init__.py:5:")


def test_no_configuration_names_every_place_looked(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    proc = run_cli_here("check", str(tmp_path / "a" / "b"), cwd=tmp_path / "elsewhere")
    assert proc.returncode == 2
    assert proc.stdout == ""
    (line,) = proc.stderr.splitlines()
    assert line.startswith("plugcheck: error: no pyproject.toml with [tool.plugcheck] in ")
    for place in (tmp_path / "a" / "b", tmp_path / "a", tmp_path, tmp_path / "elsewhere"):
        assert f"{place}," in line or f"{place} " in line
    assert "and no plugin project there either" in line


def test_a_project_no_contract_applies_to_is_a_one_line_error(tmp_path: Path) -> None:
    repo = write_host(
        tmp_path / "lib",
        files={
            "pyproject.toml": '[project]\nname = "lib"\n[project.entry-points.nowhere]\nx = "lib"\n'
        },
        dedent=True,
    )
    proc = run_cli_here("check", cwd=repo)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert f"{repo / 'pyproject.toml'} (project 'lib') registers entry-point groups nowhere" in line
    assert "nor bundled with plugcheck applies to it (`plugcheck contracts` says why); " in line


HOST_OWN_CONTRACT = """\
[tool.plugcheck.contracts.mods]
kind = "factory"
paths = ["plugins/*.py"]
exports = { new = { kind = "callable" } }
"""


def test_the_configuration_is_found_from_the_working_directory_after_the_path(
    tmp_path: Path,
) -> None:
    host = write_host(tmp_path / "host", files={"pyproject.toml": HOST_OWN_CONTRACT}, dedent=True)
    plugin = (
        write_host(tmp_path / "outside", files={"lonely.py": "x = 1\n"}, dedent=True) / "lonely.py"
    )
    proc = run_cli_here("check", "--no-dynamic", "--no-mypy", str(plugin), cwd=host)
    assert proc.returncode == 1, proc.stderr
    assert " PC101 " in proc.stdout and "[lonely]" in proc.stdout


def test_contracts_lists_a_hosts_own_configuration(tmp_path: Path) -> None:
    host = write_host(tmp_path / "host", files={"pyproject.toml": HOST_OWN_CONTRACT}, dedent=True)
    proc = run_cli_here("contracts", cwd=host)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == f"mods (factory): [tool.plugcheck] in {host / 'pyproject.toml'}\n"


def test_a_published_contract_applies_beside_the_bundled_one_for_its_group(tmp_path: Path) -> None:
    """A contract for `pytest11` published by a distribution the project depends on applies
    beside plugcheck's bundled pytest contract, never instead of it: the plugin's author picks
    its dependencies, and one of them publishing a lenient contract (or one under the bundled
    contract's name) must not replace plugcheck's judgment (red team findings 13, 25). Any other
    installed distribution publishing one for the group is passed over (it turned a plugin
    pytest refuses into "All checks passed"), as is a contract without a group whose publisher
    the project does not need."""
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    site = next((target / "lib").glob("python*/site-packages"))
    write_host(
        site,
        files={
            "fakepytest-9.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: fakepytest\n"
            "Version: 9.0\n",
            "fakepytest-9.0.dist-info/entry_points.txt": "[plugcheck.contracts]\n"
            "fake = fakepytest.contracts:own.toml\n",
            "fakepytest/__init__.py": "",
            "fakepytest/contracts/own.toml": """\
                [tool.plugcheck.contracts.fake-plugins]
                kind = "factory"
                entry-point-group = "pytest11"
                exports = { new = { kind = "callable" } }

                [tool.plugcheck.contracts.fake-modules]
                kind = "factory"
                paths = ["*.py"]
                exports = { new = { kind = "callable" } }
                """,
        },
        dedent=True,
    )
    repo = write_host(tmp_path / "pytest-tidy", files=PYTEST_PLUGIN, dedent=True)
    proc = run_cli_here("contracts", "--python", str(target / "bin" / "python"), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    # PYTEST_PLUGIN depends on pytest, not on fakepytest: neither of its contracts judges it.
    assert [line.split(":")[0] for line in _applied(proc.stdout)] == [
        "pytest-plugins (pluggy, entry-point group pytest11)"
    ]
    assert (
        "not applied: fake-plugins (published by fakepytest): the project does not depend on "
        "fakepytest, which publishes it"
    ) in proc.stdout.splitlines()
    assert (
        "not applied: fake-modules (published by fakepytest): it has no entry-point group and "
        "the project does not depend on fakepytest"
    ) in proc.stdout.splitlines()
    pyproject = repo / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"pytest>=7"', '"fakepytest"'))
    proc = run_cli_here("contracts", "--python", str(target / "bin" / "python"), cwd=repo)
    assert [line.split(" (")[0] for line in _applied(proc.stdout)] == [
        "fake-plugins",
        "fake-modules",
        "pytest-plugins",
    ]
    # A distribution's name is its claim: a second folder of that name on the path, or one a
    # plugin's wheel installed (its RECORD lists the folder), publishes no contract that judges
    # the project (red team red51: a plugin's wheel shipped the host's dist-info and a contract).
    second = site / "FakePytest-10.0.dist-info"
    second.mkdir()
    (second / "METADATA").write_text("Metadata-Version: 2.1\nName: fakepytest\nVersion: 10\n")
    # The query reads the first of a name (as importlib.metadata): whichever it is publishes.
    shutil.copy(site / "fakepytest-9.0.dist-info" / "entry_points.txt", second)
    proc = run_cli_here("contracts", "--python", str(target / "bin" / "python"), cwd=repo)
    assert proc.returncode == 2
    assert "2 distributions on the path are named fakepytest; not applied" in proc.stderr
    shutil.rmtree(second)
    wheel = site / "tidy_helper-1.0.dist-info"
    wheel.mkdir()
    (wheel / "METADATA").write_text("Metadata-Version: 2.1\nName: tidy-helper\nVersion: 1\n")
    (wheel / "RECORD").write_text("fakepytest-9.0.dist-info/entry_points.txt,,\n")
    proc = run_cli_here("contracts", "--python", str(target / "bin" / "python"), cwd=repo)
    assert proc.returncode == 2
    assert "its metadata is among the files tidy_helper-1.0.dist-info installed" in proc.stderr
    shutil.rmtree(wheel)
    # Published under the bundled contract's own name: the bundled one judges.
    own_toml = site / "fakepytest" / "contracts" / "own.toml"
    lenient = own_toml.read_text()
    own_toml.write_text(lenient.replace("fake-plugins", "pytest-plugins"))
    proc = run_cli_here("contracts", "--python", str(target / "bin" / "python"), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    applied = _applied(proc.stdout)
    assert [line.split(" (")[0] for line in applied] == ["pytest-plugins", "fake-modules"]
    assert "bundled with plugcheck" in applied[0]
    assert "a bundled contract has its name" in proc.stdout
    # With --untrusted-plugins, a published contract's preload and preload-calls (imported and
    # called unconfined in the fork server) and lifecycle.env (CI secrets for the plugin) are
    # dropped, a note each.
    own_toml.write_text(
        lenient.replace(
            'exports = { new = { kind = "callable" } }\n',
            'exports = { new = { kind = "callable" } }\npreload = ["fakepytest"]\n'
            'preload-calls = ["fakepytest:main"]\n'
            'lifecycle = { env = ["CI_SECRET"] }\n',
            1,
        )
    )
    proc = run_cli_here(
        "check",
        "--untrusted-plugins",
        "--no-dynamic",
        "--contract",
        "fake-plugins",
        "--python",
        str(target / "bin" / "python"),
        cwd=repo,
    )
    said = proc.stdout + proc.stderr
    assert "contract fake-plugins (published by fakepytest 9.0" in said, said
    assert "its preload is not imported (it would run unconfined)" in said, said
    assert "its preload-calls are not made (it would run unconfined)" in said, said
    assert "its lifecycle.env (CI_SECRET) is not passed to plugin processes" in said, said
    own_toml.write_text(lenient)
    assert "published by fakepytest 9.0 (entry point fake = 'fakepytest.contracts:own.toml')" in (
        proc.stdout
    )
    # The project's own distribution never publishes the contract that judges it.
    own = pyproject.read_text().replace('name = "pytest-tidy"', 'name = "fakepytest"')
    assert own != pyproject.read_text()
    pyproject.write_text(own)
    proc = run_cli_here("contracts", "--python", str(target / "bin" / "python"), cwd=repo)
    assert "fake-plugins" not in [line.split(" (")[0] for line in _applied(proc.stdout)]
    assert "published by the project itself (fakepytest)" in proc.stdout
    pyproject.write_text(own.replace('name = "fakepytest"', 'name = "pytest-tidy"'))
    (site / "fakepytest" / "contracts" / "own.toml").unlink()
    proc = run_cli_here("check", "--python", str(target / "bin" / "python"), cwd=repo)
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line.startswith(
        "plugcheck: error: contract published by fakepytest 9.0 (entry point fake = "
        "'fakepytest.contracts:own.toml'): "
    )
    assert line.endswith("fakepytest/contracts/own.toml is not installed")
    # Broken, but published by a distribution the project does not depend on: a note, and the
    # bundled contract for the group.
    pyproject.write_text(pyproject.read_text().replace('"fakepytest"', '"pytest>=7"'))
    proc = run_cli_here("contracts", "--python", str(target / "bin" / "python"), cwd=repo)
    assert proc.returncode == 0, proc.stderr
    listed, note = _applied(proc.stdout)
    assert listed.startswith("pytest-plugins (pluggy, entry-point group pytest11): bundled ")
    assert note.startswith("note: skipped (the project does not depend on it): contract ")


def test_a_host_missing_from_the_environment_says_how_to_install_it(tmp_path: Path) -> None:
    """pre-commit's own virtualenv has no host: the one-line error names the distribution to
    add to the hook's additional_dependencies."""
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    repo = write_host(tmp_path / "pytest-tidy", files=PYTEST_PLUGIN, dedent=True)
    proc = run_cli_here(
        "check", "--no-dynamic", "--python", str(target / "bin" / "python"), cwd=repo
    )
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == (
        "plugcheck: error: pytest (which pytest-tidy depends on) is not installed in "
        f"{target / 'bin' / 'python'}'s environment, where the contracts read the host from: "
        "pass --python with an environment that has them, or, in the pre-commit hook's own "
        "virtualenv, add them to the hook's additional_dependencies: [pytest]"
    )


def test_the_fixture_in_a_plugin_suite_needs_no_configuration(tmp_path: Path) -> None:
    repo = write_host(
        tmp_path / "pytest-tidy",
        files={
            **PYTEST_PLUGIN,
            "tests/test_fits.py": """\
                def test_fits_pytest(plugcheck_run):
                    report = plugcheck_run(dynamic=False)
                    assert [p.name for p in report.plugins] == ["tidy"]
                    assert [f.code for f in report.findings] == ["PC502"]
                """,
        },
        dedent=True,
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_fits.py"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


PYTEST_START_UP = {
    "pyproject.toml": """\
        [project]
        name = "pytest-startup"
        version = "0.1.0"
        dependencies = ["pytest>=7"]

        [project.entry-points.pytest11]
        missing = "startup_missing"
        clash = "startup_clash"
        fine = "startup_fine"
        """,
    "src/startup_missing.py": """\
        pytest_plugins = ["startup_helpers_not_installed"]


        def pytest_configure(config):
            pass
        """,
    "src/startup_clash.py": """\
        def pytest_addoption(parser):
            parser.getgroup("clash").addoption("--strict-markers", action="store_true")
        """,
    "src/startup_fine.py": """\
        pytest_plugins = ["pytester"]


        def pytest_addoption(parser, pluginmanager):
            parser.getgroup("fine").addoption("--fine-level", default="1")
            parser.addini("fine_items", "items", type="linelist")


        def pytest_configure(config):
            pass
        """,
}


def test_the_bundled_pytest_contract_runs_what_pytest_runs_at_start_up(tmp_path: Path) -> None:
    """pytest imports and registers what a plugin's `pytest_plugins` names (one not installed
    stops it: red team 32), and calls every plugin's `pytest_addoption` with its own options
    added (an option pytest has raises ValueError: red team 33). Both were "All checks passed"."""
    repo = write_host(tmp_path / "pytest-startup", files=PYTEST_START_UP, dedent=True)
    proc = run_cli_here("check", "--no-cache", "--python", sys.executable, cwd=repo)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    found = [line for line in proc.stdout.splitlines() if ": PC" in line]
    # One failure, one error: the registration's refusal (PC510) is the static PC309's, which
    # carries pytest's own words (a12b16b1).
    assert len(found) == 2, proc.stdout
    static, clash = sorted(found, key=lambda line: ("[missing]" not in line, line))
    assert static.startswith("src/startup_missing.py:1:19: PC309 "), static  # --no-dynamic too
    assert 'Error importing plugin "startup_helpers_not_installed"' in static
    assert (
        "missing: its refusal at startup_missing.py:1 not reported, already explained by PC309"
        in (proc.stdout)
    )
    assert clash.startswith("src/startup_clash.py:") and " PC519 " in clash, clash
    assert "option dest 'strict_markers' already used" in clash and clash.endswith("[clash]")
    # The other hooks (pytest_configure) are not called, and nothing says they are not.
    assert "PC555" not in proc.stdout and "not called" not in proc.stdout
