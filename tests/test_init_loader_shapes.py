"""`plugcheck init` on loaders of real hosts' shapes (issue 14 item 4): every group a host asks
for, and what a loader that builds the class an entry point names then calls on it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.

# Tutor 22: plugins/v1.py asks for "tutor.plugin.v1" by its literal; plugins/v0.py's
# EntrypointPlugin.discover_all asks for `cls.ENTRYPOINT`, a class attribute.
GROUPS_HOST = {
    "pyproject.toml": '[project]\nname = "tutee"\nversion = "1.0"\n',
    "tutee/__init__.py": "",
    "tutee/plugins/__init__.py": "",
    "tutee/plugins/v1.py": """\
        import importlib
        from importlib import metadata


        def discover():
            for entrypoint in metadata.entry_points(group="tutee.plugin.v1"):
                importlib.import_module(entrypoint.value)
        """,
    "tutee/plugins/v0.py": """\
        import importlib
        from importlib import metadata


        class BasePlugin:
            ENTRYPOINT = None

            def __init__(self, name):
                self.name = name

            @classmethod
            def discover_all(cls):
                for entrypoint in metadata.entry_points(group=cls.ENTRYPOINT):
                    cls(entrypoint)


        class EntrypointPlugin(BasePlugin):
            ENTRYPOINT = "tutee.plugin.v0"

            def __init__(self, entrypoint):
                super().__init__(entrypoint.name)
                self.obj = importlib.import_module(entrypoint.value)


        class LegacyPlugin(EntrypointPlugin):
            ENTRYPOINT = "tutee.plugin.legacy"
        """,
    # A method that sets `self.GROUP` makes the name the instance's: never read as the class's.
    # intake 2's EntrypointsCatalog keeps its __init__'s defaulted group on self and asks for it.
    "tutee/loader.py": """\
        from importlib import metadata


        class Loader:
            GROUP = "tutee.default"

            def __init__(self, group):
                self.GROUP = group

            def load(self):
                return [e.load() for e in metadata.entry_points(group=self.GROUP)]


        class Catalog:
            def __init__(self, *args, entrypoints_group="tutee.catalogs", **kwargs):
                self._group = entrypoints_group

            def entries(self):
                return [e.name for e in metadata.entry_points().select(group=self._group)]
        """,
    # OctoPrint 1.11: the start-up code hands a local list of groups to a factory function,
    # which hands it to the manager's constructor, kept on self and handed to a method that
    # compares each entry point's group with each of them.
    "tutee/manager.py": """\
        from importlib import metadata


        class PluginManager:
            def __init__(self, folders, entry_points, logging_prefix=None):
                if entry_points is None:
                    entry_points = []
                self.entry_points = entry_points

            def find(self):
                return self._from_entry_points(self.entry_points)

            def _from_entry_points(self, groups):
                if not isinstance(groups, (list, tuple)):
                    groups = [groups]
                found = []
                for group in groups:
                    for dist in metadata.distributions():
                        found += [ep for ep in dist.entry_points if ep.group == group]
                return [ep.load() for ep in found]


        def plugin_manager(init=False, folders=None, entry_points=None):
            return PluginManager(folders, entry_points)
        """,
    "tutee/start.py": """\
        from tutee.manager import plugin_manager


        def start():
            entry_points = ["tutee.handed"]
            return plugin_manager(init=True, folders=[], entry_points=entry_points).find()
        """,
    "plugins/new/pyproject.toml": '[project]\nname = "tutee-new"\nversion = "1.0"\n'
    '[project.entry-points."tutee.plugin.v1"]\nnew = "tutee_new"\n',
    "plugins/new/src/tutee_new/__init__.py": "NAME = 'new'\n",
    "plugins/old/pyproject.toml": '[project]\nname = "tutee-old"\nversion = "1.0"\n'
    '[project.entry-points."tutee.plugin.v0"]\nold = "tutee_old"\n',
    "plugins/old/src/tutee_old/__init__.py": "import not_installed_anywhere  # expect: PC309\n",
}


def test_every_group_the_host_asks_for_gets_a_contract(tmp_path: Path) -> None:
    """`entry_points(group=cls.ENTRYPOINT)` in a classmethod asks for the class attribute of
    the class and of each subclass in the module: a contract per group, so the broken v0 plugin
    is discovered and its import failure found (it was a false pass with the v1 group alone).
    An attribute a method sets on the instance is not the class's constant, unless `__init__`
    sets it, and only it, from a parameter with a default: then the default is asked for. A local
    list of groups handed through a function and a constructor to a comparison with each entry
    point's group is asked for too (OctoPrint's plugin_entry_points)."""
    host = write_host(tmp_path, files=GROUPS_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    groups = ("tutee.plugin.v1", "tutee.plugin.v0", "tutee.plugin.legacy", "tutee.catalogs")
    for group in (*groups, "tutee.handed"):
        assert f'entry-point-group = "{group}"' in proc.stdout
    assert "tutee/plugins/v0.py:13" in proc.stdout  # where the classmethod asks
    assert "tutee.default" not in proc.stdout
    assert proc.stdout.count('ignore = ["PC103"]') == 5  # the host never reads __all__
    (host / "pyproject.toml").write_text(proc.stdout)
    data = cli_json("check", "--no-dynamic", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    assert not data["errors"], data["errors"]
    found = {(f["plugin"], f["code"]) for f in data["findings"]}  # type: ignore[index, union-attr]
    assert found == {("tutee-old", "PC309")}


# Mopidy 3.4: load_extensions() resolves each `mopidy.ext` entry point (pkg_resources'
# `entry_point.resolve()`), checks issubclass(cls, Extension), builds it with no arguments and
# calls get_config_schema(), get_default_config() and get_command() on it.
BUILT_HOST = {
    "pyproject.toml": '[project]\nname = "tunes"\nversion = "1.0"\n',
    "tunes/__init__.py": "",
    "tunes/ext.py": """\
        import logging
        from pathlib import Path
        from typing import NamedTuple

        logger = logging.getLogger(__name__)


        class ExtensionData(NamedTuple):
            extension: "Extension"
            enabled: bool


        class Extension:
            def get_config_schema(self):
                return {"enabled": True}

            def get_command(self):
                return None

            def validate_environment(self):
                pass

            def setup(self, registry):
                raise NotImplementedError


        def validate_extension_data(data: ExtensionData) -> bool:
            try:
                data.extension.validate_environment()
            except Exception:
                return False
            return data.enabled


        def load_extensions():
            import pkg_resources  # not imported by the preload: setuptools may be absent

            installed = []
            here = Path(__file__).resolve()
            for entry_point in pkg_resources.iter_entry_points("tunes.ext"):
                try:
                    extension_class = entry_point.resolve()
                except Exception:
                    logger.exception("cannot load %s", entry_point.name)
                    continue
                if not issubclass(extension_class, Extension):
                    continue
                try:
                    extension = extension_class()
                    installed.append(
                        (extension, extension.get_config_schema(), extension.get_command())
                    )
                except Exception:
                    logger.exception("cannot set up %s", entry_point.name)
            return installed, here
        """,
    "plugins/good/pyproject.toml": '[project]\nname = "tunes-good"\nversion = "1.0"\n'
    '[project.entry-points."tunes.ext"]\ngood = "tunes_good:Extension"\n',
    "plugins/good/src/tunes_good/__init__.py": """\
        from tunes import ext


        class Extension(ext.Extension):
            def get_command(self):
                return "play"
        """,
    "plugins/picky/pyproject.toml": '[project]\nname = "tunes-picky"\nversion = "1.0"\n'
    '[project.entry-points."tunes.ext"]\npicky = "tunes_picky:Extension"\n',
    "plugins/picky/src/tunes_picky/__init__.py": """\
        from tunes import ext


        class Extension(ext.Extension):
            def validate_environment(self):
                raise RuntimeError("needs a sound card")
        """,
    "plugins/broken/pyproject.toml": '[project]\nname = "tunes-broken"\nversion = "1.0"\n'
    '[project.entry-points."tunes.ext"]\nbroken = "tunes_broken:Extension"\n',
    "plugins/broken/src/tunes_broken/__init__.py": """\
        from tunes import ext


        class Extension(ext.Extension):
            def get_command(self):
                raise TypeError("Descriptors cannot be created directly")
        """,
}


def test_the_methods_called_on_the_built_class_become_its_lifecycle(tmp_path: Path) -> None:
    """`resolve()` on an entry point loads what it names; the class checked with issubclass is
    built with no arguments and the methods the loader calls on it are the lifecycle's calls,
    so a get_command() that raises is found (init proposed no lifecycle: a false pass). A
    method another function calls on it, through a parameter annotated with a class whose
    field is annotated with it, follows them: a validate_environment() that raises is found."""
    host = write_host(tmp_path, files=BUILT_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert 'entry-point-object = { type = "tunes.ext:Extension", kind = "class" }' in proc.stdout
    assert 'factory = "entry-point"' in proc.stdout
    calls = proc.stdout.partition("calls = [")[2]
    assert calls.index('"get_config_schema"') < calls.index('"get_command"')
    # and, after them, what another function calls on it, through ExtensionData's field
    assert calls.index('"get_command"') < calls.index('"validate_environment"')
    assert '"setup"' not in calls
    (host / "pyproject.toml").write_text(proc.stdout)
    data = cli_json("check", "--no-mypy", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    assert not data["errors"], data["errors"]
    by_plugin: dict[str, set[str]] = {}
    for f in data["findings"]:  # type: ignore[union-attr]
        if f["severity"] != "info":  # type: ignore[index]
            by_plugin.setdefault(f["plugin"], set()).add(f["code"])  # type: ignore[index]
    # read from source (PC562) before the run, whose PC541 twin is then a note
    assert by_plugin == {"broken": {"PC562"}, "picky": {"PC562"}}, by_plugin


def test_pc103_is_left_out_only_where_the_host_never_reads_all(tmp_path: Path) -> None:
    """PC103 ("not in __all__") is breakage only where the host reads __all__ or star-imports
    the plugin. IPython's `mod.load_ipython_extension(shell)` never does: init ignores PC103
    with that reason. A host that reads `mod.__all__` keeps it."""
    files = {
        "pyproject.toml": '[project]\nname = "shelly"\nversion = "1.0"\n',
        "shelly/__init__.py": "",
        "shelly/extensions.py": """\
            import importlib


            class ExtensionManager:
                def __init__(self, shell):
                    self.shell = shell

                def load_extension(self, name):
                    mod = importlib.import_module(name)
                    if hasattr(mod, "load_extension"):
                        mod.load_extension(self.shell)
                        return True
                    return False
            """,
    }
    host = write_host(tmp_path / "attribute", files=files, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert 'ignore = ["PC103"]  # PC103: the host never star-imports a plugin' in proc.stdout
    files["shelly/extensions.py"] = files["shelly/extensions.py"].replace(
        "if hasattr(mod,", "if 'load_extension' in getattr(mod, '__all__', ()) and hasattr(mod,"
    )
    host = write_host(tmp_path / "star", files=files, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert "load_extension" in proc.stdout and "PC103" not in proc.stdout


# Pyramid 2.1: Configurator.include(name) resolves the dotted name through maybe_dotted ->
# DottedNameResolver -> import_module (a zope Interface declares maybe_dotted too), takes the
# module with inspect.getmodule, looks `includeme` up on it and calls it with a Configurator it
# builds as `self.__class__(...)`.
DOTTED_HOST = {
    "pyproject.toml": '[project]\nname = "pyra"\nversion = "1.0"\n',
    "pyra/__init__.py": "",
    "pyra/interfaces.py": """\
        class IConfigurator:
            def maybe_dotted(dotted):
                \"\"\"Resolve a dotted name to the object it names.\"\"\"
        """,
    "pyra/path.py": """\
        from importlib import import_module


        class DottedNameResolver:
            def maybe_resolve(self, dotted):
                if isinstance(dotted, str):
                    return self._resolve(dotted)
                return dotted

            def _resolve(self, dotted):
                module, _, attr = dotted.partition(":")
                found = import_module(module)
                return getattr(found, attr) if attr else found
        """,
    "pyra/config.py": """\
        import inspect

        from pyra.path import DottedNameResolver


        class Configurator:
            inspect = inspect

            def __init__(self, package=None):
                self.package = package
                self.name_resolver = DottedNameResolver()
                self.routes = {}

            def maybe_dotted(self, dotted):
                return self.name_resolver.maybe_resolve(dotted)

            def add_route(self, name, pattern):
                self.routes[name] = pattern

            def include(self, callable):
                c = self.maybe_dotted(callable)
                module = self.inspect.getmodule(c)
                if module is c:
                    c = getattr(module, "includeme")
                configurator = self.__class__(package=module)
                c(configurator)

            def run_view(self, spec):
                # nbconvert's shape: the name is rebound to an instance, whose methods are no
                # lookups on a plugin module
                view = self.maybe_dotted(spec)
                view = view(self)
                return view.render()
        """,
    "plugins/good/__init__.py": """\
        def includeme(config):
            config.add_route("home", "/")
        """,
    "plugins/typo/__init__.py": """\
        def includeme(config):
            config.add_rout("home", "/")  # expect: PC531
        """,
    "plugins/none/__init__.py": "def setup(config):  # expect: PC101\n    pass\n",
}


def test_a_module_resolved_by_a_dotted_name_helper_gets_its_lookup(tmp_path: Path) -> None:
    """A host function that imports the name it is given and returns it (through a resolver's
    method, beside an interface's stub of the same name) is an import by name; the module
    ``inspect.getmodule`` gives back is the loaded one, and the Configurator built with
    ``self.__class__`` is the argument. init proposed no add-on contract at all: every add-on,
    with or without ``includeme``, went unchecked."""
    host = write_host(tmp_path, files=DOTTED_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert 'export = "includeme"' in proc.stdout
    assert 'argument = "pyra.config:Configurator"' in proc.stdout
    assert "render" not in proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    data = cli_json("check", "--no-dynamic", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    assert not data["errors"], data["errors"]
    found = {(f["plugin"], f["code"]) for f in data["findings"]}  # type: ignore[index, union-attr]
    assert found == {("typo", "PC531"), ("none", "PC101")}, found


# rasterio 1.4's `rio`: the entry points of two groups are handed to click-plugins'
# `with_plugins`, an installed library, which checks `isinstance(group, click.Group)` and calls
# `group.add_command(ep.load())`; click's `Group.add_command` annotates `cmd: Command`. Celery's
# `celery.commands` the same way.
HANDED_HOST = {
    "site-packages/clicky/__init__.py": """\
        class Command:
            def __init__(self, name=None):
                self.name = name


        class Group(Command):
            def __init__(self, name=None):
                super().__init__(name)
                self.commands = {}

            def add_command(self, cmd: Command, name: str | None = None) -> None:
                self.commands[name or cmd.name] = cmd
        """,
    "site-packages/clicky_plugins.py": """\
        import clicky


        def with_plugins(entry_points):
            def decorator(group):
                if not isinstance(group, clicky.Group):
                    raise TypeError(group)
                for ep in entry_points or ():
                    group.add_command(ep.load())
                return group

            return decorator
        """,
    "site-packages/riot/__init__.py": "",
    "site-packages/riot/main.py": """\
        import itertools
        from importlib.metadata import entry_points

        import clicky
        from clicky_plugins import with_plugins


        @with_plugins(
            itertools.chain(
                entry_points(group="riot.commands"), entry_points(group="riot.plugins")
            )
        )
        def main_group():
            return clicky.Group("riot")
        """,
    # Celery 5.7's bin/celery.py: the group's entry points are bound to a module name first.
    "site-packages/riot/more.py": """\
        from importlib.metadata import entry_points

        import clicky
        from clicky_plugins import with_plugins

        _PLUGINS = entry_points(group="riot.more")


        @with_plugins(_PLUGINS)
        def more_group():
            return clicky.Group("more")
        """,
}


def test_entry_points_handed_to_a_library_that_adds_them_as_commands(tmp_path: Path) -> None:
    """The library's function is followed one level: what each entry point names goes to
    ``Group.add_command(cmd: Command)``, so both groups' entry points must name a Command
    instance (init proposed a bare factory contract: a plain function passed)."""
    host = write_host(tmp_path, files=HANDED_HOST, dedent=True)
    proc = run_cli_here("init", str(host / "site-packages" / "riot"))
    assert proc.returncode == 0, proc.stderr
    line = 'entry-point-object = { type = "clicky:Command", kind = "instance" }'
    assert proc.stdout.count(line) == 3, proc.stdout


# OpenStackClient 10.5: clientmanager binds the modules its loader imported to a module-level
# list, which shell.py iterates in another module; the host reads API_NAME and
# API_VERSION_OPTION from each module as values and calls build_option_parser.
LISTED_HOST = {
    "site-packages/osk/__init__.py": "",
    "site-packages/osk/manager.py": """\
        import importlib
        from importlib import metadata

        REGISTRY = {}


        def get_plugin_modules(group):
            mod_list = []
            for ep in metadata.entry_points(group=group):
                try:
                    module = importlib.import_module(ep.module)
                except Exception:
                    continue
                mod_list.append(module)
                REGISTRY[module.API_NAME] = module
            return mod_list


        def build_plugin_option_parser(parser):
            for mod in PLUGIN_MODULES:
                parser = mod.build_option_parser(parser)
            return parser


        PLUGIN_MODULES = get_plugin_modules("osk.cli.base")
        """,
    "site-packages/osk/shell.py": """\
        from osk import manager


        def load_plugins(versions):
            for mod in manager.PLUGIN_MODULES:
                option = mod.API_VERSION_OPTION.replace("os_", "", 1)
                versions[option] = getattr(mod, "DEFAULT_API_VERSION", None)
                try:
                    versions[mod.API_NAME] = mod.API_VERSIONS
                except AttributeError:
                    pass
        """,
    "good/pyproject.toml": '[project]\nname = "good"\nversion = "1"\n'
    '[project.entry-points."osk.cli.base"]\ngood = "good_client"\n',
    "good/good_client.py": 'API_NAME = "good"\nAPI_VERSION_OPTION = "os_good"\n\n\n'
    "def build_option_parser(parser):\n    return parser\n",
    "noname/pyproject.toml": '[project]\nname = "noname"\nversion = "1"\n'
    '[project.entry-points."osk.cli.base"]\nnoname = "noname_client"\n',
    "noname/noname_client.py": 'API_VERSION_OPTION = "os_x"\n\n\n'
    "def build_option_parser(parser):\n    return parser\n",
}


def test_values_read_from_modules_a_module_level_list_holds(tmp_path: Path) -> None:
    """Attribute reads on a loaded module are lookups of values (any kind, required unless
    guarded or caught), and a module-level list of loaded modules is iterated in another
    module as the modules themselves. init proposed no export at all: a plugin without
    API_NAME, which makes the host's start-up raise AttributeError, passed."""
    host = write_host(tmp_path, files=LISTED_HOST, dedent=True)
    proc = run_cli_here("init", str(host / "site-packages" / "osk"))
    assert proc.returncode == 0, proc.stderr
    exports = {
        line.partition(" =")[0]: line
        for line in proc.stdout.split(".exports]", 1)[1].split("\n\n", 1)[0].splitlines()[1:]
    }
    assert sorted(exports) == [
        "API_NAME",
        "API_VERSIONS",
        "API_VERSION_OPTION",
        "DEFAULT_API_VERSION",
        "build_option_parser",
    ], proc.stdout
    assert 'kind = "any"' in exports["API_NAME"] and "optional" not in exports["API_NAME"]
    assert 'kind = "any"' in exports["API_VERSION_OPTION"]
    assert "optional = true" in exports["API_VERSIONS"]  # the host catches AttributeError
    assert 'kind = "callable"' in exports["build_option_parser"]
    (host / "pyproject.toml").write_text(proc.stdout)
    data = cli_json(
        "check", "--no-dynamic", str(host / "good"), str(host / "noname"), cwd=host, here=True
    )
    assert not data["errors"], data["errors"]
    found = {(f["plugin"], f["code"]) for f in data["findings"]}  # type: ignore[index, union-attr]
    assert found == {("noname", "PC101")}, data["findings"]


# Flask 3's cli.py binds its app class twice: under `if t.TYPE_CHECKING:` (a module alias of
# typing, which reads as guarded since 44fd6f43) and in the function that checks the result.
TWICE_BOUND_HOST = {
    "flasky/__init__.py": "from .app import App\n",
    "flasky/app.py": "class App:\n    pass\n",
    "flasky/cli.py": """\
        import importlib
        import typing as t

        if t.TYPE_CHECKING:
            from .app import App


        def locate_app(name):
            from . import App

            module = importlib.import_module(name)
            app = getattr(module, "create_app")()
            if isinstance(app, App):
                return app
            raise RuntimeError(name)
        """,
}


def test_a_class_imported_twice_as_one_is_the_checked_type(tmp_path: Path) -> None:
    """Both imports name one host class, so the result the host checks is an instance of it;
    without it, init typed Flask's create_app with an unrelated Callable alias."""
    host = write_host(tmp_path, files=TWICE_BOUND_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    assert 'return-type = "flasky.app:App"' in proc.stdout, proc.stdout


# OpenStackClient 10.5: PLUGIN_MODULES holds the base group's modules, then is extended with the
# third-party "openstack.cli.extension" group's; one loader asks for either group it is handed.
EXTENDED_HOST = {
    **LISTED_HOST,
    "site-packages/osk/manager.py": textwrap.dedent(LISTED_HOST["site-packages/osk/manager.py"])
    + textwrap.dedent(
        """\
        _base = {mod.API_NAME for mod in PLUGIN_MODULES}
        PLUGIN_MODULES.extend(
            mod for mod in get_plugin_modules("osk.cli.extension") if mod.API_NAME not in _base
        )
        """
    ),
    "extgood/pyproject.toml": '[project]\nname = "extgood"\nversion = "1"\n'
    '[project.entry-points."osk.cli.extension"]\nextgood = "extgood_client"\n',
    "extgood/extgood_client.py": 'API_NAME = "eg"\nAPI_VERSION_OPTION = "os_eg"\n\n\n'
    "def build_option_parser(parser):\n    return parser\n",
    "extnoname/pyproject.toml": '[project]\nname = "extnoname"\nversion = "1"\n'
    '[project.entry-points."osk.cli.extension"]\nextnoname = "extnoname_client"\n',
    "extnoname/extnoname_client.py": 'API_VERSION_OPTION = "os_x"\n\n\n'
    "def build_option_parser(parser):\n    return parser\n",
}


def test_every_group_filling_a_module_list_gets_its_lookups(tmp_path: Path) -> None:
    """Both groups fill the list the host looks names up on: each group's contract requires
    them. Only the first one's did, so a third-party plugin without API_NAME passed."""
    host = write_host(tmp_path, files=EXTENDED_HOST, dedent=True)
    proc = run_cli_here("init", str(host / "site-packages" / "osk"))
    assert proc.returncode == 0, proc.stderr
    extension = proc.stdout.split("[tool.plugcheck.contracts.osk-cli-extension.exports]")[1]
    assert 'API_NAME = { kind = "any" }' in extension.split("\n\n")[0], proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    paths = [str(host / p) for p in ("good", "noname", "extgood", "extnoname")]
    data = cli_json("check", "--no-dynamic", *paths, cwd=host, here=True)
    assert not data["errors"], data["errors"]
    found = {(f["plugin"], f["code"]) for f in data["findings"]}  # type: ignore[index, union-attr]
    assert found == {("noname", "PC101"), ("extnoname", "PC101")}, data["findings"]


# Mopidy 3.4's main(): the extensions load_extensions() returns (a list of ExtensionData) are
# sorted into a dict of lists; each of extensions["enabled"] gets setup(registry), and a setup
# that raises is logged (the extension is left half set up).
REGISTRY_HOST = {
    "pyproject.toml": '[project]\nname = "tunes"\nversion = "1.0"\n',
    "tunes/__init__.py": "",
    "tunes/ext.py": """\
        from importlib import metadata
        from typing import List, NamedTuple


        class ExtensionData(NamedTuple):
            extension: "Extension"
            enabled: bool


        class Extension:
            def get_config_schema(self):
                return {"enabled": True}

            def setup(self, registry):
                raise NotImplementedError


        class Registry(dict):
            def add(self, name, cls):
                self.setdefault(name, []).append(cls)


        def load_extensions() -> List[ExtensionData]:
            installed = []
            for entry_point in metadata.entry_points(group="tunes.ext"):
                extension_class = entry_point.load()
                if not issubclass(extension_class, Extension):
                    continue
                extension = extension_class()
                if isinstance(extension, Extension):
                    extension.get_config_schema()
                    installed.append(ExtensionData(extension, True))
            return installed
        """,
    "tunes/__main__.py": """\
        import logging

        from tunes import ext

        logger = logging.getLogger(__name__)


        def main():
            registry = ext.Registry()
            extensions_data = ext.load_extensions()
            extensions = {"enabled": [], "disabled": []}
            for data in extensions_data:
                extension = data.extension
                if data.enabled:
                    extensions["enabled"].append(extension)
                else:
                    extensions["disabled"].append(extension)
            for extension in extensions["enabled"]:
                try:
                    extension.setup(registry)
                except Exception:
                    logger.exception("%s failed during setup", extension)
        """,
    "plugins/good/pyproject.toml": '[project]\nname = "tunes-good"\nversion = "1.0"\n'
    '[project.entry-points."tunes.ext"]\ngood = "tunes_good:Extension"\n',
    "plugins/good/src/tunes_good/__init__.py": """\
        from tunes import ext


        class Extension(ext.Extension):
            def setup(self, registry):
                registry.add("frontend", object)
        """,
    "plugins/nosetup/pyproject.toml": '[project]\nname = "tunes-nosetup"\nversion = "1.0"\n'
    '[project.entry-points."tunes.ext"]\nnosetup = "tunes_nosetup:Extension"\n',
    "plugins/nosetup/src/tunes_nosetup/__init__.py": """\
        from tunes import ext


        class Extension(ext.Extension):
            def setup(self, registry):
                registry.register("frontend", object)
        """,
}


def test_setup_called_on_the_elements_of_a_dict_of_lists(tmp_path: Path) -> None:
    """The loop variable over extensions["enabled"], filled with data.extension of the
    ExtensionData the loader returns, is an Extension: setup(registry) is one of the
    lifecycle's calls, with a fresh Registry for the host's. It was missing, so a setup() that
    raises passed."""
    host = write_host(tmp_path, files=REGISTRY_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    calls = proc.stdout.partition("calls = [")[2]
    assert '{ method = "setup", stand-ins = ["tunes.ext:Registry"] }' in calls, proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    data = cli_json("check", "--no-mypy", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    assert not data["errors"], data["errors"]
    by_plugin: dict[str, set[str]] = {}
    for f in data["findings"]:  # type: ignore[union-attr]
        if f["severity"] != "info":  # type: ignore[index]
            by_plugin.setdefault(f["plugin"], set()).add(f["code"])  # type: ignore[index]
    assert by_plugin == {"nosetup": {"PC541"}}, by_plugin


# Sceptre 4.7: ConfigReader.__init__ hands a list of groups to a method that asks for each
# through a helper (`for group in entry_point_groups: self._iterate_entry_points(group)`) and
# builds each loaded class with the YAML node's value; Template asks for its handler group
# through the same kind of helper. A user's Python template is another module: loaded from
# its file with SourceFileLoader(path, path).load_module(), and sceptre_handler() looked up.
SCEPTRE_HOST = {
    "pyproject.toml": '[project]\nname = "sceptic"\nversion = "1.0"\n',
    "sceptic/__init__.py": "",
    "sceptic/reader.py": """\
        import sys


        class ConfigReader:
            def __init__(self, context):
                self.context = context
                self._add_yaml_constructors(["sceptic.hooks", "sceptic.resolvers"])

            @staticmethod
            def _iterate_entry_points(group):
                if sys.version_info < (3, 10):
                    from pkg_resources import iter_entry_points

                    return iter_entry_points(group)
                from importlib.metadata import entry_points

                return entry_points(group=group)

            def _add_yaml_constructors(self, entry_point_groups):
                def constructor_factory(node_class):
                    def class_constructor(loader, node):
                        return node_class(loader.construct_object(node))

                    return class_constructor

                for group in entry_point_groups:
                    for entry_point in self._iterate_entry_points(group):
                        node_class = entry_point.load()
                        self.context[entry_point.name] = constructor_factory(node_class)
        """,
    "sceptic/template.py": """\
        from importlib.metadata import entry_points


        class Template:
            def __init__(self):
                self._registry = {}

            def handler(self, kind):
                for entry_point in entry_points(group="sceptic.template_handlers", name=kind):
                    self._registry[entry_point.name] = entry_point.load()
                return self._registry[kind]
        """,
    "sceptic/helper.py": """\
        from importlib.machinery import SourceFileLoader


        def call_sceptic_handler(path, user_data):
            module = SourceFileLoader(path, path).load_module()
            return module.sceptic_handler(user_data)
        """,
}


def test_groups_handed_as_a_list_and_a_template_loaded_from_its_file(tmp_path: Path) -> None:
    """Each group of the list a method asks for one by one gets its contract (Sceptre's hooks
    and resolvers had none: no plugin of theirs was checked), and the function a module loaded
    from a file path must define is that module's export, in a contract by path: it was
    required of every template handler entry point (five false PC101 errors, Sceptre's own
    handlers among them)."""
    host = write_host(tmp_path, files=SCEPTRE_HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    for group in ("sceptic.hooks", "sceptic.resolvers", "sceptic.template_handlers"):
        assert f'entry-point-group = "{group}"' in proc.stdout
    handlers, _, by_path = proc.stdout.partition("# the host also imports plugin modules by name")
    assert "sceptic_handler" not in handlers
    assert 'sceptic_handler = { kind = "callable" }  # host: sceptic/helper.py:6' in by_path
    assert 'paths = ["plugins/*"]  # TODO' in by_path
