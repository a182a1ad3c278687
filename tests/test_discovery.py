"""Discovery through directories, installed entry points (in another interpreter) and paths."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import cli_json, run_check, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


CONTRACT = """
[tool.plugcheck.contracts.demo]
kind = "factory"
{discovery}

[tool.plugcheck.contracts.demo.exports]
new = {{ kind = "callable" }}
"""


def _host(root: Path, discovery: str) -> Path:
    return write_host(root, pyproject=CONTRACT.format(discovery=discovery))


def _venv(tmp_path: Path) -> tuple[Path, Path]:
    """A real virtual environment (no pip: fast) and its site-packages."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = next((venv / "lib").glob("python3*/site-packages"))
    return python, site


def _install(site: Path, dist: str, entry_points: str, files: dict[str, str]) -> None:
    info = site / f"{dist.replace('-', '_')}-1.0.dist-info"
    write_host(
        info,
        files={
            "METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n",
            "entry_points.txt": entry_points,
        },
        dedent=True,
    )
    write_host(site, files=files, dedent=True)


def test_entry_points_in_another_interpreter(tmp_path: Path) -> None:
    python, site = _venv(tmp_path)
    _install(
        site,
        "good-plugin",
        "[demo.plugins]\ngood = good_plugin.core\n",
        {"good_plugin/__init__.py": "", "good_plugin/core.py": "def new() -> None: ...\n"},
    )
    _install(
        site,
        "bad-plugin",
        "[demo.plugins]\nbad = bad_plugin\n",
        {"bad_plugin.py": "NEW = 1\n"},
    )
    _install(site, "other", "[other.group]\nx = os\n", {})
    host = _host(tmp_path / "host", 'entry-point-group = "demo.plugins"')
    data = cli_json("check", str(host), "--python", str(python), here=True)
    plugins = {p["name"]: p for p in data["plugins"]}  # type: ignore[union-attr]
    assert set(plugins) == {"good", "bad"}
    assert plugins["good"]["origin"] == "entry-point"
    assert plugins["good"]["distribution"] == "good-plugin"
    assert plugins["good"]["path"].endswith("good_plugin/core.py")
    findings = data["findings"]
    assert [(f["code"], f["plugin"]) for f in findings] == [("PC101", "bad")]  # type: ignore[union-attr]
    # The running interpreter does not see that venv's distributions.
    data = cli_json("check", str(host), here=True)
    assert data["plugins"] == []


def test_entry_point_attribute_must_exist(tmp_path: Path) -> None:
    python, site = _venv(tmp_path)
    _install(
        site,
        "attr-plugin",
        "[demo.plugins]\nattr = attr_plugin:make_plugin\n",
        {"attr_plugin.py": "def new() -> None: ...\n"},
    )
    host = _host(tmp_path / "host", 'entry-point-group = "demo.plugins"')
    data = cli_json("check", str(host), "--python", str(python), here=True)
    messages = [f["message"] for f in data["findings"]]  # type: ignore[union-attr]
    assert len(messages) == 1 and "'make_plugin'" in messages[0]


def test_plugin_forms_in_directories(tmp_path: Path) -> None:
    host = _host(tmp_path, 'paths = ["plugins/*"]')
    plugins = tmp_path / "plugins"
    write_host(
        plugins,
        files={
            "single.py": "def new() -> None: ...\n",
            "pkg/__init__.py": "from .impl import new\n",
            "pkg/impl.py": "def new() -> None: ...\n",
            "proj-src/pyproject.toml": '[project]\nname = "Proj.Src"\nversion = "1"\n',
            "proj-src/src/proj_src/__init__.py": "def new() -> None: ...\n",
            "proj-src/tests/test_x.py": "print('tests are not the plugin')\n",
            "proj-flat/pyproject.toml": '[project]\nname = "flat"\nversion = "1"\n'
            '[project.entry-points."other.group"]\nx = "flat_mod"\n',
            "proj-flat/flat_mod.py": "def new() -> None: ...\n",
            "proj-flat/setup.py": "import setuptools\nsetuptools.setup()\n",
            "notes.txt": "not a plugin\n",
        },
        dedent=True,
    )
    (plugins / "empty").mkdir()
    report = run_check(host)
    found = {(p.name, p.module) for p in report.plugins}
    assert found == {
        ("single", "single"),
        ("pkg", "pkg"),
        ("Proj.Src", "proj_src"),
        ("flat", "flat_mod"),
        ("empty", "empty"),  # the host imports it too: an empty namespace package
    }
    assert [(f.plugin, f.code) for f in report.findings] == [("empty", "PC101")]


def test_project_entry_point_table_names_the_module(tmp_path: Path) -> None:
    host = _host(tmp_path, 'paths = ["plugins/*"]\nentry-point-group = "demo.plugins"')
    project = tmp_path / "plugins" / "multi"
    write_host(
        project,
        files={
            "pyproject.toml": '[project]\nname = "multi"\nversion = "1"\n'
            '[project.entry-points."demo.plugins"]\nmulti = "multi_b.plugin"\n',
            "src/multi_a/__init__.py": "def new() -> None: ...\n",
            "src/multi_b/__init__.py": "",
            "src/multi_b/plugin.py": "VALUE = 1\n",
        },
        dedent=True,
    )
    report = run_check(host)
    assert [(p.name, p.module) for p in report.plugins] == [("multi", "multi_b.plugin")]
    assert [(f.code, f.location.path.name) for f in report.findings] == [("PC101", "plugin.py")]


def test_each_entry_point_of_a_project_in_the_group_is_a_plugin(tmp_path: Path) -> None:
    """The host loads every entry point a project registers in its group: checking only the
    first would pass the others unseen."""
    host = _host(tmp_path, 'paths = ["plugins/*"]\nentry-point-group = "demo.plugins"')
    project = tmp_path / "plugins" / "pair"
    write_host(
        project,
        files={
            "pyproject.toml": '[project]\nname = "pair"\nversion = "1"\n'
            '[project.entry-points."demo.plugins"]\nfirst = "pair.first"\nsecond = "pair.second"\n',
            "pair/__init__.py": "",
            "pair/first.py": "def new() -> None: ...\n",
            "pair/second.py": "VALUE = 1\n",
        },
        dedent=True,
    )
    for report in (run_check(host), run_check(project, config=host / "pyproject.toml")):
        assert [(p.name, p.module) for p in report.plugins] == [
            ("first", "pair.first"),
            ("second", "pair.second"),
        ]
        assert [(f.code, f.plugin) for f in report.findings] == [("PC101", "second")]


def test_explicit_paths_and_bad_paths(tmp_path: Path) -> None:
    host = _host(tmp_path, 'paths = ["plugins/*"]')
    write_host(
        tmp_path,
        files={
            "plugins/a.py": "def new() -> None: ...\n",
            "elsewhere/b.py": "x = 1\n",
        },
        dedent=True,
    )
    data = cli_json(
        "check",
        str(tmp_path / "elsewhere" / "b.py"),
        "--config",
        str(host / "pyproject.toml"),
        here=True,
    )
    assert [p["name"] for p in data["plugins"]] == ["b"]  # type: ignore[union-attr]
    proc = run_cli_here(
        "check", str(tmp_path / "elsewhere" / "nope.py"), "--config", str(host / "pyproject.toml")
    )
    assert proc.returncode == 2 and "no such file or directory" in proc.stderr
    (tmp_path / "elsewhere" / "data.txt").write_text("x")
    proc = run_cli_here(
        "check", str(tmp_path / "elsewhere" / "data.txt"), "--config", str(host / "pyproject.toml")
    )
    assert proc.returncode == 2 and "not a plugin" in proc.stderr
    proc = run_cli_here("check", str(host), "--python", str(tmp_path / "no-python"))
    assert proc.returncode == 2 and "no such interpreter" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_explicit_installed_module_is_its_entry_points(tmp_path: Path) -> None:
    """`check site-packages/x/styles.py`: the installed entry points that name the module are the
    plugins, in their own contract only (pygments: 4 styles in one module, none of them lexers)."""
    site = tmp_path / "site"
    (site / "themes").mkdir(parents=True)
    (site / "themes" / "__init__.py").write_text("")
    (site / "themes" / "styles.py").write_text(
        "class Dark:\n    pass\n\n\nclass Light:\n    pass\n"
    )
    info = site / "themes-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: themes\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[demo.styles]\ndark = themes.styles:Dark\nlight = themes.styles:Light\n"
    )
    (tmp_path / "pyproject.toml").write_text(
        textwrap.dedent(
            """\
            [tool.plugcheck.contracts.lexers]
            kind = "factory"
            entry-point-group = "demo.lexers"

            [tool.plugcheck.contracts.styles]
            kind = "factory"
            entry-point-group = "demo.styles"
            """
        )
    )
    data = cli_json(
        "check",
        "--config",
        str(tmp_path / "pyproject.toml"),
        "--no-dynamic",
        str(site / "themes" / "styles.py"),
        env={"PYTHONPATH": str(site)},
        here=True,
    )
    plugins = data["plugins"]
    assert isinstance(plugins, list)
    assert sorted((p["name"], p["contract"], p["distribution"]) for p in plugins) == [
        ("dark", "styles", "themes"),
        ("light", "styles", "themes"),
    ]
    assert data["findings"] == []


def test_project_that_is_not_a_table_is_still_a_plugin(tmp_path: Path) -> None:
    """A hostile pyproject (``project = 1``) gives findings, not a traceback."""
    host = _host(
        tmp_path,
        'paths = ["plugins/*"]\nentry-point-group = "demo.plugins"\n'
        'api = "demoapi"\napi-distribution = "demoapi"',
    )
    write_host(
        tmp_path,
        files={
            "demoapi/__init__.py": "",
        },
        dedent=True,
    )
    project = tmp_path / "plugins" / "odd"
    write_host(
        project,
        files={
            "pyproject.toml": "project = 1\n",
            "odd/__init__.py": "import demoapi\n\nVALUE = 1\n",
        },
        dedent=True,
    )
    proc = run_cli_here("check", str(host), "--no-dynamic", "--no-mypy")
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    report = run_check(host, dynamic=False, mypy=False)
    assert [p.name for p in report.plugins] == ["odd"]
    assert "PC101" in {f.code for f in report.findings}


def _not_utf8(tmp_path: Path, entry_points: str) -> tuple[Path, Path, Path]:
    """A host of group demo.plugins, a site folder, and in it a dist-info whose METADATA is not
    UTF-8 with ``entry_points``."""
    host = _host(tmp_path / "host", 'entry-point-group = "demo.plugins"')
    site = tmp_path / "site"
    broken = site / "broken-1.dist-info"
    broken.mkdir(parents=True)
    (broken / "METADATA").write_bytes(b"Metadata-Version: 2.1\nName: \xff\n")
    (broken / "entry_points.txt").write_text(entry_points)
    return host, site, broken


def test_unreadable_distribution_is_a_note(tmp_path: Path) -> None:
    """A dist-info that is not UTF-8 in the target environment and provides nothing of the
    contract's group: skipped with a note."""
    host, site, _ = _not_utf8(tmp_path, "[other.plugins]\nbroken = json\n")
    _install(site, "good", "[demo.plugins]\ngood = good\n", {"good.py": "def new() -> None: ...\n"})
    # A RECORD that is a FIFO (an install's code can make one): the static pass's read of every
    # RECORD for good's PC355 and PC356 blocked plugcheck for ever (red team red49).
    piped = site / "piped-1.dist-info"
    piped.mkdir()
    (piped / "METADATA").write_text("Metadata-Version: 2.1\nName: piped\nVersion: 1\n")
    os.mkfifo(piped / "RECORD")
    data = cli_json("check", str(host), "--no-dynamic", env={"PYTHONPATH": str(site)}, here=True)
    assert [p["name"] for p in data["plugins"]] == ["good"]  # type: ignore[index, union-attr]
    assert data["findings"] == []
    notes = [n for n in data["notes"] if "metadata cannot be read" in n]  # type: ignore[union-attr]
    assert len(notes) == 1 and "broken-1.dist-info" in notes[0]


def test_unreadable_distribution_with_a_plugin_is_an_error(tmp_path: Path) -> None:
    """The host's entry_points() reads only entry_points.txt: it loads a plugin whose METADATA is
    not UTF-8. Before, the run said "All checks passed: 0 plugins" (exit 0); now PC005 for each
    of its entry points of the group, and PC005 at the distribution when its entry_points.txt
    cannot be read either (any group may be one it provides)."""
    host, site, broken = _not_utf8(tmp_path, "[demo.plugins]\none = json\ntwo = csv\n")
    for command in ("check", "harness"):  # harness: no static pass, PC005 all the same
        proc = run_cli_here(command, str(host), "--no-mypy", env={"PYTHONPATH": str(site)})
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "All checks passed" not in proc.stdout and "PC005" in proc.stdout
    data = cli_json("check", str(host), "--no-dynamic", env={"PYTHONPATH": str(site)}, here=True)
    found = [(f["code"], f["plugin"], f["line"]) for f in data["findings"]]  # type: ignore[index, union-attr]
    assert found == [("PC005", "one", 2), ("PC005", "two", 3)]
    (broken / "entry_points.txt").write_bytes(b"[demo.plugins]\nthree = \xff\n")
    data = cli_json("check", str(host), "--no-dynamic", env={"PYTHONPATH": str(site)}, here=True)
    (finding,) = data["findings"]  # type: ignore[misc]
    assert finding["code"] == "PC005" and finding["plugin"] == "broken-1.dist-info"
    assert "may provide plugins of demo.plugins" in finding["message"]


def test_a_fifo_in_a_distributions_metadata_is_not_read(tmp_path: Path) -> None:
    """An entry_points.txt that is a FIFO blocked the environment query's read for ever (and
    plugcheck itself, describing its own interpreter): now it is not opened, and since the
    host's entry_points() reads it, the distribution is PC005."""
    host, site, broken = _not_utf8(tmp_path, "")
    (broken / "METADATA").write_text("Metadata-Version: 2.1\nName: broken\nVersion: 1\n")
    (broken / "entry_points.txt").unlink()
    os.mkfifo(broken / "entry_points.txt")
    data = cli_json("check", str(host), "--no-dynamic", env={"PYTHONPATH": str(site)}, here=True)
    (finding,) = data["findings"]  # type: ignore[misc]
    assert finding["code"] == "PC005", finding
    assert "entry_points.txt: not a regular file" in finding["message"]


def test_installed_entry_point_located_in_its_group(tmp_path: Path) -> None:
    """The finding's line is the entry point's own line: in its group, with its value."""
    host = _host(tmp_path / "host", 'entry-point-group = "demo.plugins"\nkeyed-by-name = true')
    site = tmp_path / "site"
    entry_points = (
        "[console_scripts]\nsame = json:dumps\n\n"
        "[demo.plugins]\nsame = nowhere_at_all [extra]\nsame = nowhere_at_all\n"
    )
    _install(site, "twice", entry_points, {})
    data = cli_json("check", str(host), "--no-dynamic", env={"PYTHONPATH": str(site)}, here=True)
    found = sorted((f["code"], f["line"]) for f in data["findings"])  # type: ignore[union-attr]
    assert found == [("PC002", 5), ("PC002", 6), ("PC003", 5)]


def test_fifos_and_broken_symlinks_are_not_plugin_files(tmp_path: Path) -> None:
    """A FIFO named *.py would block the parser; a symlink loop made resolve() raise."""
    host = _host(tmp_path, 'paths = ["plugins/*"]')
    plugins = tmp_path / "plugins"
    write_host(
        plugins,
        files={
            "pkg/__init__.py": "def new() -> None: ...\n",
        },
        dedent=True,
    )
    os.mkfifo(plugins / "pkg" / "pipe.py")
    os.mkfifo(plugins / "pipe.py")
    (plugins / "loop.py").symlink_to("loop.py")
    (plugins / "dangling.py").symlink_to("nowhere.py")
    (plugins / "pkg" / "loop.py").symlink_to("loop.py")
    proc = run_cli_here("check", str(host), "--no-mypy")
    # A FIFO named like a plugin module is not read (its import blocks the host for ever): a
    # plugin whose file cannot be read, PC001 (before: no plugin at all, "All checks passed").
    # So is a link loop or a dangling link named like one: the host lists the name and its
    # import fails (before: skipped, and the run said "All checks passed").
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "internal error" not in proc.stdout, proc.stdout
    report = run_check(host, mypy=False, dynamic=False)
    assert sorted(p.name for p in report.plugins) == ["dangling", "loop", "pipe", "pkg"]
    (pkg,) = [p for p in report.plugins if p.name == "pkg"]
    assert [f.name for f in pkg.files] == ["__init__.py"]
    assert sorted((f.plugin, f.code, f.message.split(": ", 2)[-1]) for f in report.findings) == [
        ("dangling", "PC001", "No such file or directory; the host's import fails here"),
        ("loop", "PC001", "Too many levels of symbolic links; the host's import fails here"),
        ("pipe", "PC001", "not a regular file; the host's import fails here"),
    ]


def test_relative_path_to_a_src_layout_project_is_imported_from_its_src(tmp_path: Path) -> None:
    # `check plugins/ccc` from the host's directory (red team finding 20): the project's import
    # root `plugins/ccc/src` was relative, and the plugin process (another working directory)
    # could not import it: PC401 "No module named 'ccc'" for a healthy project.
    _host(tmp_path, 'paths = ["plugins/*"]')
    write_host(
        tmp_path,
        files={
            "plugins/ccc/pyproject.toml": '[project]\nname = "ccc"\nversion = "1.0"\n',
            "plugins/ccc/src/ccc/__init__.py": "from ccc.impl import new\n",
            "plugins/ccc/src/ccc/impl.py": "def new() -> int:\n    return 1\n",
            # A lib/ layout its build configuration names: imported from lib/.
            "plugins/ddd/pyproject.toml": '[project]\nname = "ddd"\nversion = "1.0"\n'
            '[tool.setuptools.package-dir]\n"" = "lib"\n',
            "plugins/ddd/lib/ddd/__init__.py": "def new() -> int:\n    return 1\n",
        },
    )
    data = cli_json("check", "plugins/ccc", "plugins/ddd", cwd=tmp_path, here=True)
    assert data["findings"] == [], data["findings"]
    plugins = data["plugins"]
    assert isinstance(plugins, list)
    assert [p["name"] for p in plugins] == ["ccc", "ddd"]
    assert plugins[1]["harness"], plugins  # imported and run, from lib/
