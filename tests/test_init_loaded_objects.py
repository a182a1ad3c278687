"""`plugcheck init` follows what the host loads to where it calls it (issue 14): objects loaded
into a collection and called in a loop over it (setuptools' finalize hooks), and a module a
handler keeps on `self` and calls in another method (Sopel's `self._module.setup(bot)`), and
entry points whose values the host imports by name itself (xonsh's xontribs): one contract."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


def _proposal(host: Path) -> str:
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    (host / "pyproject.toml").write_text(proc.stdout)
    return proc.stdout


def _errors(host: Path) -> set[tuple[str, str]]:
    data = cli_json("check", "--no-dynamic", cwd=host, env={"PYTHONPATH": str(host)}, here=True)
    return {
        (f["plugin"], f["code"])
        for f in data["findings"]  # type: ignore[attr-defined]
        if f["severity"] == "error"
    }


def _plugin(dist: str, group: str, value: str, module: str, source: str) -> dict[str, str]:
    return {
        f"plugins/{dist}/pyproject.toml": f'[project]\nname = "{dist}"\nversion = "1.0"\n'
        f'[project.entry-points."{group}"]\n{dist} = "{value}"\n',
        f"plugins/{dist}/src/{module}/__init__.py": source,
    }


# setuptools 84's Distribution.finalize_options: every entry point of the group loaded into a
# generator, sorted by an attribute, each called with the Distribution itself.
FINALIZED = {
    "kiln/__init__.py": "",
    "kiln/dist.py": """\
        from importlib import metadata


        class Distribution:
            def __init__(self):
                self.name = "demo"
                self.version = "1.0"

            def finalize_options(self):
                group = "kiln.finalize"

                def by_order(hook):
                    return getattr(hook, "order", 0)

                loaded = (e.load() for e in metadata.entry_points(group=group))
                for ep in sorted(loaded, key=by_order):
                    ep(self)
        """,
    **_plugin(
        "kiln-stamp",
        "kiln.finalize",
        "kiln_stamp:finalize",
        "kiln_stamp",
        "def finalize(dist):\n    dist.version = dist.version + '.post1'\n",
    ),
    **_plugin(
        "kiln-meta",
        "kiln.finalize",
        "kiln_meta:finalize",
        "kiln_meta",
        "def finalize(dist):\n    dist.metadata.version = '2.0'\n",
    ),
}


def test_objects_loaded_into_a_collection_and_called_in_a_loop(tmp_path: Path) -> None:
    """`for ep in sorted(e.load() for e in eps): ep(self)`: the host calls each entry point's
    object with itself, so the proposal has a setup-function with the host's class as its
    argument, which finds the hook reading an attribute the Distribution lacks (PC531) and
    nothing on the healthy one."""
    host = write_host(tmp_path, files=FINALIZED, dedent=True)
    text = _proposal(host)
    table = text.partition("[tool.plugcheck.contracts.kiln-finalize.setup-function]")[2]
    assert 'export = "entry-point"  # host: kiln/dist.py:17' in table, text
    assert 'argument = "kiln.dist:Distribution"' in table, text
    assert _errors(host) == {("kiln-meta", "PC531")}


# xonsh 0.25's xontribs.py: the group's entry points are never loaded; their values (module
# names) go to the same module's import by name, which calls `_load_xontrib_` when defined.
BY_VALUE = {
    "shellx/__init__.py": "",
    "shellx/tools.py": "def say(text):\n    return text\n",
    "shellx/contribs.py": """\
        import importlib
        from importlib import metadata


        def _entry_points():
            yield from metadata.entry_points(group="shellx.contribs")


        def contrib_context(name):
            module = importlib.import_module(name)
            entrypoint = getattr(module, "_load_contrib_", None)
            if entrypoint is not None:
                return entrypoint(shell=None)
            return {}


        def autoload(blocked=()):
            return [contrib_context(e.value) for e in _entry_points() if e.name not in blocked]
        """,
    **_plugin(
        "shellx-drifted",
        "shellx.contribs",
        "shellx_drifted",
        "shellx_drifted",
        "from shellx.tools import shout\n\n\ndef _load_contrib_(shell):\n    return {}\n",
    ),
    "loose/shellx_loose/__init__.py": "from shellx.tools import shout\n",
}


def test_entry_points_imported_by_value_are_one_contract(tmp_path: Path) -> None:
    """The group and the import by name are one loading path: one contract, with the group's
    entry points and the export the import looks up, so each plugin is judged once."""
    host = write_host(tmp_path, files=BY_VALUE, dedent=True)
    text = _proposal(host)
    assert text.count("[tool.plugcheck.contracts.") == 3, text  # the contract, exports, setup
    assert "_load_contrib_ = { optional = true }  # host: shellx/contribs.py:11" in text, text
    assert "imports plugin modules by name" not in text, text
    assert _errors(host) == {("shellx-drifted", "PC530")}
    # A module given by path, not an entry point (xonsh's legacy xontrib/<name>.py): once.
    data = cli_json(
        "check",
        "--no-dynamic",
        str(host / "loose" / "shellx_loose"),
        cwd=host,
        env={"PYTHONPATH": str(host)},
        here=True,
    )
    found = [(f["plugin"], f["code"]) for f in data["findings"]]  # type: ignore[attr-defined]
    assert found == [("shellx_loose", "PC530")], found


# Sopel 8's handlers: the module kept on `self._module` by `load()` (an entry point's, in a
# subclass), served by a `module` property, its optional `setup` called in another method
# behind `has_setup()`. The bot is annotated here, so the proposal can name its class.
HELD = {
    "chirp/__init__.py": "",
    "chirp/bot.py": """\
        class Bot:
            def __init__(self):
                self.nick = "chirp"

            def say(self, text):
                return text
        """,
    "chirp/handlers.py": """\
        import importlib
        from importlib import metadata

        from chirp.bot import Bot

        PRIORITY = "chirp_priority"


        class Names:
            help = "__chirp_help__"


        class ModulePlugin:
            def __init__(self, name):
                self.name = name
                self._module = None

            @property
            def module(self):
                return self._module

            def load(self):
                self._module = importlib.import_module(self.name)

            def has_setup(self):
                return hasattr(self.module, "setup")

            def setup(self, bot: Bot):
                if self.has_setup():
                    self.module.setup(bot)

            def shutdown(self, bot: Bot):
                if hasattr(self._module, "shutdown"):
                    self._module.shutdown(bot)

            @property
            def help(self):
                return self._attribute(Names.help, default="")

            @property
            def priority(self):
                return self._attribute(PRIORITY)

            def _attribute(self, attr, default=None):
                if not hasattr(self._module, attr):
                    return default
                return getattr(self._module, attr)


        class EntryPointPlugin(ModulePlugin):
            def __init__(self, entry_point):
                self.entry_point = entry_point
                super().__init__(entry_point.name)

            def load(self):
                self._module = self.entry_point.load()


        def find_entry_point_plugins():
            for entry_point in metadata.entry_points(group="chirp.plugins"):
                yield EntryPointPlugin(entry_point)
        """,
    **_plugin(
        "chirp-hello",
        "chirp.plugins",
        "chirp_hello",
        "chirp_hello",
        "def hello(bot):\n    return bot.say('hi')\n",
    ),
    **_plugin(
        "chirp-wrapped",
        "chirp.plugins",
        "chirp_wrapped",
        "chirp_wrapped",
        "def setup(bot):\n    bot.wrapper = bot.BotWrapper(bot)\n",
    ),
}


def test_a_module_kept_on_self_and_called_in_another_method(tmp_path: Path) -> None:
    """`self._module = ep.load()`, then `self.module.setup(bot)` behind `has_setup()`: the
    proposal has optional `setup` and `shutdown` exports and `setup` as the setup-function, so
    the plugin using an attribute the bot lacks is PC531 and the one without setup nothing; the
    names its callers pass a `getattr(self._module, attr)` helper are optional exports too."""
    host = write_host(tmp_path, files=HELD, dedent=True)
    text = _proposal(host)
    assert "setup = { optional = true }  # host: chirp/handlers.py:30" in text, text
    assert "shutdown = { optional = true }  # host: chirp/handlers.py:34" in text, text
    # `getattr(self._module, attr)` in `_attribute(attr)`: the names its callers pass, a class
    # constant and a module constant (OctoPrint's `ControlProperties.attr_*`), optional as
    # `_attribute` asks `hasattr` first; a host's own dunder is an export too.
    assert "__chirp_help__ = { optional = true }  # host: chirp/handlers.py:47" in text, text
    assert "chirp_priority = { optional = true }  # host: chirp/handlers.py:47" in text, text
    table = text.partition("[tool.plugcheck.contracts.chirp-plugins.setup-function]")[2]
    assert 'export = "setup"  # host: chirp/handlers.py:30' in table, text
    assert 'argument = "chirp.bot:Bot"' in table, text
    assert _errors(host) == {("chirp-wrapped", "PC531")}


def test_a_guard_that_tells_the_caller_keeps_the_name_required(tmp_path: Path) -> None:
    """IPython's `if hasattr(mod, "load_ipython_extension"): ...; return True`: the caller says
    "not an extension" without it, so the name stays required; `hasattr` with nothing else
    depending on it (bandit's gen_config) is optional."""
    host = write_host(
        tmp_path,
        files={
            "shellz/__init__.py": "",
            "shellz/extensions.py": """\
                import importlib


                class ExtensionManager:
                    def load_extension(self, name):
                        mod = importlib.import_module(name)
                        if self._call_load(mod):
                            return None
                        return "no load function"

                    def _call_load(self, mod):
                        if hasattr(mod, "load_extension"):
                            mod.load_extension(self)
                            return True

                    def describe(self, name):
                        mod = importlib.import_module(name)
                        if hasattr(mod, "describe"):
                            print(mod.describe(self))
                """,
        },
        dedent=True,
    )
    text = _proposal(host)
    assert 'load_extension = { kind = "callable" }  # host: shellz/extensions.py:13' in text, text
    assert "describe = { optional = true }  # host: shellz/extensions.py:19" in text, text


# OctoPrint 1.11's plugin core: `_load_module(spec)` runs the spec's module and returns
# `sys.modules[spec.name]`; the module is handed to `PluginInfo(key, module)`, which keeps it on
# `self.instance` and reads its control properties through `_attribute`; the manager refuses a
# plugin whose compatibility string (default ">=2.7,<3") the running Python does not fit.
CONTROLLED = {
    "pyproject.toml": '[project]\nname = "printr"\nversion = "1.0"\n'
    '[project.scripts]\nprintr = "printr:main"\n',
    "printr/__init__.py": "",
    "printr/versions.py": """\
        from packaging.specifiers import SpecifierSet


        def running_python():
            from platform import python_version

            return python_version()


        def python_fits(compat):
            if not compat:
                return True
            return running_python() in SpecifierSet(compat)
        """,
    "printr/core.py": """\
        import importlib.util
        import logging
        import sys
        from importlib import metadata

        from .versions import python_fits


        def _load_module(spec):
            module = importlib.util.module_from_spec(spec)
            if spec.name not in sys.modules:
                sys.modules[spec.name] = module
            spec.loader.exec_module(sys.modules[spec.name])
            return sys.modules[spec.name]


        class Control:
            attr_compat = "__printr_compat__"
            attr_api = "__printr_api__"
            attr_hooks = "__printr_hooks__"
            attr_tested = "__printr_tested__"


        class PluginInfo:
            def __init__(self, key, instance, origin=None):
                self.key = key
                self.instance = instance
                self.origin = origin

            @property
            def compat(self):
                \"\"\"The Python versions the plugin runs on.\"\"\"
                return self._attribute(Control.attr_compat, default=">=2.7,<3")

            @property
            def api(self):
                return self._attribute(Control.attr_api, default=">=3")

            @property
            def tested(self):
                return self._attribute(Control.attr_tested, default="<3")

            @property
            def hooks(self):
                return self._attribute(Control.attr_hooks, default={})

            def _attribute(self, attr, default=None):
                if self.instance is None or not hasattr(self.instance, attr):
                    return default
                return getattr(self.instance, attr)


        class PluginManager:
            def find_plugins(self):
                found = {}
                for ep in metadata.entry_points(group="printr.plugin"):
                    plugin = self._import_plugin(ep.name, importlib.util.find_spec(ep.module))
                    if plugin is not None:
                        found[ep.name] = plugin
                return found

            def _import_plugin(self, key, spec):
                module = _load_module(spec)
                plugin = PluginInfo(key, module)
                if self._incompatible(plugin):
                    return None
                runs_on = getattr(module, "__printr_python__", "<3")
                if not python_fits(runs_on):
                    return None
                if not python_fits(plugin.tested):
                    logging.warning("%s is untested on this Python", key)
                return plugin

            def _incompatible(self, plugin):
                return not python_fits(plugin.compat) or not python_fits(plugin.api)
        """,
    **_plugin(
        "printr-modern",
        "printr.plugin",
        "printr_modern",
        "printr_modern",
        '__printr_compat__ = ">=3.7"\n__printr_python__ = ">=3"\n__printr_hooks__ = {}\n',
    ),
    **_plugin("printr-old", "printr.plugin", "printr_old", "printr_old", "__printr_hooks__ = {}\n"),
}


def test_a_module_handed_to_a_class_and_a_default_the_host_refuses(tmp_path: Path) -> None:
    """The module `_load_module` returns after `exec_module`, handed to `PluginInfo`'s
    `__init__` that keeps it on `self.instance`: the names the properties read are exports,
    optional by their defaults, except the compatibility string, whose default the host's
    test of the running Python refuses on every Python 3: required, so the plugin without it
    is PC101 and the one declaring it nothing. The same for a default read straight from the
    module with `getattr`, but not where the host only logs that the test failed."""
    host = write_host(tmp_path, files=CONTROLLED, dedent=True)
    text = _proposal(host)
    assert 'kind = "factory"' in text, text
    assert "__printr_hooks__ = { optional = true }  # host: printr/core.py:50" in text, text
    assert "__printr_api__ = { optional = true }  # host: printr/core.py:50" in text, text
    required = '__printr_compat__ = { type = "builtins:str", kind = "instance" }  # without it'
    assert required in text, text
    assert 'takes ">=2.7,<3", which it refuses on every Python 3 (printr/core.py:75)' in text, text
    # `runs_on = getattr(module, "__printr_python__", "<3")`, then `if not python_fits(runs_on)`.
    assert 'takes "<3", which it refuses on every Python 3 (printr/core.py:68)' in text, text
    # A test whose branch only logs refuses nothing: the name stays optional.
    assert "__printr_tested__ = { optional = true }  # host: printr/core.py:50" in text, text
    # The module that reads the exports is preloaded, not only the command's `printr`, the
    # package it is in (imported with it anyway).
    assert 'preload = ["printr.core"]  # the host reads what each plugin exports there' in text
    assert _errors(host) == {("printr-old", "PC101")}
