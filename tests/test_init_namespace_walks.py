"""`plugcheck init` on a host that walks a namespace package for its plugin modules (issue 14):
Sopel 8's old `sopel_modules` shape, `import ns`, `for d in ns.__path__`, then
`ns.<name>` imported for each module found there."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.kinds import available

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.

# Sopel 8.0's shape (sopel/plugins/__init__.py, handlers.py): the package name reaches the
# import through a handler object, which keeps the module and calls its setup later.
WALKED = {
    "chirp/__init__.py": "",
    "chirp/tools.py": "def say(text):\n    return text\n",
    "chirp/plugins.py": """\
        import importlib
        import os


        def _names(directory):
            for filename in os.listdir(directory):
                name, ext = os.path.splitext(filename)
                if ext == ".py" or os.path.isdir(os.path.join(directory, filename)):
                    yield name


        class ModulePlugin:
            def __init__(self, name, package):
                self.module_name = package + "." + name
                self._module = None

            def load(self):
                self._module = importlib.import_module(self.module_name)

            def setup(self, bot):
                if hasattr(self._module, "setup"):
                    self._module.setup(bot)


        def find_chirp_modules_plugins():
            try:
                import chirp_modules
            except ImportError:
                return
            for plugin_dir in set(chirp_modules.__path__):
                for name in _names(plugin_dir):
                    yield ModulePlugin(name, "chirp_modules")


        def find_internal_plugins():
            import chirp
            for directory in chirp.__path__:
                for name in _names(directory):
                    yield ModulePlugin(name, "chirp")
        """,
}

PLUGINS = {
    "healthy": "from chirp import tools\n\n\ndef hello(bot):\n    return tools.say('hi')\n",
    "drifted": "from chirp import tools\n\n\ndef hello(bot):\n    return tools.shout('hi')\n",
    "py2": "def hello(bot):\n    print 'hi'\n",
}


def test_a_walked_namespace_package_gets_a_contract_by_path(tmp_path: Path) -> None:
    """The proposal, unedited, imports the package's plugins under their dotted names and
    judges their host names: the drifted one and the unparseable one, nothing on the healthy
    one. The host's own package, walked too, is no namespace of plugins."""
    host = write_host(tmp_path / "host", files=WALKED, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    assert "chirp/plugins.py:30" in proc.stdout
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.name == "chirp_modules"
    assert contract.options["namespace"] == "chirp_modules"
    assert contract.options["host-packages"] == ["chirp"]

    site = tmp_path / "site" / "chirp_modules"
    for name, source in PLUGINS.items():
        (site / name).mkdir(parents=True)
        (site / name / "__init__.py").write_text(source)
    paths = [str(site / name) for name in sorted(PLUGINS)]
    config = str(host / "pyproject.toml")
    data = cli_json("check", "--no-dynamic", "--config", config, *paths, here=True)
    found = {(f["plugin"], f["code"]) for f in data["findings"]}  # type: ignore[attr-defined]
    assert found == {("drifted", "PC530"), ("py2", "PC001")}, data["findings"]


def test_a_namespace_module_on_the_command_line_is_judged_once(tmp_path: Path) -> None:
    """Sopel proposes two contracts: its entry-point group, and the namespace package it walks.
    A module of the namespace named on the command line is the namespace contract's plugin
    only (the group's entry points never reach it), so each finding is reported once."""
    files = dict(WALKED)
    files["chirp/entry_points.py"] = """\
        from importlib import metadata


        def load_entry_point_plugins(bot):
            for entry_point in metadata.entry_points(group="chirp.plugins"):
                entry_point.load()(bot)
        """
    host = write_host(tmp_path / "host", files=files, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    contracts = load_config(host / "pyproject.toml", available()).contracts
    assert sorted(c.name for c in contracts) == ["chirp-plugins", "chirp_modules"], proc.stdout

    site = tmp_path / "site" / "chirp_modules"
    for name, source in PLUGINS.items():
        (site / name).mkdir(parents=True)
        (site / name / "__init__.py").write_text(source)
    paths = [str(site / name) for name in sorted(PLUGINS)]
    config = str(host / "pyproject.toml")
    data = cli_json("check", "--no-dynamic", "--config", config, *paths, here=True)
    found = [(f["contract"], f["plugin"], f["code"]) for f in data["findings"]]  # type: ignore[attr-defined]
    assert sorted(found) == [
        ("chirp_modules", "drifted", "PC530"),
        ("chirp_modules", "py2", "PC001"),
    ], data["findings"]


def test_the_walk_gets_the_lookups_of_the_handler_it_builds(tmp_path: Path) -> None:
    """Sopel 8: entry-point plugins are `EntryPointPlugin`s, a subclass of the `PyModulePlugin`
    the host builds for each module of the walked package; the `setup(bot)` lookup is made in
    the base's method, so both contracts get it (before, only the group's did, and a walked
    plugin's setup was never judged)."""
    files = dict(WALKED)
    files["chirp/plugins.py"] += """\


        class EntryPointPlugin(ModulePlugin):
            def __init__(self, entry_point):
                super().__init__(entry_point.name, "")
                self.entry_point = entry_point

            def load(self):
                self._module = self.entry_point.load()


        def find_entry_point_plugins():
            for entry_point in metadata.entry_points(group="chirp.plugins"):
                yield EntryPointPlugin(entry_point)
        """
    files["chirp/plugins.py"] = files["chirp/plugins.py"].replace(
        "import os\n", "import os\n        from importlib import metadata\n"
    )
    host = write_host(tmp_path / "host", files=files, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    group, _, walked = proc.stdout.partition("[tool.plugcheck.contracts.chirp_modules]")
    for contract in (group, walked):
        assert "setup = { optional = true }" in contract
        assert 'export = "setup"' in contract
