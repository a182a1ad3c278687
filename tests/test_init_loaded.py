"""`plugcheck init` on what real hosts do around the load: MkDocs' `plugin_cls = ep.load()`,
`issubclass(plugin_cls, plugins.BasePlugin)`, `plugin_cls()` in a module that has imported the
host's plugin module by then (a plugin reaching it through `import mkdocs` alone works); Poetry's
`issubclass(plugin, (Plugin, ApplicationPlugin))`; Flask's `__import__(name)` then
`sys.modules[name]`, which names the user's application, not an entry point's plugin."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_init_shapes import _proposal

from plugcheck.config import load_config
from plugcheck.kinds import available
from plugcheck.model import ExportKind

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


def _plugin(
    name: str, source: str, host: str = "dochost", group: str = "plugins"
) -> dict[str, str]:
    prefix = host.removesuffix("host")
    return {
        f"plugins/{name}/pyproject.toml": f'[project]\nname = "{prefix}-{name}"\nversion = "1.0"\n'
        f'[project.entry-points."{host}.{group}"]\n{name} = "{prefix}_{name}:Plugin"\n',
        f"plugins/{name}/src/{prefix}_{name}/__init__.py": source,
    }


DOCHOST = {
    "pyproject.toml": '[project]\nname = "dochost"\nversion = "1.0"\n',
    "dochost/__init__.py": "",
    "dochost/plugins.py": """\
        from importlib.metadata import entry_points


        class BasePlugin:
            def load_config(self, options):
                return [], []


        def get_plugins():
            return {ep.name: ep for ep in entry_points(group="dochost.plugins")}
        """,
    "dochost/config.py": """\
        from dochost import plugins


        class Plugins:
            def __init__(self):
                self.installed = plugins.get_plugins()

            def load_plugin(self, name):
                plugin_cls = self.installed[name].load()
                if not issubclass(plugin_cls, plugins.BasePlugin):
                    raise ValueError(f"{name} must be a subclass of BasePlugin")
                return plugin_cls()
        """,
    # Works in the host only because dochost.config imported dochost.plugins first.
    **_plugin("good", "import dochost\n\n\nclass Plugin(dochost.plugins.BasePlugin):\n    pass\n"),
    **_plugin("plain", "class Plugin:\n    pass\n"),
}


def test_a_class_checked_with_issubclass_and_the_loaders_module_preloaded(
    tmp_path: Path,
) -> None:
    host = write_host(tmp_path, files=DOCHOST, dedent=True)
    text = _proposal(host)
    assert 'preload = ["dochost.config"]' in text, text
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    ep_object = contract.entry_point_object
    assert ep_object is not None and ep_object.kind is ExportKind.CLASS, text
    assert str(ep_object.type) == "dochost.plugins:BasePlugin"
    data = cli_json("check", "--no-mypy", cwd=host, here=True)
    errors = {
        (f["plugin"], f["code"])
        for f in data["findings"]  # type: ignore[union-attr]
        if f["severity"] == "error"
    }
    assert {plugin for plugin, _ in errors} == {"plain"}, data


def test_a_tuple_of_classes_is_named_not_proposed(tmp_path: Path) -> None:
    files = dict(DOCHOST)
    files["dochost/plugins.py"] = files["dochost/plugins.py"].replace(
        "        def get_plugins",
        "        class OtherPlugin:\n            pass\n\n\n        def get_plugins",
    )
    files["dochost/config.py"] = files["dochost/config.py"].replace(
        "issubclass(plugin_cls, plugins.BasePlugin)",
        "issubclass(plugin_cls, (plugins.BasePlugin, plugins.OtherPlugin))",
    )
    host = write_host(tmp_path, files=files, dedent=True)
    text = _proposal(host)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.entry_point_object is None
    assert (
        '# entry-point-object = { type = "dochost.plugins:BasePlugin or'
        ' dochost.plugins:OtherPlugin", kind = "class" }  # TODO'
    ) in text


def test_a_module_imported_by_name_is_not_the_groups_plugin(tmp_path: Path) -> None:
    """Flask's locate_app: `__import__(name)`, `module = sys.modules[name]`, then
    `getattr(module, "create_app", None)` in another function: that module is the one the
    user names, so `create_app` is no export of the entry-point group's plugins."""
    files = dict(DOCHOST)
    # A zero-argument Callable alias returning a dict: no type for create_app(), whose result
    # the host checks with isinstance(app, App).
    files["dochost/typing.py"] = (
        "from typing import Callable\n\nShellContext = Callable[[], dict]\n"
    )
    files["dochost/app.py"] = """\
        import sys


        class App:
            pass


        def find_app(module):
            for name in ("create_app", "make_app"):
                factory = getattr(module, name, None)
                if factory is not None:
                    app = factory()
                    if isinstance(app, App):
                        return app


        def locate_app(module_name):
            __import__(module_name)
            module = sys.modules[module_name]
            return find_app(module)
        """
    host = write_host(tmp_path, files=files, dedent=True)
    text = _proposal(host)
    contracts = {c.name: c for c in load_config(host / "pyproject.toml", available()).contracts}
    assert not contracts["dochost-plugins"].exports, text
    assert "the host also imports plugin modules by name" in text
    (create_app,) = contracts["plugins"].exports
    assert create_app.type is None, text


CLIHOST = {
    "pyproject.toml": '[project]\nname = "clihost"\nversion = "1.0"\n',
    # A library's group class, as click's: its add_command annotates what it takes.
    "clicky/__init__.py": """\
        class Command:
            def __init__(self, name):
                self.name = name


        class Group(Command):
            def add_command(self, cmd: "Command", name=None):
                self.commands[name or cmd.name] = cmd
        """,
    "clihost/__init__.py": "",
    "clihost/cli.py": """\
        from importlib.metadata import entry_points

        import clicky


        class AppGroup(clicky.Group):
            pass


        class HostGroup(AppGroup):
            def load_plugin_commands(self):
                for ep in entry_points(group="clihost.commands"):
                    self.add_command(ep.load(), ep.name)
        """,
}


def test_an_entry_points_object_handed_to_a_method_taking_a_class(tmp_path: Path) -> None:
    """Flask's `self.add_command(ep.load(), ep.name)`, add_command being click's Group's
    (two bases up, in another package) with `cmd: Command`: entry points name instances."""
    host = write_host(tmp_path, files=CLIHOST, dedent=True)
    text = _proposal(host)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    ep_object = contract.entry_point_object
    assert ep_object is not None and ep_object.kind is ExportKind.INSTANCE, text
    assert str(ep_object.type) == "clicky:Command"


# OpenTelemetry's auto-instrumentation: one function asks for three groups; the pre- and
# post-instrument loops call each entry point's object with no arguments, the instrumentor loop
# hands the entry point to the distro. Each `ep.load()()` belongs to its own loop's group.
LOOPS = {
    "pyproject.toml": '[project]\nname = "telehost"\nversion = "1.0"\n',
    "telehost/__init__.py": "",
    "telehost/load.py": """\
        from importlib.metadata import entry_points


        def load_instrumentors(distro):
            for entry_point in entry_points(group="telehost_pre_instrument"):
                entry_point.load()()

            for entry_point in entry_points(group="telehost_instrumentor"):
                distro.load_instrumentor(entry_point, skip_dep_check=True)

            for entry_point in entry_points(group="telehost_post_instrument"):
                entry_point.load()()
        """,
}


def test_each_loop_calls_the_objects_of_its_own_group(tmp_path: Path) -> None:
    proposal = _proposal(write_host(tmp_path / "telehost", files=LOOPS, dedent=True))
    tables = proposal.split("\n[tool.plugcheck.contracts.")
    (instrumentor,) = [t for t in tables if t.startswith("telehost_instrumentor]")]
    assert "setup-function" not in instrumentor  # no evidence of how the distro calls it
    for group, line in (("telehost_pre_instrument", 6), ("telehost_post_instrument", 12)):
        (table,) = [t for t in tables if t.startswith(f"{group}.setup-function]")]
        assert f'export = "entry-point"  # host: telehost/load.py:{line}' in table, table


def test_an_entry_point_handed_to_a_method_that_calls_its_object(tmp_path: Path) -> None:
    # OpenTelemetry's distro (another module): `instrumentor = entry_point.load()` then
    # `instrumentor().instrument(**kwargs)`: the call there is how the group's objects are called.
    files = {
        **LOOPS,
        "telehost/distro.py": """\
            class BaseDistro:
                def load_instrumentor(self, entry_point, **kwargs):
                    instrumentor = entry_point.load()
                    instrumentor().instrument(**kwargs)
            """,
    }
    proposal = _proposal(write_host(tmp_path / "telehost", files=files, dedent=True))
    tables = proposal.split("\n[tool.plugcheck.contracts.")
    (table,) = [t for t in tables if t.startswith("telehost_instrumentor.setup-function]")]
    assert 'export = "entry-point"  # host: telehost/distro.py:4' in table, table
    assert "stand-ins = []" in table, table


def _installed(name: str, group: str, source: str, site: str = "site") -> dict[str, str]:
    """A plugin distribution installed in ``site/``: its module and its entry point."""
    info = f"{site}/nb_{name}-1.0.dist-info"
    return {
        f"{site}/nb_{name}/__init__.py": source,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: nb-{name}\nVersion: 1.0\n",
        f"{info}/RECORD": f"nb_{name}/__init__.py,,\n",
        f"{info}/entry_points.txt": f"[{group}]\n{name} = nb_{name}:Plugin\n",
    }


# papermill 2.7's shape: engines.py ends by loading the group through a method of a
# module-level instance, and the package's __init__ imports it: `import nbhost` loads every
# plugin.
NBHOST = {
    "pyproject.toml": '[project]\nname = "nbhost"\nversion = "1.0"\n',
    "site/nbhost/__init__.py": "from .execute import run\n",
    "site/nbhost/execute.py": "from . import engines\n\n\ndef run(name):\n"
    "    return engines.registry.get(name)\n",
    "site/nbhost/engines.py": """\
        from importlib.metadata import entry_points


        class Engine:
            pass


        class Engines:
            def __init__(self):
                self.engines = {}

            def register_entry_points(self):
                for ep in entry_points(group="nbhost.engine"):
                    self.engines[ep.name] = ep.load()

            def get(self, name):
                return self.engines[name]


        registry = Engines()
        registry.register_entry_points()
        """,
    **_installed(
        "good",
        "nbhost.engine",
        "from nbhost.engines import Engine\n\n\nclass Plugin(Engine):\n    pass\n",
    ),
}


def _nbhost_check(root: Path, proposal: str) -> tuple[set[tuple[str, str]], str]:
    """The error-level findings (plugin, code) and the notes of a check with ``proposal``."""
    (root / "pyproject.toml").write_text(NBHOST["pyproject.toml"] + proposal)
    data = cli_json(
        "check", "--no-mypy", cwd=root, env={"PYTHONPATH": str(root / "site")}, here=True
    )
    errors = {
        (str(f["plugin"]), str(f["code"]))
        for f in data["findings"]  # type: ignore[union-attr]
        if f["severity"] == "error"
    }
    return errors, "\n".join(str(note) for note in data["notes"])  # type: ignore[union-attr]


def test_a_group_loaded_while_the_host_is_imported_preloads_that_module(tmp_path: Path) -> None:
    """A plugin importing the host first would start the host's import, which loads that
    very plugin half-way (papermill's origami: a circular import the host never meets): the
    module that loads the group at its import is preloaded."""
    write_host(tmp_path, files=NBHOST, dedent=True)
    proc = run_cli_here("init", str(tmp_path / "site" / "nbhost"))
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    line = next(line for line in text.splitlines() if line.startswith("preload = "))
    assert line.startswith('preload = ["nbhost.engines"]  # the host loads this group while'), text
    assert _nbhost_check(tmp_path, text)[0] == set()
    # Without it, the false error the preload prevents.
    assert _nbhost_check(tmp_path, text.replace(line, ""))[0] == {("good", "PC401")}


def test_the_entrypoints_library_and_loads_at_import_only(tmp_path: Path) -> None:
    """papermill's `entrypoints.get_group_all(G)`, however the library is imported, asks for
    G; only a group asked for by code the module's import runs gets the module preloaded (not
    one asked for in a function nobody calls then, nor under `if __name__ == "__main__":`)."""
    files = {
        "pyproject.toml": '[project]\nname = "iohost"\nversion = "1.0"\n',
        "iohost/__init__.py": "",
        "iohost/iorw.py": """\
            import entrypoints as eps
            from entrypoints import get_single as single

            HANDLERS = {}


            def load():
                for ep in eps.get_group_all("iohost.io"):
                    HANDLERS[ep.name] = ep.load()


            def default():
                return single("iohost.default", "local").load()


            load()
            """,
        "iohost/cli.py": """\
            from entrypoints import get_group_named


            def commands():
                return get_group_named("iohost.commands")


            def get_single(group):
                return group


            if __name__ == "__main__":
                commands()
                get_single("not.a.group")
            """,
    }
    host = write_host(tmp_path, files=files, dedent=True)
    text = _proposal(host)
    assert "contracts.iohost-io]" in text and "contracts.iohost-commands]" in text, text
    assert 'entry-point-names = ["local"]' in text and "not.a.group" not in text, text
    assert text.count("preload = ") == 1, text
    assert 'preload = ["iohost.iorw"]  # the host loads this group while' in text, text


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("from nbhost.engines import Gone\n", "PC530"),
        # Raised inside a library the plugin imports: the plugin's import line is the culprit.
        ("import nbhelper\n", "PC401"),
        # papermill-kubernetes-job-progress without kubernetes: the others' imports raise the
        # very same error inside it.
        ("import nbmissing\n", "PC309"),
    ],
)
def test_a_plugin_that_breaks_the_hosts_import_is_the_one_reported(
    tmp_path: Path, source: str, code: str
) -> None:
    """One installed plugin whose import fails keeps `import nbhost` from working: that plugin
    is reported, with a PC422 naming the host's step that fails; the other, which the host then
    never loads, is PC424 (not checked, never a pass). The host's import, which loads every
    plugin, runs in each plugin's own process, never in the fork server (red team red32)."""
    files = {
        **NBHOST,
        **_installed("bad", "nbhost.engine", source),
        "site/nbhelper.py": "raise RuntimeError('no backend here')\n",
    }
    write_host(tmp_path, files=files, dedent=True)
    proposal = run_cli_here("init", str(tmp_path / "site" / "nbhost")).stdout
    (tmp_path / "pyproject.toml").write_text(NBHOST["pyproject.toml"] + proposal)
    data = cli_json(
        "check", "--no-mypy", cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site")}, here=True
    )
    findings: list[dict[str, str]] = data["findings"]  # type: ignore[assignment]
    found = {(f["plugin"], f["code"]): f["message"] for f in findings}
    errors = {(f["plugin"], f["code"]) for f in findings if f["severity"] == "error"}
    assert {plugin for plugin, _ in errors} == {"bad"} and ("bad", code) in errors, found
    assert "importing nbhost.engines, which the host does before" in found["bad", "PC422"]
    assert "fails with bad installed (see its PC422)" in found["good", "PC424"], found
    assert data["summary"]["failed"], data["summary"]  # type: ignore[index]
    notes = "\n".join(map(str, data["notes"]))  # type: ignore[call-overload]
    assert "nbhost.engines runs a plugin's code while it is imported (module nb_" in notes, notes


# Installed first on sys.path, so the host's preload loads it before any other: in the fork
# server, it would write outside any sandbox and make every later import of nb_bad a module
# that imports fine.
FORGER = """\
    import builtins
    import importlib
    import types

    from nbhost.engines import Engine

    getattr(builtins, "op" + "en")(OUTSIDE, "w").write("written")
    _real = importlib.import_module


    def _forged(name, package=None):
        if name == "nb_bad":
            module = types.ModuleType(name)
            module.Plugin = type("Plugin", (Engine,), {})
            return module
        return _real(name, package)


    importlib.import_module = _forged


    class Plugin(Engine):
        pass
    """
BROKEN = "import json\n\nCONFIG = json.loads('{')\n\n\nclass Plugin:\n    pass\n"


@pytest.mark.parametrize(
    "args", [[], ["site/nb_bad"], ["--shard", "2/2"]], ids=["all", "path", "shard"]
)
def test_no_plugin_runs_in_the_fork_server(tmp_path: Path, args: list[str]) -> None:
    """A preload that loads plugins at its import ran their code in the fork server, before
    any confinement: the plugin wrote outside its sandbox (and could patch the server that
    makes and judges every child) while its own child, finding it imported already, passed
    (red team red32). The preload now runs in each plugin's confined process, where that
    write is refused (PC420). The guard knew only the plugins the run checks, though: an
    installed plugin beside the one checked by path, or one another shard checks, still ran
    in the server, wrote outside and forged the checked plugin's import ("All checks passed"
    for a plugin whose import raises; red team red45). Every entry point of the run's groups
    and every plugin of the contract is guarded now."""
    outside = tmp_path / "outside.txt"
    files = {
        **NBHOST,
        **_installed("bad", "nbhost.engine", BROKEN),
        **_installed("evil", "nbhost.engine", FORGER.replace("OUTSIDE", repr(str(outside)))),
        **_installed("plain", "nbhost.engine", "class Plugin:\n    pass\n"),
    }
    files = {k.replace("site/nb_evil", "site0/nb_evil"): v for k, v in files.items()}
    write_host(tmp_path, files=files, dedent=True)
    (tmp_path / "pyproject.toml").write_text(
        NBHOST["pyproject.toml"] + "[tool.plugcheck.contracts.nbhost-engine]\n"
        'kind = "factory"\nentry-point-group = "nbhost.engine"\npreload = ["nbhost.engines"]\n'
    )
    env = {"PYTHONPATH": os.pathsep.join([str(tmp_path / "site0"), str(tmp_path / "site")])}
    data = cli_json("check", "--no-mypy", *args, cwd=tmp_path, env=env, here=True)
    assert not outside.exists()
    findings: list[dict[str, str]] = data["findings"]  # type: ignore[assignment]
    errors = {(f["plugin"], f["code"]): f["message"] for f in findings if f["severity"] == "error"}
    assert "JSONDecodeError" in errors["bad", "PC401"], findings
    # The whole fleet: site0's evil is first on the target's sys.path (its order is kept), so
    # in each sandboxed process the host's deferred import of nbhost.engines stops at evil's
    # refused write. The host's user may write there, so the host starts (no PC422), and evil
    # is not checked past its import (PC420). good, whose own import runs that import again,
    # and plain, imported without it, are not checked as the host loads them: PC424 names evil
    # (before, good's PC420 pointed at its own first line, naming no one, and plain's PC424
    # blamed evil for a host that cannot start; red team red47).
    assert set(errors) == {("bad", "PC401")} | ({("evil", "PC420")} if not args else set())
    if not args:
        unchecked = {f["plugin"]: f["message"] for f in findings if f["code"] == "PC424"}
        assert set(unchecked) == {"good", "plain"}, findings
        for said in unchecked.values():
            assert "which runs evil's code, and plugcheck's sandbox refused writing " in said
            assert "(see evil's PC420)" in said, said
        assert "its own import ran that code again" in unchecked["good"]
        assert "it was imported without nbhost.engines" in unchecked["plain"]
        assert data["summary"]["failed"], data["summary"]  # type: ignore[index]
    notes = "\n".join(map(str, data["notes"]))  # type: ignore[call-overload]
    assert "nbhost.engines runs a plugin's code while it is imported (module nb_evil)" in notes


def test_a_plugin_that_breaks_the_hosts_import_from_the_hosts_own_frame(tmp_path: Path) -> None:
    """A plugin whose load leaves the host's registry read-only: `import nbhost` then fails at
    the host's next line, in a frame of the host's, with no frame of any plugin on the stack
    and the plugin itself without a finding. No plugin is to blame, and every plugin's process
    had imported it anyway after the failed preload: "All checks passed" for a host that cannot
    start (red team red45). Each is PC424 now, which fails the run."""
    breaker = (
        "import sys\nimport types\n\nfrom nbhost.engines import Engine\n\n"
        "host = sys.modules.get('nbhost.engines')\n"
        "if host is not None and hasattr(host, 'registry'):\n"
        "    host.registry.engines = types.MappingProxyType({})\n\n\n"
        "class Plugin(Engine):\n    pass\n"
    )
    files = {**NBHOST, **_installed("breaker", "nbhost.engine", breaker)}
    write_host(tmp_path, files=files, dedent=True)
    (tmp_path / "pyproject.toml").write_text(
        NBHOST["pyproject.toml"] + "[tool.plugcheck.contracts.nbhost-engine]\n"
        'kind = "factory"\nentry-point-group = "nbhost.engine"\npreload = ["nbhost.engines"]\n'
    )
    proc = run_cli_here(
        "check", "--no-mypy", cwd=tmp_path, env={"PYTHONPATH": str(tmp_path / "site")}
    )
    assert proc.returncode == 1, proc.stdout
    assert "All checks passed" not in proc.stdout, proc.stdout
    for name in ("breaker", "good"):
        assert f"PC424 (info) nb_{name} was not checked as the host loads it: importing " in (
            proc.stdout
        ), proc.stdout
    assert "TypeError: 'mappingproxy' object does not support item assignment" in proc.stdout


def test_a_lookup_the_host_survives_and_the_command_module_first(tmp_path: Path) -> None:
    """jupyter_server's get_metadata: `try: return module._jupyter_server_extension_points()` /
    `except AttributeError: pass`, then the older name, then a default: neither name is
    required (a handler that raises its own error keeps the name required). The module of the
    host's command (`jupyter-server = jupyter_server.serverapp:main`) is imported before any
    plugin: a plugin reading `jupyter_server.serverapp` through `import jupyter_server` works
    there, so it is preloaded."""
    files = {
        "pyproject.toml": '[project]\nname = "jhost"\nversion = "1.0"\n'
        '[project.scripts]\njhost = "jhost.app:main"\nother = "elsewhere.cli:main"\n',
        "jhost/__init__.py": "",
        "jhost/app.py": "from jhost import loader\n\n\ndef main():\n    loader.points('x')\n",
        "jhost/loader.py": """\
            import importlib


            def points(name):
                module = importlib.import_module(name)
                try:
                    return module._extension_points()
                except AttributeError:
                    pass
                try:
                    return module._extension_paths()
                except AttributeError:
                    pass
                try:
                    return module._extension_setup()
                except AttributeError:
                    raise RuntimeError(f"{name} is no extension") from None
            """,
    }
    host = write_host(tmp_path, files=files, dedent=True)
    text = _proposal(host)
    assert "_extension_points = { optional = true }" in text, text
    assert "_extension_paths = { optional = true }" in text, text
    assert '_extension_setup = { kind = "callable" }' in text, text
    preload = next(line for line in text.splitlines() if line.startswith("preload = "))
    assert preload.startswith('preload = ["jhost.loader", "jhost.app"]  #'), text
