"""`plugcheck init`: a starter contract read from the host's code, printed or appended."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.kinds import available

from conftest import TESTDATA, cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports (about 0.5 s of CPU each).


SHOWCASE = TESTDATA / "showcase"


def test_showcase_proposal_matches_the_hand_written_contract(tmp_path: Path) -> None:
    proc = run_cli_here("init", str(SHOWCASE))
    assert proc.returncode == 0, proc.stderr
    host = tmp_path / "showcase"
    shutil.copytree(SHOWCASE, host, ignore=shutil.ignore_patterns("pyproject.toml"))
    shutil.copy(SHOWCASE / "api" / "pyproject.toml", host / "api" / "pyproject.toml")
    for project in (SHOWCASE / "plugins").glob("*/pyproject.toml"):
        shutil.copy(project, host / project.relative_to(SHOWCASE))
    (host / "pyproject.toml").write_text(proc.stdout)
    generated = load_config(host / "pyproject.toml", available())  # the proposal is a valid config
    (proposed,) = [c for c in generated.contracts if c.entry_point_group == "showcase.plugins"]
    (wanted,) = [
        c
        for c in load_config(SHOWCASE / "pyproject.toml", available()).contracts
        if c.entry_point_group == "showcase.plugins"
    ]
    assert (proposed.kind, proposed.api, proposed.api_distribution, proposed.paths) == (
        wanted.kind,
        wanted.api,
        wanted.api_distribution,
        wanted.paths,
    )
    assert {(e.name, str(e.type), e.versions) for e in proposed.exports} == {
        (e.name, str(e.type), e.versions) for e in wanted.exports
    }
    assert proposed.lifecycle and wanted.lifecycle
    assert proposed.lifecycle.protocol == wanted.lifecycle.protocol
    assert proposed.lifecycle.factory == wanted.lifecycle.factory
    assert proposed.lifecycle.config == wanted.lifecycle.config  # the host's init({...}) literal
    # Checked with the proposal, the plugins get the same static export findings, but PC103:
    # the host finds exports with getattr and never reads __all__, so init leaves `__all__`
    # conventions out; the hand-written contract keeps them as the host author's choice.
    assert list(proposed.options["ignore"]) == ["PC103"]
    assert "PC103" not in wanted.options.get("ignore", [])
    fast = ("--no-dynamic", "--no-mypy", "--select", "PC1", "--output-format", "json")
    ours = run_cli_here("check", str(host), *fast)
    theirs = run_cli_here("check", str(SHOWCASE), *fast)
    assert ours.returncode == theirs.returncode == 1
    pick = '"code"'
    assert sorted(line for line in ours.stdout.splitlines() if pick in line) == sorted(
        line for line in theirs.stdout.splitlines() if pick in line and "PC103" not in line
    )


HOST = {
    "src/acme/api.py": """\
        from abc import ABC, abstractmethod
        from collections.abc import Callable
        from typing import Protocol


        class Exporter(ABC):
            @abstractmethod
            def export(self, rows: list[str]) -> bytes: ...


        class Settings(Protocol):
            def get(self, key: str) -> str: ...


        Create = Callable[[Settings], Exporter]
        Describe = Callable[[], str]
        """,
    "src/acme/__init__.py": "",
    "src/acme/loader.py": """\
        import importlib.metadata as md

        EXPORTERS = "acme.exporters"


        def load_all(settings):
            found = {}
            for ep in md.entry_points().select(group=EXPORTERS):
                module = ep.load()
                found[ep.name] = module.create(settings)
            return found
        """,
}


def test_tmp_host_with_abcs_and_select(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=HOST, dedent=True)
    # A link to / in the host's tree is not walked: init read the whole machine and never
    # ended (red team red59).
    (host / "src" / "acme" / "everything").symlink_to("/")
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert 'entry-point-group = "acme.exporters"' in text
    assert 'api = "acme"' in text and 'search-path = ["src"]' in text
    # acme loads its plugins itself: they run only inside it, PC301 is not asked for.
    assert 'ignore = ["PC103", "PC301"]' in text  # and it never reads __all__
    assert 'create = "acme.api:Create"' in text
    assert '# describe = "acme.api:Describe"' in text
    assert "acme.api:Exporter" in text  # the ABC is named for the author to review
    (host / "pyproject.toml").write_text(text)
    config = load_config(host / "pyproject.toml", available())
    assert [c.name for c in config.contracts] == ["acme-exporters"]


def test_write_appends_and_preserves_the_file(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=HOST, dedent=True)
    original = textwrap.dedent(
        """\
        # Acme's build settings -- keep this comment
        [project]
        name    = "acme"   # aligned on purpose
        version = "1.0"

        [tool.ruff]
        line-length = 99"""
    )
    (host / "pyproject.toml").write_text(original)
    proc = run_cli_here("init", str(host), "--write")
    assert proc.returncode == 0, proc.stderr
    written = (host / "pyproject.toml").read_text()
    assert written.startswith(original + "\n\n[tool.plugcheck]")
    load_config(host / "pyproject.toml", available())
    again = run_cli_here("init", str(host), "--write")
    assert again.returncode == 2 and "already has a [tool.plugcheck] table" in again.stderr
    assert (host / "pyproject.toml").read_text() == written


def test_write_creates_pyproject_and_refuses_bad_toml(tmp_path: Path) -> None:
    host = write_host(tmp_path / "a", files=HOST, dedent=True)
    assert run_cli_here("init", str(host), "--write").returncode == 0
    load_config(host / "pyproject.toml", available())
    broken = write_host(tmp_path / "b", files={**HOST, "pyproject.toml": "[project\n"}, dedent=True)
    proc = run_cli_here("init", str(broken), "--write")
    assert proc.returncode == 2 and "invalid TOML" in proc.stderr
    assert "Traceback" not in proc.stderr
    inline = write_host(
        tmp_path / "c", files={**HOST, "pyproject.toml": "tool = { ruff = {} }\n"}, dedent=True
    )
    proc = run_cli_here("init", str(inline), "--write")
    assert proc.returncode == 2 and "cannot append" in proc.stderr


PLUGGY_HOST = {
    "src/calc/__init__.py": "",
    "src/calc/hookspecs.py": """\
        import pluggy

        hookspec = pluggy.HookspecMarker("calc")


        @hookspec
        def calc_operations() -> list[str]:
            ...
        """,
    "src/calc/main.py": """\
        import pluggy

        from calc import hookspecs

        PROJECT = "calc"


        def manager() -> pluggy.PluginManager:
            pm = pluggy.PluginManager(PROJECT)
            pm.add_hookspecs(hookspecs)
            pm.load_setuptools_entrypoints("calc.plugins")
            return pm
        """,
}


def test_pluggy_host(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=PLUGGY_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert 'kind = "pluggy"' in proc.stdout
    assert 'entry-point-group = "calc.plugins"' in proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.kind == "pluggy" and contract.search_path == (host / "src",)
    assert contract.options["pluggy"] == {
        "project": "calc",
        "hookspecs": ["calc.hookspecs"],
        "check-pending": False,  # the host never calls pm.check_pending()
        "stand-ins": {},  # calc_operations() takes no argument: it is called with none
    }


def test_installed_package_as_host_dir(tmp_path: Path) -> None:
    """`init site-packages/tox`: the host directory is the package itself (its root is the
    parent), the project name is re-exported through two modules, and the marker is annotated."""
    site = write_host(
        tmp_path / "site",
        files={
            "hosty/__init__.py": "",
            "hosty/plugin/__init__.py": "from .marker import NAME, impl\n",
            "hosty/plugin/marker.py": """\
                import pluggy
                NAME = "hosty"
                impl = pluggy.HookimplMarker(NAME)
                """,
            "hosty/plugin/spec.py": """\
                from typing import Final
                import pluggy
                from . import NAME
                _SPEC: Final[pluggy.HookspecMarker] = pluggy.HookspecMarker(NAME)

                @_SPEC
                def hosty_configure(config): ...
                """,
            "hosty/plugin/manager.py": """\
                from importlib.metadata import entry_points

                import pluggy
                from . import NAME

                SCRIPTS = entry_points(group="console_scripts")  # read, not a plugin group

                def load():
                    pm = pluggy.PluginManager(NAME)
                    pm.load_setuptools_entrypoints(NAME)
                """,
        },
        dedent=True,
    )
    proc = run_cli_here("init", str(site / "hosty"))
    assert proc.returncode == 0, proc.stderr
    assert 'search-path = [".."]' in proc.stdout
    assert 'entry-point-group = "hosty"' in proc.stdout
    (site / "hosty" / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(site / "hosty" / "pyproject.toml", available()).contracts
    assert contract.options["pluggy"]["project"] == "hosty"
    assert contract.options["pluggy"]["hookspecs"] == ["hosty.plugin.spec"]


def test_groups_passed_through_a_helper_or_compared(tmp_path: Path) -> None:
    """pygments passes the group to a helper; flake8 filters `ep.group in FLAKE8_GROUPS`."""
    host = write_host(
        tmp_path,
        files={
            "lexy/plugin.py": """\
                from importlib.metadata import entry_points
                LEXERS = "lexy.lexers"

                def iter_entry_points(group_name):
                    return entry_points().select(group=group_name)

                def find_lexers():
                    return [ep.load() for ep in iter_entry_points(LEXERS)]
                """,
            "lexy/finder.py": """\
                import importlib.metadata
                GROUPS = frozenset(("lexy.extension", "lexy.report"))

                def find():
                    for dist in importlib.metadata.distributions():
                        for ep in dist.entry_points:
                            if ep.group in GROUPS:
                                yield ep
                            elif ep.group == "lexy.other":
                                yield ep
                """,
        },
        dedent=True,
    )
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    contracts = load_config(host / "pyproject.toml", available()).contracts
    assert sorted(c.entry_point_group or "" for c in contracts) == [
        "lexy.extension",
        "lexy.lexers",
        "lexy.other",
        "lexy.report",
    ]


def test_fallback_lookups_become_one_versioned_export(tmp_path: Path) -> None:
    """``getattr(m, "register_v2", None) or getattr(m, "register_v1")``: one required export
    whose versions are both names, newest first (not an optional ``register`` nobody defines)."""
    root = write_host(
        tmp_path,
        files={
            "pyproject.toml": '[project]\nname = "host"\nversion = "1"\n',
            "src/host_api/__init__.py": """\
                from collections.abc import Callable


                class Registry: ...


                Register = Callable[[Registry], None]
            """,
            "src/host/__init__.py": """\
                from importlib.metadata import entry_points


                def load():
                    for ep in entry_points(group="host.plugins"):
                        mod = ep.load()
                        hook = getattr(mod, "register_v1", None) or getattr(mod, "register_v2")
            """,
        },
        dedent=True,
    )
    proc = run_cli_here("init", str(root))
    assert proc.returncode == 0, proc.stderr
    assert 'register = { versions = ["register_v2", "register_v1"] }' in proc.stdout
    assert "optional" not in proc.stdout


def test_host_package_named_plugins_is_not_a_plugin_directory(tmp_path: Path) -> None:
    """flake8 has its own `flake8/plugins/` package: not where third-party plugins live."""
    host = write_host(
        tmp_path,
        files={
            "linty/__init__.py": "",
            "linty/plugins/__init__.py": "",
            "linty/plugins/finder.py": """\
                from importlib.metadata import entry_points

                def find():
                    return [ep.load() for ep in entry_points(group="linty.extension")]
                """,
        },
        dedent=True,
    )
    proc = run_cli_here("init", str(host / "linty"))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-group = "linty.extension"' in proc.stdout
    assert "paths" not in proc.stdout


SUBCLASS_HOST = {
    # The markers and the project name live in another package of the host.
    "src/calcapi/__init__.py": "",
    "src/calcapi/markers.py": """\
        import pluggy

        NAME = "calc"
        hookspec = pluggy.HookspecMarker(NAME)
        hookimpl = pluggy.HookimplMarker(NAME)
        """,
    "src/calc/__init__.py": "",
    "src/calc/specs.py": """\
        from calcapi.markers import hookspec


        class CalcSpecs:
            @hookspec
            def calc_operations(self, registry):
                ...


        class ReportSpecs:
            @hookspec
            def calc_report(self, lines):
                ...

            @hookspec(historic=True)
            def calc_addhooks(self, pluginmanager):
                ...
        """,
    "src/calc/manager.py": """\
        import pluggy

        from calc import specs
        from calc.specs import ReportSpecs
        from calcapi.markers import NAME


        class CalcManager(pluggy.PluginManager):
            def __init__(self):
                super().__init__(NAME)
                self.add_hookspecs(specs.CalcSpecs)


        def load():
            pm = CalcManager()
            pm.add_hookspecs(ReportSpecs)
            pm.hook.calc_addhooks.call_historic(kwargs=dict(pluginmanager=pm))
            pm.load_setuptools_entrypoints("calc.plugins")
            pm.check_pending()
            return pm
        """,
    # The host's own tests and docs are not how it loads plugins.
    "tests/test_manager.py": """\
        import pluggy
        from calc.specs import CalcSpecs

        def test_it():
            pm = pluggy.PluginManager("other")
            pm.add_hookspecs(CalcSpecs)
        """,
    "docs/conf.py": "import pluggy\npm = pluggy.PluginManager('docs')\n",
    "plugins/good.py": """\
        from calcapi.markers import hookimpl


        @hookimpl
        def calc_operations(registry):
            registry.append("add")
        """,
    "plugins/bad.py": """\
        from calcapi.markers import hookimpl


        @hookimpl
        def calc_operation(registry):
            registry.append("sub")
        """,
}


def test_pluggy_host_with_subclassed_manager_and_class_hookspecs(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=SUBCLASS_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert "calc.manager:CalcManager" in proc.stdout  # the evidence is named
    (host / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    pluggy = contract.options["pluggy"]
    assert pluggy["project"] == "calc"
    assert sorted(pluggy["hookspecs"]) == ["calc.specs:CalcSpecs", "calc.specs:ReportSpecs"]
    assert "check-pending" not in pluggy  # the host calls check_pending()
    assert pluggy["addhooks"] == "calc_addhooks"  # plugins get the manager: their own specs
    assert contract.options["keyed-by-name"] is True  # pluggy skips a name registered before
    assert contract.entry_point_group == "calc.plugins"
    # Run unedited: no usage error, no error for the healthy plugin, the unknown hook found.
    data = cli_json("check", "--no-mypy", cwd=host, here=True)
    codes = {(f["plugin"], f["code"]) for f in data["findings"] if f["severity"] == "error"}
    assert ("bad", "PC501") in codes
    assert not [c for c in codes if c[0] == "good"]


def test_hookspecs_module_with_only_class_specs_is_a_configuration_error(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=SUBCLASS_HOST, dedent=True)
    (host / "pyproject.toml").write_text(
        textwrap.dedent(
            """\
            [tool.plugcheck]
            search-path = ["src"]
            [tool.plugcheck.contracts.calc]
            kind = "pluggy"
            paths = ["plugins/*"]
            pluggy = { project = "calc", hookspecs = ["calc.specs"] }
            """
        )
    )
    proc = run_cli_here("check", str(host), "--no-mypy", "--no-dynamic")
    assert proc.returncode == 2, proc.stdout
    (line,) = proc.stderr.strip().splitlines()
    assert "'calc.specs' declares its hookspecs only inside classes" in line
    assert "'calc.specs:CalcSpecs', 'calc.specs:ReportSpecs'" in line


# Kedro's shape: two managers, each with its own project, spec classes and group. The pipeline
# manager is made in one function and loads its group in another; the CLI manager is a subclass
# that does both in its __init__.
TWO_MANAGERS = {
    "src/kh/__init__.py": "",
    "src/kh/markers.py": """\
        import pluggy

        NAME = "kh"
        CLI_NAME = "kh_cli"
        hook_spec = pluggy.HookspecMarker(NAME)
        cli_hook_spec = pluggy.HookspecMarker(CLI_NAME)
        """,
    "src/kh/specs.py": """\
        from kh.markers import hook_spec


        class NodeSpecs:
            @hook_spec
            def before_node_run(self, node):
                ...


        class CatalogSpecs:
            @hook_spec
            def after_catalog_created(self, catalog):
                ...
        """,
    "src/kh/cli_specs.py": """\
        from kh.markers import cli_hook_spec


        class CLICommandSpecs:
            @cli_hook_spec
            def before_command_run(self, command_args):
                ...
        """,
    "src/kh/manager.py": """\
        from pluggy import PluginManager

        from kh.markers import NAME
        from kh.specs import CatalogSpecs, NodeSpecs


        def create_manager():
            manager = PluginManager(NAME)
            manager.add_hookspecs(NodeSpecs)
            manager.add_hookspecs(CatalogSpecs)
            return manager


        def register_entry_points(manager):
            manager.load_setuptools_entrypoints("kh.hooks")
        """,
    "src/kh/cli.py": """\
        from pluggy import PluginManager

        from kh.cli_specs import CLICommandSpecs
        from kh.markers import CLI_NAME


        class CLIHooksManager(PluginManager):
            def __init__(self):
                super().__init__(CLI_NAME)
                self.add_hookspecs(CLICommandSpecs)
                self.load_setuptools_entrypoints("kh.cli_hooks")
        """,
}


def test_a_pluggy_host_with_a_manager_per_group(tmp_path: Path) -> None:
    """Each group gets the project and spec classes of the manager that loads it: one manager's
    spec classes hold none of the other project's specs (add_hookspecs would refuse them)."""
    host = write_host(tmp_path, files=TWO_MANAGERS, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    contracts = {
        c.entry_point_group: c for c in load_config(host / "pyproject.toml", available()).contracts
    }
    assert set(contracts) == {"kh.hooks", "kh.cli_hooks"}
    hooks, cli = (
        contracts["kh.hooks"].options["pluggy"],
        contracts["kh.cli_hooks"].options["pluggy"],
    )
    assert hooks["project"] == "kh"
    assert sorted(hooks["hookspecs"]) == ["kh.specs:CatalogSpecs", "kh.specs:NodeSpecs"]
    assert cli["project"] == "kh_cli"
    assert cli["hookspecs"] == ["kh.cli_specs:CLICommandSpecs"]
    # Run unedited (no plugins installed): every entry is one pluggy takes, no usage error.
    assert run_cli_here("check", "--no-mypy", cwd=host).returncode == 0


# Both groups loaded outside every manager's scope, by receivers bound to the managers in the
# function that loads them: the receiver tells which manager loads which group.
LOADED_OUTSIDE = {
    **TWO_MANAGERS,
    "src/kh/manager.py": """\
        from pluggy import PluginManager

        from kh.markers import NAME
        from kh.specs import CatalogSpecs, NodeSpecs


        def create_manager():
            manager = PluginManager(NAME)
            manager.add_hookspecs(NodeSpecs)
            manager.add_hookspecs(CatalogSpecs)
            return manager
        """,
    "src/kh/cli.py": """\
        from pluggy import PluginManager

        from kh.cli_specs import CLICommandSpecs
        from kh.markers import CLI_NAME


        class CLIHooksManager(PluginManager):
            def __init__(self):
                super().__init__(CLI_NAME)
                self.add_hookspecs(CLICommandSpecs)
        """,
    "src/kh/app.py": """\
        from kh.cli import CLIHooksManager
        from kh.manager import create_manager


        def main():
            cli = CLIHooksManager()
            hooks = create_manager()
            cli.load_setuptools_entrypoints("kh.cli_hooks")
            hooks.load_setuptools_entrypoints("kh.hooks")
        """,
}


def test_a_pluggy_host_whose_groups_are_loaded_outside_the_managers(tmp_path: Path) -> None:
    """Before: one contract for both groups (no manager's scope loads either). Now the
    receiver of each load_setuptools_entrypoints call names its manager: one per group."""
    host = write_host(tmp_path, files=LOADED_OUTSIDE, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    contracts = {
        c.entry_point_group: c for c in load_config(host / "pyproject.toml", available()).contracts
    }
    assert set(contracts) == {"kh.hooks", "kh.cli_hooks"}, proc.stdout
    hooks, cli = (
        contracts["kh.hooks"].options["pluggy"],
        contracts["kh.cli_hooks"].options["pluggy"],
    )
    assert hooks["project"] == "kh"
    assert sorted(hooks["hookspecs"]) == ["kh.specs:CatalogSpecs", "kh.specs:NodeSpecs"]
    assert cli["project"] == "kh_cli"
    assert cli["hookspecs"] == ["kh.cli_specs:CLICommandSpecs"]
    assert run_cli_here("check", "--no-mypy", cwd=host).returncode == 0


LINTER_HOST = {
    # pylint's shape: a loader function, then `module.register(self)`; the result is dropped.
    "lintr/__init__.py": "",
    "lintr/linter.py": """\
        from astroid import modutils


        class Linter:
            def load_plugins(self, names):
                for name in names:
                    module = modutils.load_module_from_name(name)
                    module.register(self)

            def add_checker(self, checker):
                self.checker = checker
        """,
    "lintr/config.py": """\
        import tomllib


        def read(fp):
            content = tomllib.load(fp)  # json/toml load(fp) is not a plugin loader
            return content.get("tool")
        """,
    "tests/test_linter.py": """\
        def test_plugins(module):
            module.teardown(self)
        """,
}


def test_register_self_becomes_a_setup_function(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=LINTER_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert "lintr/linter.py:8" in proc.stdout
    assert "get" not in proc.stdout and "teardown" not in proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.kind == "factory"
    assert [(e.name, str(e.kind.value)) for e in contract.exports] == [("register", "callable")]
    assert contract.options["setup-function"] == {
        "export": "register",
        "argument": "lintr.linter:Linter",
        "returns": "any",
    }
    # The host passes itself, as set up by then: a fresh Linter() is not that, so no stand-in.
    assert "TODO" in proc.stdout and "self: the host's lintr.linter:Linter" in proc.stdout
    assert contract.options["host-packages"] == ["lintr"]
    # A healthy plugin and one using a method the host's object lacks, checked unedited.
    write_host(
        host,
        files={
            "plugins/good.py": "def register(linter):\n    linter.add_checker(object())\n",
            "plugins/bad.py": "def register(linter):\n    linter.add_reporter(object())\n",
        },
        dedent=True,
    )
    data = cli_json("check", "--no-mypy", cwd=host, here=True)
    errors = {(f["plugin"], f["code"]) for f in data["findings"] if f["severity"] == "error"}
    assert errors == {("bad", "PC531")}


def test_default_name_versioned_call_and_isinstance_check(tmp_path: Path) -> None:
    """``getattr(module, func_name)(version)`` with a default name; the result is checked
    with ``issubclass`` against a host class, then instantiated."""
    host = write_host(
        tmp_path,
        files={
            "tooly/__init__.py": "",
            "tooly/base.py": "class Plugin:\n    def __init__(self, options): ...\n",
            "tooly/load.py": """\
                import importlib

                from tooly.base import Plugin


                def load(name, version, func_name="plugin"):
                    module = importlib.import_module(name)
                    cls = getattr(module, func_name)(version)
                    if not issubclass(cls, Plugin):
                        raise TypeError(name)
                    return cls({})
                """,
        },
        dedent=True,
    )
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.options["setup-function"] == {
        "export": "plugin",
        "returns": "subclass",
        "return-type": "tooly.base:Plugin",
        "instantiate-with": ["builtins:dict"],  # the host's cls({})
    }
    assert "one module:callable per argument the host passes (version)" in proc.stdout


def test_entry_point_objects_called_by_the_host(tmp_path: Path) -> None:
    """``ep.load()(registry)`` and ``isinstance(obj, Base)``: the object each entry point names
    is the entry function; ``registry`` is a parameter nothing types, so its stand-in is a TODO
    (no export, no stand-in is invented)."""
    host = write_host(
        tmp_path,
        files={
            "exty/__init__.py": "",
            "exty/base.py": "class Extension: ...\n",
            "exty/core.py": """\
                from importlib.metadata import entry_points

                from exty.base import Extension


                def extensions(registry):
                    found = []
                    for ep in entry_points(group="exty.extensions"):
                        ext = ep.load()(registry)
                        if not isinstance(ext, Extension):
                            raise TypeError(ep.name)
                        found.append(ext)
                    return found
                """,
        },
        dedent=True,
    )
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert "TODO: one module:callable per argument the host passes (registry)" in proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.entry_point_group == "exty.extensions" and not contract.exports
    assert contract.options["setup-function"] == {
        "export": "entry-point",
        "returns": "instance",
        "return-type": "exty.base:Extension",
    }


TYPED_CALLS_HOST = {
    # An extension host: each entry point names a callable the host calls with its registry
    # (built from its own class), its options (an annotated parameter) and a keyword literal.
    "regy/__init__.py": "",
    "regy/base.py": """\
        class Extension:
            def __init__(self, registry):
                self.registry = registry


        class Registry:
            def __init__(self, strict=False):
                self.items = {}

            def add(self, name, item):
                self.items[name] = item


        class Options:
            def __init__(self, path, verbose=False):
                self.path = path
        """,
    "regy/app.py": """\
        from importlib.metadata import entry_points

        from regy import base
        from regy.base import Options as Opts


        class App:
            def __init__(self, options: Opts):
                self.registry = base.Registry()
                self.options = options

            def load(self):
                registry = base.Registry()
                for ep in entry_points(group="regy.extensions"):
                    ext = ep.load()(registry, flags={})
                    if not isinstance(ext, base.Extension):
                        raise TypeError(ep.name)
                    self.registry.add(ep.name, ext)

            def reload(self):
                for ep in entry_points(group="regy.reloaded"):
                    ext = ep.load()(self.registry)
                    if not isinstance(ext, base.Extension):
                        raise TypeError(ep.name)

            def configure(self, options: Opts):
                for ep in entry_points(group="regy.configurators"):
                    ep.load()(options)
        """,
}


def test_arguments_are_typed_and_built_from_the_host_code(tmp_path: Path) -> None:
    """Each argument's class read from the host's code (``registry = base.Registry()``,
    ``self.registry = base.Registry()``, an annotated parameter). The class stands in only where
    the host builds the argument right before the call with no arguments; a literal ``{}`` is
    built by ``builtins:dict``; what the host set up earlier (its own registry, the options it
    was given) is a TODO naming the class."""
    host = write_host(tmp_path, files=TYPED_CALLS_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    contracts = {c.name: c for c in load_config(host / "pyproject.toml", available()).contracts}
    assert contracts["regy-configurators"].options["setup-function"] == {
        "export": "entry-point",
        "argument": "regy.base:Options",
        "returns": "any",
    }
    assert "options: the host's regy.base:Options as set up at the call" in proc.stdout
    assert contracts["regy-reloaded"].options["setup-function"] == {
        "export": "entry-point",
        "argument": "regy.base:Registry",
        "returns": "instance",
        "return-type": "regy.base:Extension",
    }
    assert "self.registry: the host's regy.base:Registry as set up at the call" in proc.stdout
    assert contracts["regy-extensions"].options["setup-function"] == {
        "export": "entry-point",
        "argument": "regy.base:Registry",
        "returns": "instance",
        "return-type": "regy.base:Extension",
        "stand-ins": ["regy.base:Registry"],
        "keyword-stand-ins": {"flags": "builtins:dict"},
    }


PUBLISHER_HOST = {
    "pubgen/__init__.py": """\
        from pubgen.plugins import signals
        from pubgen.plugins._utils import load_plugins


        class Publisher:
            def __init__(self, settings):
                self.settings = settings
                self.plugins = []
                for plugin in load_plugins(settings):
                    plugin.register()
                    self.plugins.append(plugin)
                signals.initialized.send(self)
        """,
    "pubgen/plugins/signals.py": "class Signal:\n    def connect(self, f): ...\n\n\n"
    "initialized = Signal()\n",
    "pubgen/plugins/_utils.py": """\
        import importlib
        import pkgutil


        def namespace_plugins():
            import pubgen.plugins as ns

            return {
                name: importlib.import_module(name)
                for _, name, ispkg in pkgutil.iter_modules(ns.__path__, "pubgen.plugins.")
                if ispkg
            }


        def load_plugins(settings):
            found = namespace_plugins()
            return [found[name] for name in settings.get("PLUGINS", found)]
        """,
}


def test_modules_a_host_function_returns_then_register_with_no_arguments(
    tmp_path: Path,
) -> None:
    """Pelican's shape: ``for plugin in load_plugins(settings): plugin.register()``, where
    load_plugins returns what another host function imported. The call passes nothing, so the
    proposal's stand-ins are exact (``[]``) and the function is called as the host calls it."""
    host = write_host(tmp_path, files=PUBLISHER_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.options["setup-function"] == {
        "export": "register",
        "returns": "any",
        "stand-ins": [],
    }
    assert contract.options["host-packages"] == ["pubgen"]
    write_host(
        host,
        files={
            "plugins/good.py": "from pubgen import signals\n\n\ndef register():\n"
            "    signals.initialized.connect(print)\n",
            "plugins/gone.py": "from pubgen import signals\n\n\ndef register():\n"
            "    signals.finalized.connect(print)\n",
            "plugins/raises.py": "def register():\n    raise RuntimeError('needs SITEURL')\n",
        },
        dedent=True,
    )
    data = cli_json("check", "--no-mypy", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    errors = {(f["plugin"], f["code"]) for f in data["findings"] if f["severity"] == "error"}
    assert errors == {("gone", "PC530"), ("raises", "PC532")}


def test_an_installed_host_names_its_own_distribution(tmp_path: Path) -> None:
    """A host installed in a venv that lives inside some project: its api-distribution is the
    one whose RECORD ships the package, not the project around the venv. Where two RECORDs list
    it (Faker 40 installed over fake-factory 9999.9.9, a stub that shipped the same files), the
    one whose recorded hash is the file on disk."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "surrounding"\nversion = "1"\n')
    empty = "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"  # sha256 of b"", as RECORD spells it
    site = write_host(
        tmp_path / "venv" / "lib" / "python3.11" / "site-packages",
        files={
            "lintr/__init__.py": "",
            "lintr/api.py": "from typing import Protocol\n\n\nclass Checker(Protocol):\n"
            "    def check(self) -> None: ...\n",
            "lintr/linter.py": LINTER_HOST["lintr/linter.py"],
            "lintr-2.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: lintr\nVersion: 2.0\n",
            "lintr-2.0.dist-info/RECORD": f"lintr/__init__.py,sha256={empty},0\nlintr/api.py,,\n",
            "legacy_lintr-9999.dist-info/METADATA": "Name: legacy-lintr\nVersion: 9999\n",
            "legacy_lintr-9999.dist-info/RECORD": "lintr/__init__.py,sha256=stale,12\n",
        },
        dedent=True,
    )
    proc = run_cli_here("init", str(site / "lintr"))
    assert proc.returncode == 0, proc.stderr
    assert 'api-distribution = "lintr"' in proc.stdout
    assert "surrounding" not in proc.stdout


def test_import_then_sys_modules_and_a_lookup_the_host_raises_on(tmp_path: Path) -> None:
    """coverage's shape: ``__import__(name)`` then ``mod = sys.modules[name]``; the host raises
    when ``getattr(mod, "coverage_init", None)`` is empty, so the export is required; the
    registry is ``cls()`` in a classmethod, then set up (no fresh stand-in)."""
    host = write_host(
        tmp_path,
        files={
            "covy/__init__.py": "",
            "covy/support.py": """\
                import sys


                class Plugins:
                    @classmethod
                    def load(cls, modules, config):
                        plugins = cls()
                        plugins.config = config
                        for module in modules:
                            __import__(module)
                            mod = sys.modules[module]
                            init = getattr(mod, "coverage_init", None)
                            if not init:
                                raise ImportError(module)
                            init(plugins, config.get(module))

                    def add_file_tracer(self, tracer):
                        self.tracer = tracer
                """,
            "covy/other.py": """\
                import sys


                def settings():
                    return getattr(sys.modules[__name__], "SETTINGS", None)
                """,
        },
        dedent=True,
    )
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert [(e.name, e.optional) for e in contract.exports] == [("coverage_init", False)]
    assert contract.options["setup-function"] == {
        "export": "coverage_init",
        "arguments": ["covy.support:Plugins", ""],
        "returns": "any",
    }
    assert "plugins: the host's covy.support:Plugins as set up at the call" in proc.stdout


# yt-dlp's shape: the suffix is a field of a spec object each kind builds in its own module, the
# namespace package walked is f"{PACKAGE_NAME}.{subpackage}" with the spec's other field.
NAME_PICKS_HOST = {
    "ydl/__init__.py": "",
    "ydl/plugins.py": """\
        import dataclasses
        import importlib
        import inspect
        import pkgutil

        PACKAGE_NAME = "ydl_plugins"
        SPECS = {}


        @dataclasses.dataclass
        class PluginSpec:
            module_name: str
            suffix: str


        def iter_modules(subpackage):
            fullname = f"{PACKAGE_NAME}.{subpackage}"
            pkg = importlib.import_module(fullname)
            yield from pkgutil.iter_modules(path=pkg.__path__, prefix=f"{fullname}.")


        def get_regular_classes(module, module_name, suffix):
            return inspect.getmembers(module, lambda obj: (
                inspect.isclass(obj)
                and obj.__name__.endswith(suffix)
                and obj.__module__.startswith(module_name)
            ))


        def load_plugins(plugin_spec: PluginSpec):
            name, suffix = plugin_spec.module_name, plugin_spec.suffix
            classes = {}
            for _, module_name, _ in iter_modules(name):
                module = importlib.import_module(module_name)
                classes.update(get_regular_classes(module, module_name, suffix))
            return classes


        def register_plugin_spec(plugin_spec):
            SPECS[plugin_spec.module_name] = plugin_spec
        """,
    "ydl/extractor/__init__.py": """\
        from ..plugins import PluginSpec, register_plugin_spec

        register_plugin_spec(PluginSpec(module_name="extractor", suffix="IE"))
        """,
    "ydl/postprocessor/__init__.py": """\
        from ..plugins import PluginSpec, register_plugin_spec

        register_plugin_spec(PluginSpec(module_name="postprocessor", suffix="PP"))
        """,
}


def test_a_host_that_picks_classes_by_a_name_suffix(tmp_path: Path) -> None:
    """yt-dlp's shape: each kind's spec names the suffix (``*IE``) and the namespace package
    walked (``ydl_plugins.extractor``): a contract per kind with that namespace and a
    plugin-classes table with name-suffix (commented out: what the host passes the class is
    not read). Before: no plugin mechanism found, a placeholder contract."""
    host = write_host(tmp_path, files=NAME_PICKS_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    contracts = load_config(host / "pyproject.toml", available()).contracts
    assert {c.options["namespace"]: c.paths for c in contracts} == {
        "ydl_plugins.extractor": ("ydl_plugins/extractor/*",),
        "ydl_plugins.postprocessor": ("ydl_plugins/postprocessor/*",),
    }
    for suffix in ("IE", "PP"):
        assert (
            f'# name-suffix = "{suffix}"  # the host takes the module\'s public classes named'
            f" *{suffix}: ydl/plugins.py:25" in proc.stdout
        ), proc.stdout


@pytest.mark.parametrize("own_only", [False, True], ids=["any-module", "own-module"])
def test_a_host_that_builds_the_plugin_classes_a_module_defines(
    tmp_path: Path, own_only: bool
) -> None:
    """beets' shape: ``import_module(f"{NAMESPACE}.{name}")``, then the last subclass of its
    base among the module's values is built with no arguments: plugin-classes, namespace. A
    scan that tests no ``__module__`` takes an imported subclass too: ``defined-here = false``;
    beets' test of it (``own_only``) keeps the default."""
    test = " and obj.__module__ == module.__name__" if own_only else ""
    host = write_host(
        tmp_path,
        files={
            "tunes/__init__.py": "",
            "tunes/plugins.py": """\
                import inspect
                from importlib import import_module

                NAMESPACE = "tunesplug"


                class TunesPlugin:
                    def commands(self):
                        return []


                def get_plugin(name):
                    module = import_module(f"{NAMESPACE}.{name}")
                    for obj in reversed(module.__dict__.values()):
                        if inspect.isclass(obj) and issubclass(obj, TunesPlugin)OWN_ONLY:
                            return obj()
                    return None
                """.replace("OWN_ONLY", test),
        },
        dedent=True,
    )
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.options["namespace"] == "tunesplug"
    assert contract.options["host-packages"] == ["tunes"]
    assert contract.options["plugin-classes"] == {
        "base": "tunes.plugins:TunesPlugin",
        "pick": "last",
        **({} if own_only else {"defined-here": False}),
        "stand-ins": [],
    }


def test_a_vendored_package_is_not_read_as_host_code(tmp_path: Path) -> None:
    """isort 9 ships tomli under isort/_vendored/: its `ParseFloat` Callable alias is no API of
    isort's, so no export is proposed from it and the group contract is the host's own."""
    files = {
        "pyproject.toml": '[project]\nname = "srt"\nversion = "1.0"\n',
        "srt/__init__.py": "",
        "srt/settings.py": """\
            from importlib.metadata import entry_points


            def formatter(name):
                for ep in entry_points(group="srt.formatters"):
                    if ep.name == name:
                        return ep.load()
            """,
        "srt/_vendored/__init__.py": "",
        "srt/_vendored/tomli/__init__.py": "",
        "srt/_vendored/tomli/_types.py": """\
            from typing import Any, Callable

            ParseFloat = Callable[[str], Any]
            """,
    }
    host = write_host(tmp_path, files=files, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-group = "srt.formatters"' in proc.stdout
    assert "ParseFloat" not in proc.stdout and "_vendored" not in proc.stdout
