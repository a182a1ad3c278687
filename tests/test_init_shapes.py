"""`plugcheck init` on host shapes read from real hosts (issue 14.4 / 20.6): names folded from
constants of other modules, groups compared or iterated, a loader in another package of the
host's family, a namespace package, methods the host calls on the object a plugin builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.kinds import available
from plugcheck.model import ExportKind

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


def _proposal(host: Path) -> str:
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    return proc.stdout


# sqlfluff 4.3.0's shape: the project name is an f-string over a constant of another module,
# the hookspecs a class, the group found by `ep.group != project_name` over `dist.entry_points`.
FOLDED_PLUGGY = {
    "src/quill/__init__.py": "",
    "src/quill/plugin/__init__.py": """\
        import pluggy

        project_name = "quill"
        plugin_base_name = f"{project_name}-plugin"
        hookimpl = pluggy.HookimplMarker(plugin_base_name)
        """,
    "src/quill/plugin/hookspecs.py": """\
        import pluggy

        from quill.plugin import plugin_base_name

        hookspec = pluggy.HookspecMarker(plugin_base_name)


        class PluginSpec:
            @hookspec
            def get_rules(self):
                ...

            @hookspec
            def load_default_config(self):
                ...
        """,
    "src/quill/plugin/host.py": """\
        import importlib.metadata

        import pluggy

        from quill.plugin import plugin_base_name, project_name
        from quill.plugin.hookspecs import PluginSpec


        def _discover():
            for dist in list(importlib.metadata.distributions()):
                for ep in dist.entry_points:
                    if ep.group != project_name:
                        continue
                    yield ep


        def get_plugin_manager():
            pm = pluggy.PluginManager(plugin_base_name)
            pm.add_hookspecs(PluginSpec)
            for ep in _discover():
                pm.register(ep.load(), name=ep.name)
            return pm
        """,
    "plugins/good.py": """\
        from quill.plugin import hookimpl


        @hookimpl
        def load_default_config():
            return {"indent": 4}
        """,
    "plugins/stale.py": """\
        from quill.plugin import hookimpl


        @hookimpl
        def load_default_config():
            from quill.plugin import ConfigLoader  # gone from the host

            return ConfigLoader.get_global().load_config_file("x")
        """,
}


def test_pluggy_names_folded_from_constants_of_other_modules(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=FOLDED_PLUGGY, dedent=True)
    text = _proposal(host)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    pluggy = contract.options["pluggy"]
    assert pluggy["project"] == "quill-plugin"
    assert pluggy["hookspecs"] == ["quill.plugin.hookspecs:PluginSpec"]
    assert contract.entry_point_group == "quill"
    # No hookspec takes an argument: every hook is called with none, as the host can only do.
    assert pluggy["stand-ins"] == {}
    assert "no hookspec takes an argument" in text
    data = cli_json("check", "--no-mypy", cwd=host, here=True)
    errors = {(f["plugin"], f["code"]) for f in data["findings"] if f["severity"] == "error"}
    assert ("stale", "PC519") in errors
    assert not [e for e in errors if e[0] == "good"]


def test_hookspecs_with_arguments_get_no_stand_ins(tmp_path: Path) -> None:
    files = dict(FOLDED_PLUGGY)
    files["src/quill/plugin/hookspecs.py"] = files["src/quill/plugin/hookspecs.py"].replace(
        "def get_rules(self):", "def get_rules(self, config):"
    )
    host = write_host(tmp_path, files=files, dedent=True)
    _proposal(host)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert "stand-ins" not in contract.options["pluggy"]


# HTTPie 3.2.4's shape: the groups are a dict's keys, iterated, each passed by keyword to a
# helper in another module that selects it; other spellings of the same request around it.
GROUP_SHAPES = {
    "teapot/__init__.py": "",
    "teapot/compat.py": """\
        try:
            import importlib.metadata as importlib_metadata
        except ImportError:
            import importlib_metadata


        def find_entry_points(entry_points, group):
            if hasattr(entry_points, "select"):
                return entry_points.select(group=group)
            return set(entry_points.get(group, ()))
        """,
    "teapot/names.py": """\
        PREFIX = "teapot"
        FORMAT = "{}.formatters.{}".format(PREFIX, "v1")
        """,
    "teapot/manager.py": """\
        from . import names
        from .compat import find_entry_points, importlib_metadata
        from .names import PREFIX

        ENTRY_POINT_CLASSES = {
            PREFIX + ".auth.v1": object,
            f"{PREFIX}.transport.v1": object,
        }
        ENTRY_POINT_NAMES = list(ENTRY_POINT_CLASSES.keys())


        class PluginManager(list):
            def iter_entry_points(self):
                eps = importlib_metadata.entry_points()
                for entry_point_name in ENTRY_POINT_NAMES:
                    yield from find_entry_points(eps, group=entry_point_name)

            def formatters(self):
                return importlib_metadata.entry_points()[names.FORMAT]

            def load_installed_plugins(self):
                for entry_point in self.iter_entry_points():
                    self.append(entry_point.load())
        """,
}


def test_groups_from_iterated_collections_helpers_and_folded_names(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=GROUP_SHAPES, dedent=True)
    _proposal(host)
    contracts = load_config(host / "pyproject.toml", available()).contracts
    assert sorted(c.entry_point_group or "" for c in contracts) == [
        "teapot.auth.v1",
        "teapot.formatters.v1",
        "teapot.transport.v1",
    ]


def test_a_group_named_by_a_local_constant(tmp_path: Path) -> None:
    """setuptools 84's Distribution.finalize_options binds the group to a local name first
    (``group = '...'`` then ``metadata.entry_points(group=group)``); a local name bound twice is
    no constant."""
    files = {
        "kettle/__init__.py": "",
        "kettle/dist.py": """\
            from importlib import metadata


            class Distribution:
                def finalize_options(self):
                    group = "kettle.finalize_options"
                    for ep in metadata.entry_points(group=group):
                        ep.load()(self)

                def rebound(self, verbose):
                    group = "kettle.never"
                    if verbose:
                        group = "kettle.never.either"
                    return metadata.entry_points(group=group)
            """,
    }
    host = write_host(tmp_path, files=files, dedent=True)
    _proposal(host)
    contracts = load_config(host / "pyproject.toml", available()).contracts
    assert [c.entry_point_group for c in contracts] == ["kettle.finalize_options"]


def test_a_loop_over_something_not_constant_proposes_no_group(tmp_path: Path) -> None:
    files = dict(GROUP_SHAPES)
    files["teapot/manager.py"] = """\
        from .compat import find_entry_points, importlib_metadata


        def iter_entry_points(config):
            eps = importlib_metadata.entry_points()
            for name in config.groups:
                yield from find_entry_points(eps, group=name)
        """
    host = write_host(tmp_path, files=files, dedent=True)
    text = _proposal(host)
    assert "entry-point-group" not in text


# kedro 1.7's shape: two managers, each adding its own spec classes: a PluginManager subclass
# for CLI hooks (project "kedro_cli", loading its group) and pluggy's own manager for pipeline
# hooks (project "kedro"). The proposal's manager gets only the specs of its own project.
TWO_MANAGERS = {
    "kdr/__init__.py": "",
    "kdr/markers.py": """\
        import pluggy

        hook_spec = pluggy.HookspecMarker("kdr")
        cli_hook_spec = pluggy.HookspecMarker("kdr_cli")
        """,
    "kdr/specs.py": """\
        from kdr.markers import cli_hook_spec, hook_spec


        class NodeSpecs:
            @hook_spec
            def before_node_run(self, node):
                ...


        class CLICommandSpecs:
            @cli_hook_spec
            def before_command_run(self, command_args):
                ...
        """,
    "kdr/manager.py": """\
        from pluggy import PluginManager

        from kdr.specs import CLICommandSpecs, NodeSpecs


        def create_hook_manager():
            manager = PluginManager("kdr")
            manager.add_hookspecs(NodeSpecs)
            return manager


        class CLIHooksManager(PluginManager):
            def __init__(self):
                super().__init__("kdr_cli")
                self.add_hookspecs(CLICommandSpecs)
                self.load_setuptools_entrypoints("kdr.cli_hooks")
        """,
}


def test_two_managers_each_keep_their_own_specs(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=TWO_MANAGERS, dedent=True)
    _proposal(host)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    pluggy = contract.options["pluggy"]
    assert (pluggy["project"], contract.entry_point_group) == ("kdr_cli", "kdr.cli_hooks")
    assert pluggy["hookspecs"] == ["kdr.specs:CLICommandSpecs"]


# virtualenv 21's shape: each component's class asks options("virtualenv.seed"), which hands
# its parameter on to entry_points_for(key), which selects it: a group forwarded twice.
TWICE_FORWARDED = {
    "venvy/__init__.py": "",
    "venvy/plugin.py": """\
        from importlib.metadata import entry_points


        class PluginLoader:
            _OPTIONS = None

            @classmethod
            def entry_points_for(cls, key):
                return {e.name: e.load() for e in entry_points().select(group=key)}

            @classmethod
            def options(cls, key):
                if cls._OPTIONS is None:
                    cls._OPTIONS = cls.entry_points_for(key)
                return cls._OPTIONS


        class SeederSelector(PluginLoader):
            def __init__(self):
                self.possible = self.options("venvy.seed")


        def discovery():
            return PluginLoader.entry_points_for("venvy.discovery")
        """,
}


def test_a_group_forwarded_through_two_helpers(tmp_path: Path) -> None:
    files = {
        **TWICE_FORWARDED,
        "pyproject.toml": '[project]\nname = "venvy"\nversion = "1"\n',
        "venvy/seeder.py": """\
            from abc import ABC, abstractmethod


            class Seeder(ABC):
                @abstractmethod
                def run(self, creator): ...
            """,
    }
    root = write_host(tmp_path, files=files, dedent=True)
    host = root / "venvy"
    _proposal(host)
    contracts = load_config(host / "pyproject.toml", available()).contracts
    assert sorted(c.entry_point_group or "" for c in contracts) == [
        "venvy.discovery",
        "venvy.seed",
    ]
    # Every group's contract names the host's API and its distribution, not only the first:
    # its own plugins are the distribution's (PC301), its modules the host's (PC411, PC530).
    assert {(c.api, c.api_distribution) for c in contracts} == {("venvy", "venvy")}


# Markdown 3.11.3's shape: the factory's result is returned by a method of the host, whose
# caller checks it with isinstance and calls one method on it with the host's own object.
BUILT_OBJECT = {
    "mdown/__init__.py": "from mdown.core import Markdown\n",
    "mdown/extensions.py": """\
        class Extension:
            def extendMarkdown(self, md):
                raise NotImplementedError
        """,
    "mdown/core.py": """\
        import importlib

        from mdown.extensions import Extension


        class Markdown:
            def __init__(self, **kwargs):
                self.treeprocessors = []
                self.registerExtensions(kwargs.get("extensions", []), {})

            def registerExtensions(self, extensions, configs):
                for ext in extensions:
                    if isinstance(ext, str):
                        ext = self.build_extension(ext, configs.get(ext, {}))
                    if isinstance(ext, Extension):
                        ext.extendMarkdown(self)
                    elif ext is not None:
                        raise TypeError(ext)
                return self

            def build_extension(self, ext_name, configs):
                module = importlib.import_module(ext_name)
                return module.makeExtension(**configs)
        """,
    "plugins/good.py": """\
        from mdown.extensions import Extension


        class Good(Extension):
            def extendMarkdown(self, md):
                md.treeprocessors.append(self)


        def makeExtension(**kwargs):
            return Good()
        """,
    "plugins/old.py": """\
        from mdown.extensions import Extension


        class Old(Extension):
            def extendMarkdown(self, md, md_globals):
                md.treeprocessors.append(self)


        def makeExtension(**kwargs):
            return Old()
        """,
}


def test_methods_the_host_calls_on_the_built_object_become_lifecycle_calls(
    tmp_path: Path,
) -> None:
    host = write_host(tmp_path, files=BUILT_OBJECT, dedent=True)
    text = _proposal(host)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    lifecycle = contract.lifecycle
    assert lifecycle is not None and lifecycle.protocol is not None
    assert (lifecycle.protocol.module, lifecycle.protocol.name) == ("mdown.extensions", "Extension")
    assert lifecycle.factory == "makeExtension"
    # The host passes itself; Markdown builds with no arguments: a fresh one stands in.
    assert lifecycle.calls is not None
    assert [(c.method, [(r.module, r.name) for r in c.stand_ins]) for c in lifecycle.calls] == [
        ("extendMarkdown", [("mdown.core", "Markdown")])
    ]
    assert "mdown/core.py:16" in text and "setup-function" not in text
    data = cli_json("check", "--no-mypy", cwd=host, here=True)
    errors = {(f["plugin"], f["code"]) for f in data["findings"] if f["severity"] == "error"}
    assert errors == {("old", "PC541")}


def test_no_lifecycle_calls_without_a_stand_in_for_every_argument(tmp_path: Path) -> None:
    files = dict(BUILT_OBJECT)
    files["mdown/core.py"] = (
        files["mdown/core.py"]
        .replace("def __init__(self, **kwargs):", "def __init__(self, config, **kwargs):")
        .replace('kwargs.get("extensions", [])', "config.extensions")
    )
    host = write_host(tmp_path, files=files, dedent=True)
    text = _proposal(host)
    assert "[tool.plugcheck.contracts.plugins.lifecycle]" not in text
    assert "TODO: the host then calls extendMarkdown()" in text


# Hatch's shape: the host's manager subclasses one in another installed package (hatchling),
# which creates pluggy's manager, registers its own hookspecs and loads the group.
FAMILY = {
    "site/forge_core/__init__.py": "",
    "site/forge_core/plugin/__init__.py": "import pluggy\nh = pluggy.HookimplMarker('forge')\n",
    "site/forge_core/plugin/specs.py": """\
        import pluggy

        hookspec = pluggy.HookspecMarker("forge")


        @hookspec
        def forge_register_builder():
            ...
        """,
    "site/forge_core/plugin/manager.py": """\
        import pluggy


        class PluginManager:
            def __init__(self):
                self.manager = pluggy.PluginManager("forge")

            def initialize(self):
                from forge_core.plugin import specs

                self.manager.add_hookspecs(specs)

            def load(self):
                self.manager.load_setuptools_entrypoints("forge")
        """,
    "site/forge/__init__.py": "",
    "site/forge/plugin/__init__.py": "",
    "site/forge/plugin/specs.py": """\
        from forge_core.plugin.specs import hookspec


        @hookspec
        def forge_register_publisher():
            ...
        """,
    "site/forge/plugin/manager.py": """\
        from forge_core.plugin.manager import PluginManager as _PluginManager


        class PluginManager(_PluginManager):
            def initialize(self):
                super().initialize()
                from forge.plugin import specs

                self.manager.add_hookspecs(specs)
        """,
}


def test_a_loader_in_the_package_the_host_subclasses(tmp_path: Path) -> None:
    write_host(tmp_path, files=FAMILY, dedent=True)
    proc = run_cli_here("init", str(tmp_path / "site" / "forge"))
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert 'project = "forge"  # read in forge_core' in text
    assert 'entry-point-group = "forge"' in text
    assert '"forge_core.plugin.specs"' in text and '"forge.plugin.specs"' in text
    assert "stand-ins = {}" in text
    # Read alone, the family package proposes only what it has itself.
    alone = run_cli_here("init", str(tmp_path / "site" / "forge_core")).stdout
    assert '"forge.plugin.specs"' not in alone and 'project = "forge"\n' in alone


def test_an_installed_namespace_package_keeps_its_dotted_names(tmp_path: Path) -> None:
    """poetry-core installs `poetry/core/` into the namespace package `poetry` (no
    `__init__.py`): its modules are `poetry.core.*`, not a top-level `core`."""
    site = tmp_path / "lib" / "python3.11" / "site-packages"
    write_host(
        site,
        dedent=True,
        files={
            "poetry/core/__init__.py": "",
            "poetry/core/constants.py": 'GROUP = "poetry.plugin"\n',
            "poetry/plugins/__init__.py": "",
            "poetry/plugins/manager.py": """\
                from importlib import metadata

                from poetry.core.constants import GROUP


                def load():
                    return [ep.load() for ep in metadata.entry_points(group=GROUP)]
                """,
        },
    )
    proc = run_cli_here("init", str(site / "poetry"))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-group = "poetry.plugin"' in proc.stdout


def test_a_group_kept_by_the_manager_it_is_given_to(tmp_path: Path) -> None:
    """Poetry's shape: `PluginManager(ApplicationPlugin.group)` (a class attribute, imported
    where the manager is built), kept as `self._group` and asked for in a method."""
    host = write_host(
        tmp_path,
        dedent=True,
        files={
            "verse/__init__.py": "",
            "verse/plugins/__init__.py": "",
            "verse/plugins/application_plugin.py": """\
                class ApplicationPlugin:
                    group = "verse.application.plugin"
                """,
            "verse/plugins/plugin_manager.py": """\
                from importlib import metadata


                class PluginManager:
                    def __init__(self, group):
                        self._group = group

                    def load_plugins(self):
                        for ep in metadata.entry_points(group=self._group):
                            ep.load()
                """,
            "verse/console.py": """\
                from verse.plugins.plugin_manager import PluginManager


                def main():
                    from verse.plugins.application_plugin import ApplicationPlugin

                    PluginManager(ApplicationPlugin.group).load_plugins()
                """,
        },
    )
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-group = "verse.application.plugin"' in proc.stdout


# mkdocstrings 1.0's shape: a handler module is imported under a namespace package
# (`import_module(f"mkdocstrings_handlers.{name}")`) and its `get_handler` called with keywords.
NAMESPACE_FUNCTION = {
    "scribe/__init__.py": "",
    "scribe/handlers.py": """\
        import importlib


        class Handlers:
            def __init__(self, theme):
                self.theme = theme
                self.handlers = {}

            def get_handler(self, name, handler_config=None):
                module = importlib.import_module(f"scribe_handlers.{name}")
                self.handlers[name] = module.get_handler(
                    theme=self.theme, handler_config=handler_config or {}
                )
                return self.handlers[name]
        """,
}


def test_a_module_function_called_under_a_namespace_package(tmp_path: Path) -> None:
    """The proposal names the namespace package, and the function as any callable: a handler
    binding `get_handler` to its class (mkdocstrings-crystal) works in the host."""
    host = write_host(tmp_path / "host", files=NAMESPACE_FUNCTION, dedent=True)
    text = _proposal(host)
    assert 'namespace = "scribe_handlers"' in text and "scribe/handlers.py:11" in text
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.options["namespace"] == "scribe_handlers"
    assert [(e.name, str(e.kind.value)) for e in contract.exports] == [("get_handler", "callable")]

    handler = tmp_path / "site" / "scribe_handlers" / "klass"
    handler.mkdir(parents=True)
    (handler / "__init__.py").write_text(
        "from scribe_handlers.klass.handler import KlassHandler\n\nget_handler = KlassHandler\n"
    )
    (handler / "handler.py").write_text(
        "class KlassHandler:\n"
        "    def __init__(self, *, theme, handler_config):\n"
        "        self.theme = theme\n"
    )
    data = cli_json(
        "check", "--no-dynamic", "--config", str(host / "pyproject.toml"), str(handler), here=True
    )
    assert [p["name"] for p in data["plugins"]] == ["klass"]
    assert data["findings"] == [], data["findings"]


# IPython 9's shape: the loader imports the module and hands it to a helper method, which calls
# the module's function with the host object; module completion reads `__all__` and `__file__`.
MODULE_HANDED_ON = {
    "shellx/__init__.py": "",
    "shellx/extensions.py": """\
        import sys
        from importlib import import_module


        class ExtensionManager:
            def __init__(self, shell):
                self.shell = shell

            def load_extension(self, module_str):
                if module_str not in sys.modules:
                    mod = import_module(module_str)
                mod = sys.modules[module_str]
                if self._call_load(mod):
                    return None
                return "no load function"

            def _call_load(self, mod):
                if hasattr(mod, "load_shellx_extension"):
                    mod.load_shellx_extension(self.shell)
                    return True
                return False
        """,
    "shellx/completer.py": """\
        from importlib import import_module


        def try_import(name):
            module = import_module(name)
            return getattr(module, "__all__", []), module.__file__
        """,
}


def test_a_loaded_module_handed_to_a_helper(tmp_path: Path) -> None:
    """The helper's parameter is the plugin module: its call is the setup function; the
    attributes every module has are no exports."""
    host = write_host(tmp_path, files=MODULE_HANDED_ON, dedent=True)
    text = _proposal(host)
    assert "__all__" not in text and "__file__" not in text
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert [e.name for e in contract.exports] == ["load_shellx_extension"]
    assert contract.options["setup-function"]["export"] == "load_shellx_extension"
    assert "shellx/extensions.py:19" in text


# IPython 9's shape: its extensions are modules it imports and calls, and it also asks for the
# entry points of `ipython.themes`, which name JSON files it reads (never code it loads).
# errbot 6's too: `entry_point_plugins(group)` collects the folders of the files each entry
# point's distribution installed (`ep.dist.files`), searched for `*.plug` descriptions later.
DATA_GROUP = {
    "shellx/bundles.py": """\
        from importlib.metadata import entry_points


        def distribution_dirs(group):
            dirs = set()
            for ep in entry_points(group=group):
                for file in ep.dist.files or ():
                    dirs.add(str(file.locate().parent))
            return sorted(dirs)
        """,
    "shellx/bots.py": """\
        from shellx.bundles import distribution_dirs


        def roots():
            return distribution_dirs(group="shellx.bots")
        """,
    **MODULE_HANDED_ON,
    "shellx/themes.py": """\
        import json
        from importlib.metadata import entry_points
        from importlib.resources import files

        GROUP = "shellx.themes"


        def load_style(path):
            with open(path) as f:
                return json.load(f)


        def themes():
            return {ep.name: ep for ep in entry_points(group=GROUP)}


        def theme(name):
            ep = themes()[name]
            return json.loads((files(ep.module) / (name + ".json")).read_text())
        """,
}


def test_a_data_only_group_gets_no_code_contract(tmp_path: Path) -> None:
    """The group's entry points name files: no contract for it, and the module lookup gets a
    contract of its own, not the group's."""
    host = write_host(tmp_path, files=DATA_GROUP, dedent=True)
    text = _proposal(host)
    assert "# entry-point group shellx.themes (shellx/themes.py:14) points the host at" in text
    assert "# entry-point group shellx.bots (shellx/bots.py:5) points the host at files" in text
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.entry_point_group is None
    assert [e.name for e in contract.exports] == ["load_shellx_extension"]
    assert contract.options["setup-function"]["export"] == "load_shellx_extension"


def test_a_group_whose_entry_points_are_loaded_keeps_its_contract(tmp_path: Path) -> None:
    """The same module, but the host loads what the entry point names: a code group."""
    files = dict(DATA_GROUP)
    files["shellx/themes.py"] = files["shellx/themes.py"].replace(
        'return json.loads((files(ep.module) / (name + ".json")).read_text())',
        "return ep.load()",
    )
    host = write_host(tmp_path, files=files, dedent=True)
    text = _proposal(host)
    assert "shellx.themes (shellx/themes.py:14) points" not in text
    assert 'entry-point-group = "shellx.themes"' in text


# Two ways in at once: formatters named by entry points (read through an aliased
# `entry_points`), and extensions imported by name from a namespace package where no group is
# asked for.
TWO_WAYS_IN = {
    "pyproject.toml": '[project]\nname = "inkhost"\nversion = "1.0"\n',
    "inkhost/__init__.py": "",
    "inkhost/app.py": """\
        import importlib
        from importlib.metadata import entry_points as eps


        class App:
            def load_formatters(self):
                for ep in eps(group="inkhost.formatters"):
                    ep.load()(self)

            def load_extension(self, name):
                mod = importlib.import_module(f"inkhost_ext.{name}")
                mod.setup(self)
        """,
}


def test_an_aliased_entry_points_still_names_its_group(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=TWO_WAYS_IN, dedent=True)
    text = _proposal(host)
    assert 'entry-point-group = "inkhost.formatters"' in text


# Lektor 3.3's shape: pkg_resources, a group given positionally, the classes kept in a dict.
PKG_RESOURCES_GROUP = {
    "src/sitegen/__init__.py": "",
    "src/sitegen/pluginsystem.py": """\
        import pkg_resources


        def load_plugins():
            rv = {}
            for ep in pkg_resources.iter_entry_points("sitegen.plugins"):
                rv[ep.name] = ep.load()
            return rv
        """,
}


def test_a_group_asked_of_pkg_resources(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=PKG_RESOURCES_GROUP, dedent=True)
    text = _proposal(host)
    assert 'entry-point-group = "sitegen.plugins"' in text
    # ep.load()'s default require=True refuses a plugin whose requirements are unmet (PC310)
    assert "entry-point-require = true" in text
    assert "distribution-name" not in text  # the host never compares names
    assert load_config(host / "pyproject.toml", available()).contracts


def test_a_distribution_name_the_host_requires(tmp_path: Path) -> None:
    """Lektor 3.3's load_plugins refuses a distribution not named "lektor-" + ep.name: init
    proposes ``distribution-name`` (PC006) from that comparison only, never from a name the
    host builds for another use."""
    loop = '            for ep in pkg_resources.iter_entry_points("sitegen.plugins"):\n'
    shapes = {
        '                match_name = "sitegen-" + ep.name.lower()\n'
        "                if match_name != ep.dist.project_name.lower():\n"
        "                    raise RuntimeError(match_name)\n": "sitegen-{name}",
        '                if f"sg-{ep.name}-plugin" == ep.dist.project_name:\n'
        "                    pass\n": "sg-{name}-plugin",
        '                if "sitegen-" + ep.name == ep.module_name:\n'
        "                    pass\n": None,
    }
    for number, (check, template) in enumerate(shapes.items()):
        source = PKG_RESOURCES_GROUP["src/sitegen/pluginsystem.py"].replace(loop, loop + check)
        files = {**PKG_RESOURCES_GROUP, "src/sitegen/pluginsystem.py": source}
        host = write_host(tmp_path / str(number), files=files, dedent=True)
        text = _proposal(host)
        if template is None:
            assert "distribution-name" not in text, text
        else:
            assert f'distribution-name = "{template}"' in text, text
            assert "pluginsystem.py:" in text.partition("distribution-name")[2].partition("\n")[0]
        assert load_config(host / "pyproject.toml", available()).contracts


def test_pkg_resources_without_its_requirement_check(tmp_path: Path) -> None:
    """``ep.load(require=False)`` or ``ep.resolve()`` checks nothing; nor does a host's own
    ``iter_entry_points`` in a module that never imports pkg_resources."""
    shapes = [
        ("ep.load()", "ep.load(require=False)", "import pkg_resources"),
        ("ep.load()", "ep.resolve()", "import pkg_resources"),
        (
            "pkg_resources.iter_entry_points",
            "iter_entry_points",
            "from .eps import iter_entry_points",
        ),
    ]
    for number, (old, new, imported) in enumerate(shapes):
        source = PKG_RESOURCES_GROUP["src/sitegen/pluginsystem.py"].replace(old, new)
        files = {
            **PKG_RESOURCES_GROUP,
            "src/sitegen/pluginsystem.py": source.replace("import pkg_resources", imported),
            "src/sitegen/eps.py": "from importlib.metadata import entry_points\n\n\n"
            "def iter_entry_points(group):\n    return entry_points(group=group)\n",
        }
        host = write_host(tmp_path / str(number), files=files, dedent=True)
        text = _proposal(host)
        assert 'entry-point-group = "sitegen.plugins"' in text, (new, text)
        assert "entry-point-require" not in text, (new, text)


# PyInstaller 6's shape: the build asks its group for the `hook-dirs` entry points only and calls
# each; its test runner asks the same group for `tests` entry points (test directories).
NAMED_ENTRY_POINTS = {
    "src/bundler/__init__.py": "",
    "src/bundler/building.py": """\
        from importlib.metadata import entry_points


        def discover_hook_directories():
            found = []
            for entry_point in entry_points(group="bundler40", name="hook-dirs"):
                found.extend(entry_point.load()())
            return found
        """,
    "src/bundler/utils/__init__.py": "",
    "src/bundler/utils/run_tests.py": """\
        from importlib.metadata import entry_points


        def paths_to_test():
            return [p for ep in entry_points(group="bundler40", name="tests") for p in ep.load()()]
        """,
}


def test_a_group_asked_for_named_entry_points(tmp_path: Path) -> None:
    host = write_host(tmp_path / "named", files=NAMED_ENTRY_POINTS, dedent=True)
    text = _proposal(host)
    assert 'entry-point-names = ["hook-dirs"]  # the host asks for these names only: ' in text
    assert "src/bundler/building.py:7" in text and "run_tests" not in text
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert list(contract.options["entry-point-names"]) == ["hook-dirs"]
    # One ask of the group without a name takes every entry point of it: no selection.
    files = {
        **NAMED_ENTRY_POINTS,
        "src/bundler/listing.py": "from importlib.metadata import entry_points\n\n\n"
        "def every():\n    return [ep.load() for ep in entry_points(group='bundler40')]\n",
    }
    text = _proposal(write_host(tmp_path / "every", files=files, dedent=True))
    assert 'entry-point-group = "bundler40"' in text and "entry-point-names" not in text


# xonsh 0.25's shapes: modules it imports by name but chooses among names it knows (debugger
# backends compared with constants, readline modules from a literal list), and a `.load()` on
# an object it built itself; only the xontrib lookup is a plugin's.
KNOWN_CHOICES = {
    "src/shellhost/__init__.py": "",
    "src/shellhost/debug.py": """\
        import importlib


        def start_debugger(name, frame):
            module = importlib.import_module(name)
            if name == "pdb":
                module.Pdb().set_trace(frame)
            elif name == "ipdb":
                module.set_trace(frame=frame)
        """,
    "src/shellhost/shell.py": """\
        import importlib

        readline = None


        def setup_readline():
            global readline
            for name in ("gnureadline", "readline"):
                try:
                    readline = importlib.import_module(name)
                    break
                except ImportError:
                    pass
            readline.parse_and_bind("tab: complete")
        """,
    "src/shellhost/history.py": """\
        from shellhost import lazyjson


        def read(path):
            data = lazyjson.LazyJSON(path)
            content = data.load()
            return content.get("cmds")
        """,
    "src/shellhost/lazyjson.py": """\
        class LazyJSON:
            def __init__(self, path):
                self.path = path

            def load(self):
                return {}
        """,
    "src/shellhost/extensions.py": """\
        import importlib


        def extension_context(name):
            module = importlib.import_module(name)
            entry = getattr(module, "_load_extension_", None)
            return entry(shell=None) if entry is not None else {}
        """,
    # OpenStackClient 10.5's server_backup: the image module of the API version in use, from
    # a class's literal table of the host's own modules.
    "src/shellhost/backup.py": """        import importlib


        class Backup:
            IMAGE_MODULES = {"1": "shellhost.image_v1", "2": "shellhost.image_v2"}

            def show(self, version, image):
                module = importlib.import_module(self.IMAGE_MODULES[version])
                return module._format_image(image)
        """,
}


def test_modules_the_host_chooses_among_are_no_plugins(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=KNOWN_CHOICES, dedent=True)
    text = _proposal(host)
    assert "_load_extension_ = { optional = true }" in text
    for word in ("Pdb", "set_trace", "parse_and_bind", "\nget = ", "\nload = ", "_format_image"):
        assert word not in text, text


def test_a_module_imported_by_name_gets_a_contract_of_its_own(tmp_path: Path) -> None:
    """The extension lookup is not the formatter group's: a group's plugin need not define
    setup(), and an extension is found by path under its namespace, not by entry point."""
    host = write_host(tmp_path, files=TWO_WAYS_IN, dedent=True)
    text = _proposal(host)
    assert "# the host also imports plugin modules by name" in text
    contracts = {c.name: c for c in load_config(host / "pyproject.toml", available()).contracts}
    assert set(contracts) == {"inkhost-formatters", "plugins"}
    grouped, alone = contracts["inkhost-formatters"], contracts["plugins"]
    assert grouped.entry_point_group == "inkhost.formatters" and not grouped.exports
    assert grouped.options["setup-function"]["export"] == "entry-point"
    assert alone.entry_point_group is None and alone.options["namespace"] == "inkhost_ext"
    assert [e.name for e in alone.exports] == ["setup"]
    assert alone.options["setup-function"]["export"] == "setup"


# opentelemetry's _load_provider: a function asking for a group of its own (not the first one,
# which the host asks for elsewhere) calls configure_new on what the entry point names.
LOOSE_CALL = """\
    from importlib.metadata import entry_points


    def configured(**kwargs):
        for ep in entry_points(group="inkhost.zcatalogs"):
            source = ep.load()
            if kwargs:
                source = source.configure_new(**kwargs)
            yield source
    """


def test_a_module_named_by_an_entry_point_stays_with_its_group(tmp_path: Path) -> None:
    """`import_module(ep.module)`: the module an entry point names is the group's plugin. A
    call whose function asks for another group than the first is not the first group's (it
    was: configure_new required of every inkhost.ext plugin)."""
    files = dict(TWO_WAYS_IN)
    files["inkhost/app.py"] = files["inkhost/app.py"].replace(
        'mod = importlib.import_module(f"inkhost_ext.{name}")',
        'mod = importlib.import_module(eps(group="inkhost.ext")[name].module)',
    )
    files["inkhost/catalog.py"] = LOOSE_CALL
    host = write_host(tmp_path, files=files, dedent=True)
    text = _proposal(host)
    assert "imports plugin modules by name" not in text
    contracts = {c.name: c for c in load_config(host / "pyproject.toml", available()).contracts}
    assert [e.name for e in contracts["inkhost-ext"].exports] == ["setup"]
    assert "configure_new" not in {e.name for c in contracts.values() for e in c.exports}
    todo = "# TODO: the host looks up configure_new on a plugin it loads at inkhost/catalog.py:8"
    assert f"{todo}: which group's plugins?" in text


# pybtex 0.26's shape: find_plugin(plugin_group, name) checks the group against a constant
# table and hands it to a helper that loops over [group, group + ".aliases"]; the groups are
# the constants its callers pass. No API package: the host's own distribution is the one
# plugins declare.
BIB_HOST = {
    "site-packages/bibhost/__init__.py": """\
        from bibhost.plugin import find_plugin


        def format_bibliography(data, style="plain"):
            return find_plugin("bibhost.style.formatting", style)().format(data)
        """,
    "site-packages/bibhost/plugin.py": """\
        from importlib.metadata import entry_points

        _DEFAULTS = {"bibhost.style.formatting": "plain", "bibhost.backends": "latex"}


        def _load_entry_point(group, name, use_aliases=False):
            groups = [group, group + ".aliases"] if use_aliases else [group]
            for search_group in groups:
                for entry_point in entry_points(group=search_group, name=name):
                    return entry_point.load()
            raise LookupError(name)


        def find_plugin(plugin_group, name=None):
            if plugin_group not in _DEFAULTS:
                raise LookupError(plugin_group)
            return _load_entry_point(plugin_group, name or _DEFAULTS[plugin_group], True)


        def render(text, backend):
            return find_plugin("bibhost.backends", backend)().render(text)
        """,
    "site-packages/bibhost-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: bibhost\n"
    "Version: 1.0\n",
    "site-packages/bibhost-1.0.dist-info/RECORD": "bibhost/__init__.py,,\nbibhost/plugin.py,,\n",
}


def test_groups_forwarded_through_a_loop_over_the_parameter(tmp_path: Path) -> None:
    write_host(tmp_path, files=BIB_HOST, dedent=True)
    host = tmp_path / "site-packages" / "bibhost"
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (tmp_path / "proposal.toml").write_text(proc.stdout)
    contracts = load_config(tmp_path / "proposal.toml", available()).contracts
    assert {c.entry_point_group for c in contracts} == {
        "bibhost.backends",
        "bibhost.style.formatting",
    }
    for contract in contracts:
        # Plugins' ranges on the host's own distribution, and the host's names, are checked.
        assert contract.api_distribution == "bibhost"
        assert contract.options["host-packages"] == ["bibhost"]


# pdm 2.29's shape: Core.load_plugins chains two groups into one loop and calls the object each
# entry point names with the core; its uninstaller compares `ep.group == "console_scripts"` only
# to list the scripts to remove (ep.name), never loading them.
CHAINED_GROUPS = {
    "tool/__init__.py": "",
    "tool/core.py": """\
        import importlib.metadata
        import itertools


        class Core:
            def load_plugins(self):
                entry_points = itertools.chain(
                    importlib.metadata.entry_points(group="tool"),
                    importlib.metadata.entry_points(group="tool.plugin"),
                )
                for plugin in entry_points:
                    plugin.load()(self)
        """,
    "tool/uninstall.py": """\
        def scripts(dist):
            names = []
            for ep in dist.entry_points:
                if ep.group == "console_scripts":
                    names.append(ep.name)
            return names
        """,
}


def test_two_chained_groups_each_call_the_loaded_object(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=CHAINED_GROUPS, dedent=True)
    text = _proposal(host / "tool")
    assert "console_scripts" not in text
    contracts = load_config(host / "tool" / "pyproject.toml", available()).contracts
    assert sorted(c.entry_point_group or "" for c in contracts) == ["tool", "tool.plugin"]
    for contract in contracts:
        setup = contract.options["setup-function"]
        assert setup["export"] == "entry-point" and setup["argument"] == "tool.core:Core"
        # Names the plugins of either group import from the host are checked (PC530).
        assert contract.options["host-packages"] == ["tool"]


# A formatter host (issue 20 item 6): the entry point names a class the host builds with itself
# and constant keywords, checks with isinstance and calls one method on with constants.
BUILT_FROM_ENTRY_POINT = {
    "pyproject.toml": '[project]\nname = "inkhost"\nversion = "1.0"\n',
    "inkhost/__init__.py": "",
    "inkhost/base.py": """\
        class Formatter:
            def __init__(self, app, style="plain", strict=False, width=80):
                self.app = app

            def format(self, text, width):
                raise NotImplementedError
        """,
    "inkhost/app.py": """\
        from importlib.metadata import entry_points

        from inkhost.base import Formatter


        class App:
            def __init__(self):
                self.formatters = []

            def load_formatters(self):
                for ep in entry_points(group="inkhost.formatters"):
                    fmt = ep.load()(self, style="plain", strict=True, width=80)
                    if not isinstance(fmt, Formatter):
                        raise TypeError(ep.name)
                    fmt.format("some text", 72)
                    self.formatters.append(fmt)
        """,
    "plugins/good/pyproject.toml": '[project]\nname = "ink-good"\nversion = "1.0"\n'
    '[project.entry-points."inkhost.formatters"]\ngood = "ink_good:Good"\n',
    "plugins/good/src/ink_good/__init__.py": """\
        from inkhost.base import Formatter


        class Good(Formatter):
            def __init__(self, app, style="plain", strict=False, width=80):
                super().__init__(app)
                if style != "plain" or strict is not True or width != 80:
                    raise ValueError((style, strict, width))  # only the host's own values work

            def format(self, text, width):
                return text[:width]
        """,
    "plugins/narrow/pyproject.toml": '[project]\nname = "ink-narrow"\nversion = "1.0"\n'
    '[project.entry-points."inkhost.formatters"]\nnarrow = "ink_narrow:Narrow"\n',
    "plugins/narrow/src/ink_narrow/__init__.py": """\
        from inkhost.base import Formatter


        class Narrow(Formatter):
            def format(self, text):
                return text
        """,
}


def test_a_class_built_from_an_entry_point_becomes_a_lifecycle(tmp_path: Path) -> None:
    """`fmt = ep.load()(self, style="plain", ...)`, `isinstance(fmt, Formatter)`,
    `fmt.format("some text", 72)`: the entry point's object (kind class) is the factory, called
    with a fresh App and the host's constants (literal stand-ins), and format() is its call."""
    host = write_host(tmp_path, files=BUILT_FROM_ENTRY_POINT, dedent=True)
    text = _proposal(host)
    assert "setup-function" not in text
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    ep_object = contract.entry_point_object
    assert ep_object is not None and str(ep_object.type) == "inkhost.base:Formatter"
    lifecycle = contract.lifecycle
    assert lifecycle is not None and lifecycle.factory == "entry-point"
    assert lifecycle.build is not None and str(lifecycle.build) == (
        "factory(inkhost.app:App(), style='plain', strict=True, width=80)"
    )
    assert [str(c) for c in lifecycle.calls or ()] == ["format('some text', 72)"]
    data = cli_json("check", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    found = {(f["plugin"], f["code"], f["severity"]) for f in data["findings"]}  # type: ignore[index]
    assert found == {("narrow", "PC204", "error")}


def test_a_module_imported_by_name_and_handed_to_a_helper_gets_its_own_contract(
    tmp_path: Path,
) -> None:
    """IPython's shape next to a code group: `mod = import_module(f"ns.{name}")`, then
    `self._call_setup(mod)`, which calls `mod.setup(self)`: still a by-name module, found by path,
    not the formatter group's export."""
    files = dict(TWO_WAYS_IN)
    files["inkhost/app.py"] = files["inkhost/app.py"].replace(
        "                mod.setup(self)\n",
        "                self._call_setup(mod)\n\n"
        "            def _call_setup(self, mod):\n"
        "                mod.setup(self)\n",
    )
    assert "_call_setup(self, mod)" in files["inkhost/app.py"]
    host = write_host(tmp_path, files=files, dedent=True)
    text = _proposal(host)
    assert "# the host also imports plugin modules by name" in text
    contracts = {c.name: c for c in load_config(host / "pyproject.toml", available()).contracts}
    assert not contracts["inkhost-formatters"].exports
    assert [e.name for e in contracts["plugins"].exports] == ["setup"]


# The same host with a plugin whose entry point names a factory function: the host only calls
# the object and checks the result, so a class and a function returning one both fit.
FUNCTION_FROM_ENTRY_POINT = {
    **BUILT_FROM_ENTRY_POINT,
    "plugins/fn/pyproject.toml": '[project]\nname = "ink-fn"\nversion = "1.0"\n'
    '[project.entry-points."inkhost.formatters"]\nfn = "ink_fn:make"\n',
    "plugins/fn/src/ink_fn/__init__.py": """\
        from inkhost.base import Formatter


        class _Plain(Formatter):
            def format(self, text, width):
                return text[:width]


        def make(app, **options):
            return _Plain(app, **options)
        """,
    "plugins/text/pyproject.toml": '[project]\nname = "ink-text"\nversion = "1.0"\n'
    '[project.entry-points."inkhost.formatters"]\ntext = "ink_text:make"\n',
    "plugins/text/src/ink_text/__init__.py": """\
        def make(app, **options) -> str:
            return "not a formatter"
        """,
}


def test_an_entry_point_object_the_host_calls_may_be_a_function(tmp_path: Path) -> None:
    """`ep.load()(self, ...)` checked with isinstance: the proposal's kind is `factory` (any
    callable returning a Formatter), so a factory function is no PC104/PC201 unedited; one
    returning a str is still found."""
    host = write_host(tmp_path, files=FUNCTION_FROM_ENTRY_POINT, dedent=True)
    text = _proposal(host)
    assert 'kind = "class"' not in text
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    ep_object = contract.entry_point_object
    assert ep_object is not None and ep_object.kind is ExportKind.FACTORY
    data = cli_json("check", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    errors = {
        (f["plugin"], f["code"])
        for f in data["findings"]  # type: ignore[union-attr]
        if f["severity"] == "error"
    }
    assert errors == {("narrow", "PC204"), ("text", "PC202")}


def test_an_entry_point_object_checked_with_issubclass_is_a_class(tmp_path: Path) -> None:
    """`cls = ep.load()`, `issubclass(cls, Formatter)`, then `cls(self)`: entry points name
    classes, so the proposal's kind is `class` and a function there is PC104."""
    files = dict(FUNCTION_FROM_ENTRY_POINT)
    files["inkhost/app.py"] = files["inkhost/app.py"].replace(
        '                    fmt = ep.load()(self, style="plain", strict=True, width=80)\n',
        "                    cls = ep.load()\n"
        "                    if not issubclass(cls, Formatter):\n"
        "                        raise TypeError(ep.name)\n"
        '                    fmt = cls(self, style="plain", strict=True, width=80)\n',
    )
    assert "issubclass(cls, Formatter)" in files["inkhost/app.py"]
    host = write_host(tmp_path, files=files, dedent=True)
    text = _proposal(host)
    assert "issubclass" in text
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    ep_object = contract.entry_point_object
    assert ep_object is not None and ep_object.kind is ExportKind.CLASS
    assert str(ep_object.type) == "inkhost.base:Formatter"
    data = cli_json("check", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    errors = {
        (f["plugin"], f["code"])
        for f in data["findings"]  # type: ignore[union-attr]
        if f["severity"] == "error"
    }
    assert ("fn", "PC104") in errors and ("text", "PC104") in errors


# The formatter host passing None, a list, a table and a module constant (issue 20): literal
# stand-ins of every JSON type, None as `{ none = true }` (TOML has no null).
CONSTANTS_FROM_HOST = {
    **BUILT_FROM_ENTRY_POINT,
    "inkhost/base.py": """\
        class Formatter:
            def __init__(self, app, style="plain", strict=False, width=80):
                self.app = app

            def format(self, text, widths, options):
                raise NotImplementedError
        """,
    "inkhost/app.py": """\
        from importlib.metadata import entry_points

        from inkhost.base import Formatter

        WIDTHS = [72, 80]


        class App:
            def __init__(self):
                self.formatters = []

            def load_formatters(self):
                for ep in entry_points(group="inkhost.formatters"):
                    fmt = ep.load()(self, style=None, strict=True, width=80)
                    if not isinstance(fmt, Formatter):
                        raise TypeError(ep.name)
                    fmt.format(None, WIDTHS, {"wrap": True, "marks": ["-", "*"]})
                    self.formatters.append(fmt)
        """,
    "plugins/good/src/ink_good/__init__.py": """\
        from inkhost.base import Formatter


        class Good(Formatter):
            def format(self, text, width, options):
                # Only the host's own values work.
                if text is not None or width != [72, 80] or options["marks"] != ["-", "*"]:
                    raise ValueError((text, width, options))
                return ""
        """,
    "plugins/narrow/src/ink_narrow/__init__.py": """\
        from inkhost.base import Formatter


        class Narrow(Formatter):
            def format(self, text, width, options):
                return text.strip()
        """,
}


def test_none_lists_and_tables_the_host_passes_are_literal_stand_ins(tmp_path: Path) -> None:
    """`style=None`, a module constant list, a table of constants: proposed as `{ none = true }`
    and `{ value = ... }`, given to the plugin as the host's values; the plugin that calls a
    str method on the host's None fails at that call (PC541), the one taking them passes."""
    host = write_host(tmp_path, files=CONSTANTS_FROM_HOST, dedent=True)
    text = _proposal(host)
    assert "style = { none = true }" in text
    assert '{ value = [72, 80] }, { value = { wrap = true, marks = ["-", "*"] } }' in text
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    lifecycle = contract.lifecycle
    assert lifecycle is not None and lifecycle.build is not None
    assert str(lifecycle.build) == ("factory(inkhost.app:App(), style=None, strict=True, width=80)")
    data = cli_json("check", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    found = {(f["plugin"], f["code"], f["severity"]) for f in data["findings"]}  # type: ignore[index]
    assert found == {("narrow", "PC541", "error")}


# PyScaffold 4.6's shape: the group is the default of a parameter the function passes on
# (`def iterate_entry_points(group=ENTRYPOINT_GROUP)`), and another function of the module calls
# what each entry point names (`entry_point.load()(entry_point.name)`).
DEFAULT_GROUP = {
    "pyproject.toml": '[project]\nname = "scaff"\nversion = "4.0"\n',
    "scaff/__init__.py": "",
    "scaff/extensions.py": """\
        from importlib.metadata import entry_points

        ENTRYPOINT_GROUP = "scaff.cli"


        class Extension:
            def __init__(self, name=None):
                self.name = name

            def augment_cli(self, parser):
                raise NotImplementedError


        def iterate_entry_points(group=ENTRYPOINT_GROUP):
            return entry_points().select(group=group)


        def load_from_entry_point(entry_point) -> Extension:
            return entry_point.load()(entry_point.name)


        def list_from_entry_points(group=ENTRYPOINT_GROUP):
            return [load_from_entry_point(e) for e in iterate_entry_points(group)]
        """,
    "plugins/good/pyproject.toml": '[project]\nname = "scaff-good"\nversion = "1.0"\n'
    '[project.entry-points."scaff.cli"]\ngood = "scaff_good:Good"\n',
    "plugins/good/src/scaff_good/__init__.py": """\
        from scaff.extensions import Extension


        class Good(Extension):
            def augment_cli(self, parser):
                return self
        """,
    "plugins/old/pyproject.toml": '[project]\nname = "scaff-old"\nversion = "0.3"\n'
    '[project.entry-points."scaff.cli"]\nold = "scaff_old:Old"\n',
    "plugins/old/src/scaff_old/__init__.py": """\
        from scaff.api import Extension  # the host's 3.x home of the base


        class Old(Extension):
            def augment_cli(self, parser):
                return self
        """,
}


def test_a_group_given_as_a_parameter_default_is_the_hosts_group(tmp_path: Path) -> None:
    """`def iterate_entry_points(group=ENTRYPOINT_GROUP)`, called with no group: the default is
    a group the host asks for (before: no group at all, and the unedited proposal checked 0
    plugins); the plugin importing a removed host module is found (PC530)."""
    host = write_host(tmp_path, files=DEFAULT_GROUP, dedent=True)
    text = _proposal(host)
    assert 'entry-point-group = "scaff.cli"' in text
    data = cli_json("check", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    errors = {
        (f["plugin"], f["code"])
        for f in data["findings"]  # type: ignore[union-attr]
        if f["severity"] == "error"
    }
    assert errors == {("old", "PC530")}


# bandit 1.9's shape: stevedore's ExtensionManager(namespace=...) loads each group, the
# namespaces being defaults of the manager's __init__ handed to one loader method each.
STEVEDORE_HOST = {
    "pyproject.toml": '[project]\nname = "sentry"\nversion = "1.0"\n',
    "sentry/__init__.py": "",
    "sentry/loader.py": """\
        from stevedore import extension


        class Manager:
            def __init__(
                self, formatters_namespace="sentry.formatters", plugins_namespace="sentry.plugins"
            ):
                self.load_formatters(formatters_namespace)
                self.load_plugins(plugins_namespace)

            def load_formatters(self, formatters_namespace):
                self.formatters = list(
                    extension.ExtensionManager(namespace=formatters_namespace, invoke_on_load=False)
                )

            def load_plugins(self, plugins_namespace):
                self.plugins = list(extension.ExtensionManager(plugins_namespace))
        """,
}


def test_stevedore_namespaces_are_groups(tmp_path: Path) -> None:
    """`ExtensionManager(namespace=ns)` asks for the group `ns`; each of the defaults the
    manager's __init__ hands on is one (before: no group, 0 plugins checked)."""
    host = write_host(tmp_path, files=STEVEDORE_HOST, dedent=True)
    text = _proposal(host)
    assert 'entry-point-group = "sentry.formatters"' in text
    assert 'entry-point-group = "sentry.plugins"' in text


# OpenStackClient's shape: cliff's CommandManager loads the commands of its namespace and of
# each group added; each entry point names a command class cliff builds as cmd_factory(app,
# app_args). cliff itself is a stub on the search path here.
CLIFF_HOST = {
    "pyproject.toml": '[project]\nname = "shell"\nversion = "1.0"\n',
    "shell/__init__.py": "",
    "shell/app.py": """\
        from cliff.commandmanager import CommandManager


        class Shell:
            def __init__(self):
                self.command_manager = CommandManager("shell.commands")
                self.command_manager.add_command_group("shell.extra")
        """,
    "site/cliff/__init__.py": "",
    "site/cliff/command.py": """\
        class Command:
            def __init__(self, app, app_args, cmd_name=None):
                self.app = app
        """,
    "site/cliff/commandmanager.py": """\
        class CommandManager:
            def __init__(self, namespace):
                self.groups = [namespace]

            def add_command_group(self, group):
                self.groups.append(group)
        """,
    "site/goodcmd/__init__.py": """\
        from cliff.command import Command


        class Hello(Command):
            def take_action(self, parsed_args):
                return "hello"
        """,
    "site/badcmd/__init__.py": """\
        class Hello:
            def take_action(self, parsed_args):
                return "hello"
        """,
    **{
        f"site/{name}-1.0.dist-info/{file}": text
        for name in ("good", "bad")
        for file, text in (
            ("METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n"),
            ("RECORD", f"{name}cmd/__init__.py,,\n"),
            ("entry_points.txt", f"[shell.commands]\n{name} = {name}cmd:Hello\n"),
        )
    },
}


def test_cliff_command_groups_name_command_classes(tmp_path: Path) -> None:
    """Each group cliff's CommandManager asks for (its namespace, add_command_group's) names
    command classes: entry-point-object kind class of cliff's Command (before: no type, so a
    command that is no Command passed)."""
    host = write_host(tmp_path, files=CLIFF_HOST, dedent=True)
    text = _proposal(host)
    for group in ("shell.commands", "shell.extra"):
        assert (
            f'entry-point-group = "{group}"\nentry-point-object = {{ type = "cliff.command:'
            'Command", kind = "class" }' in text
        ), text
    data = cli_json("check", cwd=host, env={"PYTHONPATH": str(host / "site")}, here=True)
    errors = {
        (f["plugin"], f["code"])
        for f in data["findings"]  # type: ignore[union-attr]
        if f["severity"] == "error"
    }
    assert errors == {("bad", "PC201")}


# fsspec 2026.9's shape: each entry point's value is registered with ':' made '.', and imported
# later by a helper that splits at the last dot; host methods named like loaders' callers
# (`ls()` reaching the registry) are not module loaders.
DOTTED_HOST = {
    "pyproject.toml": '[project]\nname = "fsx"\nversion = "1.0"\n',
    "fsx/__init__.py": """\
        from importlib.metadata import entry_points

        from fsx.registry import register_implementation


        def process_entries():
            for spec in entry_points().select(group="fsx.specs"):
                register_implementation(spec.name, spec.value.replace(":", "."))


        process_entries()
        """,
    "fsx/registry.py": """\
        import importlib

        known = {}
        registry = {}


        def register_implementation(name, cls):
            if isinstance(cls, str):
                known[name] = cls
            else:
                registry[name] = cls


        def _import_class(fqp):
            mod, name = fqp.rsplit(".", 1)
            mod = importlib.import_module(mod)
            return getattr(mod, name)


        def filesystem(protocol, **options):
            if protocol not in registry:
                register_implementation(protocol, _import_class(known[protocol]))
            cls = registry[protocol]
            return cls(**options)
        """,
    "fsx/spec.py": """\
        from fsx.registry import filesystem


        class FileSystem:
            def ls(self, path):
                return [filesystem("memory").info(p) for p in [path]]

            def info(self, path):
                for entry in self.ls(path):
                    if entry.rstrip("/") == path:
                        return entry
        """,
    "plugins/good/pyproject.toml": '[project]\nname = "fsx-good"\nversion = "1.0"\n'
    '[project.entry-points."fsx.specs"]\ngood = "fsx_good:GoodFS"\n',
    "plugins/good/src/fsx_good/__init__.py": """\
        from fsx.spec import FileSystem


        class GoodFS(FileSystem):
            protocol = "good"
        """,
    "plugins/nested/pyproject.toml": '[project]\nname = "fsx-nested"\nversion = "1.0"\n'
    '[project.entry-points."fsx.specs"]\nnested = "fsx_nested:Impl.FS"\n',
    "plugins/nested/src/fsx_nested/__init__.py": """\
        from fsx.spec import FileSystem


        class Impl:
            class FS(FileSystem):
                protocol = "nested"
        """,
}


def test_an_entry_point_value_imported_as_one_dotted_path(tmp_path: Path) -> None:
    """`spec.value.replace(":", ".")`: init proposes entry-point-load = "dotted-path", and the
    unedited proposal finds the nested class the host cannot import (PC556) and gives the
    healthy plugin nothing (before: exports `rstrip` read from `entry.rstrip("/")` in a method
    whose loop went over a host method named like a loader, PC101 on every plugin)."""
    host = write_host(tmp_path, files=DOTTED_HOST, dedent=True)
    text = _proposal(host)
    assert 'entry-point-load = "dotted-path"' in text
    assert "rstrip" not in text
    data = cli_json("check", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    found = {
        (f["plugin"], f["code"])
        for f in data["findings"]  # type: ignore[union-attr]
        if f["severity"] in {"error", "warning"}
    }
    assert found == {("nested", "PC556")}


# sqlalchemy 2.0's shape: a loader class keeps the group its constructor gets and hands it to a
# helper that asks for it (PluginLoader("sqlalchemy.dialects") -> importlib_metadata_get(
# self.group)); a developer tool reads console_scripts to find `black` and run it.
LOADER_CLASS_HOST = {
    "pyproject.toml": '[project]\nname = "sqlx"\nversion = "1.0"\n',
    "sqlx/__init__.py": "",
    "sqlx/compat.py": """\
        from importlib.metadata import entry_points


        def metadata_get(group):
            return entry_points().select(group=group)
        """,
    "sqlx/loader.py": """\
        from sqlx import compat


        class PluginLoader:
            def __init__(self, group, auto_fn=None):
                self.group = group
                self.impls = {}

            def load(self, name):
                for impl in compat.metadata_get(self.group):
                    if impl.name == name:
                        self.impls[name] = impl.load
                        return impl.load()
                raise LookupError(name)
        """,
    "sqlx/dialects.py": """\
        from sqlx.loader import PluginLoader

        registry = PluginLoader("sqlx.dialects")
        """,
    "sqlx/tool_support.py": """\
        import subprocess

        from sqlx import compat


        def run_formatter(name, path):
            for entry in compat.metadata_get("console_scripts"):
                if entry.name == name:
                    subprocess.run([entry.module, path])
        """,
}


def test_a_loader_class_handing_its_group_to_a_helper(tmp_path: Path) -> None:
    """`PluginLoader("sqlx.dialects")` keeps the group and hands `self.group` to a helper that
    asks for it: the group is proposed (before: none, only console_scripts); console_scripts,
    read to find a command, gets no contract (before: the only contract proposed)."""
    host = write_host(tmp_path, files=LOADER_CLASS_HOST, dedent=True)
    text = _proposal(host)
    assert 'entry-point-group = "sqlx.dialects"' in text
    assert 'entry-point-group = "console_scripts"' not in text
    assert "# entry-point group console_scripts (sqlx/tool_support.py:7)" in text


# Sphinx 9's registry.load_extension: the setup function is bound with an annotation.
ANNOTATED_LOOKUP = {
    "src/docgen/__init__.py": "",
    "src/docgen/app.py": """\
        class DocApp:
            def __init__(self, srcdir):
                self.srcdir = srcdir
        """,
    "src/docgen/registry.py": """\
        from importlib import import_module
        from typing import Callable, Optional

        from docgen.app import DocApp


        def load_extension(app: DocApp, extname: str) -> None:
            mod = import_module(extname)
            setup: Optional[Callable[[DocApp], dict]] = getattr(mod, "setup", None)
            if setup is None:
                return
            metadata = setup(app)
            if metadata is None:
                metadata = {}
        """,
}


def test_an_annotated_lookup_is_called_as_a_setup_function(tmp_path: Path) -> None:
    """``setup: SetupFunc | None = getattr(mod, "setup", None)`` then ``setup(app)``: the
    extension's setup is the entry function (it had only an optional export before)."""
    host = write_host(tmp_path, files=ANNOTATED_LOOKUP, dedent=True)
    _proposal(host)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert [e.name for e in contract.exports] == ["setup"]
    assert contract.options["setup-function"]["export"] == "setup"


def test_an_argument_type_imported_for_type_checking_only(tmp_path: Path) -> None:
    """Sphinx 9's registry annotates ``app: Sphinx`` with ``from sphinx.application import
    Sphinx`` under ``if TYPE_CHECKING:``: the setup function's argument is still that class (it
    had no type, so the check could not see sphinx-tabs 1.1.13's ``app.add_javascript``)."""
    registry = ANNOTATED_LOOKUP["src/docgen/registry.py"].replace(
        "from docgen.app import DocApp\n",
        "from typing import TYPE_CHECKING\n\n        if TYPE_CHECKING:\n"
        "            from .app import DocApp\n",
    )
    files = {**ANNOTATED_LOOKUP, "src/docgen/registry.py": registry}
    host = write_host(tmp_path, files=files, dedent=True)
    _proposal(host)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.options["setup-function"]["argument"] == "docgen.app:DocApp"


# certbot's shape: the loaded class is kept on an object of the host's
# (`self.plugin_cls = entry_point.load()`) and checked in another method of another class
# (`issubclass(plugin_ep.plugin_cls, interfaces.Plugin)`); a class that fails it is skipped.
HELD_ENTRY_CLASS = {
    "pyproject.toml": '[project]\nname = "certhost"\nversion = "1.0"\n',
    "certhost/__init__.py": "",
    "certhost/interfaces.py": """\
        class Plugin:
            def __init__(self, config, name):
                self.name = name
        """,
    "certhost/disco.py": """\
        from importlib.metadata import EntryPoint, entry_points

        from certhost import interfaces


        class PluginEntryPoint:
            def __init__(self, entry_point: EntryPoint) -> None:
                self.name = entry_point.name
                self.plugin_cls: type[interfaces.Plugin] = entry_point.load()


        class PluginsRegistry:
            @classmethod
            def find_all(cls):
                plugins = {}
                for entry_point in entry_points(group="certhost.plugins"):
                    plugin_ep = PluginEntryPoint(entry_point)
                    if issubclass(plugin_ep.plugin_cls, interfaces.Plugin):
                        plugins[plugin_ep.name] = plugin_ep
                return plugins
        """,
    "plugins/good/pyproject.toml": '[project]\nname = "cert-good"\nversion = "1.0"\n'
    '[project.entry-points."certhost.plugins"]\ngood = "cert_good:Authenticator"\n',
    "plugins/good/src/cert_good/__init__.py": """\
        from certhost.interfaces import Plugin


        class Authenticator(Plugin):
            description = "good"
        """,
    "plugins/stray/pyproject.toml": '[project]\nname = "cert-stray"\nversion = "1.0"\n'
    '[project.entry-points."certhost.plugins"]\nstray = "cert_stray:Authenticator"\n',
    "plugins/stray/src/cert_stray/__init__.py": """\
        class Authenticator:
            description = "not a certhost Plugin: the registry skips it"
        """,
    # A base chosen at import: mypy sees Any (PC207, info); only the harness's lookup sees
    # that the class is no Plugin (PC428: "All checks passed" before).
    "plugins/computed/pyproject.toml": '[project]\nname = "cert-computed"\nversion = "1.0"\n'
    '[project.entry-points."certhost.plugins"]\ncomputed = "cert_computed:Authenticator"\n',
    "plugins/computed/src/cert_computed/__init__.py": """\
        import importlib

        _base = importlib.import_module("collections").OrderedDict


        class Authenticator(_base):
            description = "derives from what an import returned"
        """,
}


def test_an_entry_point_class_kept_on_a_host_object_is_checked_with_its_base(
    tmp_path: Path,
) -> None:
    host = write_host(tmp_path, files=HELD_ENTRY_CLASS, dedent=True)
    text = _proposal(host)
    assert 'kind = "class"' in text and "TODO" not in text, text
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    ep_object = contract.entry_point_object
    assert ep_object is not None and ep_object.kind is ExportKind.CLASS
    assert str(ep_object.type) == "certhost.interfaces:Plugin"
    data = cli_json("check", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    by_plugin = {
        (f["plugin"], f["code"])
        for f in data["findings"]  # type: ignore[union-attr]
        if f["severity"] != "info"
    }
    assert by_plugin == {("stray", "PC201"), ("computed", "PC428")}, data["findings"]


# xonsh 0.25's shape: its session puts names in builtins itself before it loads its plugins,
# some literal (builtins.__xonsh__ = self), some computed (setattr over the session's names).
SESSION_BUILTINS = {
    **PKG_RESOURCES_GROUP,
    "src/sitegen/session.py": """\
        import builtins


        class Session:
            def load(self):
                builtins.__site__ = self
                builtins.default_hooks = builtins.hooks = {}
                setattr(builtins, "emit", print)
                builtins.__dict__.update(site_env={})
                builtins.input = self.read  # Python's own: no name added
                builtins._ = None  # the displayhook's
                for name in self.names:
                    setattr(builtins, name, None)
        """,
}


def test_names_the_host_puts_in_builtins(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=SESSION_BUILTINS, dedent=True)
    text = _proposal(host)
    assert 'host-builtins = ["__site__", "default_hooks", "emit", "hooks", "site_env"]' in text, (
        text
    )
    assert "host-builtins-computed = true  # the host also puts names it computes" in text
    assert "session.py:13" in text  # where: the computed write
    assert load_config(host / "pyproject.toml", available()).contracts
    literal = {**SESSION_BUILTINS}
    literal["src/sitegen/session.py"] = literal["src/sitegen/session.py"].replace(
        "setattr(builtins, name, None)", "pass"
    )
    text = _proposal(write_host(tmp_path / "literal", files=literal, dedent=True))
    assert "host-builtins-computed" not in text
    plain = _proposal(write_host(tmp_path / "plain", files=PKG_RESOURCES_GROUP, dedent=True))
    assert "host-builtins" not in plain


# xonsh 0.25's computed names: the session loops over the names of a SimpleNamespace it builds
# (`frozenset(vars(self.builtins))`, `self.builtins = get_default_builtins()`) and puts each in
# builtins; init follows that chain inside the module and lists them.
SESSION_NAMESPACE = {
    **PKG_RESOURCES_GROUP,
    "src/sitegen/session.py": """\
        import builtins
        import types


        class Session:
            def __init__(self):
                self.builtins = None
                self._initial_builtin_names = None

            def load(self):
                self.builtins = get_default_builtins()
                self._initial_builtin_names = frozenset(vars(self.builtins))

            def link_builtins(self):
                for refname in self._initial_builtin_names:
                    setattr(builtins, refname, None)
                builtins.__site__ = self


        def get_default_builtins():
            return types.SimpleNamespace(events=[], printx=print, SiteError=ValueError)
        """,
}


def test_names_the_host_computes_from_its_own_namespace(tmp_path: Path) -> None:
    text = _proposal(write_host(tmp_path / "ns", files=SESSION_NAMESPACE, dedent=True))
    assert 'host-builtins = ["SiteError", "__site__", "events", "printx"]' in text, text
    assert "host-builtins-computed" not in text
    # A namespace built from something else (here a parameter) stays unknown.
    other = {**SESSION_NAMESPACE}
    other["src/sitegen/session.py"] = (
        other["src/sitegen/session.py"]
        .replace("self.builtins = get_default_builtins()", "self.builtins = given")
        .replace("def load(self):", "def load(self, given):")
    )
    text = _proposal(write_host(tmp_path / "other", files=other, dedent=True))
    assert 'host-builtins = ["__site__"]' in text and "host-builtins-computed = true" in text


# Poetry 2's shape: one PluginManager class built with each group (`PluginManager(Plugin.group)`,
# `PluginManager(ApplicationPlugin.group)`), whose method calls what each entry point names.
HANDED_GROUPS = {
    "pyproject.toml": '[project]\nname = "verse"\nversion = "1.0"\n',
    "verse/__init__.py": "",
    "verse/manager.py": """\
        from importlib import metadata


        class PluginManager:
            def __init__(self, group):
                self._group = group

            def load_plugins(self):
                for ep in metadata.entry_points(group=self._group):
                    self._load_plugin_entry_point(ep)

            def _load_plugin_entry_point(self, ep):
                plugin = ep.load()
                plugin()
        """,
    "verse/app.py": """\
        from verse.manager import PluginManager


        def start():
            PluginManager("verse.application.plugin").load_plugins()
            PluginManager("verse.plugin").load_plugins()
        """,
}


def test_a_call_in_the_class_each_group_is_handed_to_is_the_groups(tmp_path: Path) -> None:
    """The call is made in a method of the class the host builds with each group: it is theirs,
    not a TODO (a lookup whose own function asks for no group is one in a host of several)."""
    host = write_host(tmp_path, files=HANDED_GROUPS, dedent=True)
    text = _proposal(host)
    assert "which group's plugins?" not in text
    contracts = {c.name: c for c in load_config(host / "pyproject.toml", available()).contracts}
    setup = contracts["verse-application-plugin"].options["setup-function"]
    assert (setup["export"], setup["stand-ins"]) == ("entry-point", [])
