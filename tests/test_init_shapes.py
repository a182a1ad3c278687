"""`plugcheck init` on host shapes read from real hosts (issue 14.4 / 20.6): names folded from
constants of other modules, groups compared or iterated, a loader in another package of the
host's family, a namespace package, methods the host calls on the object a plugin builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.kinds import available

from conftest import cli_json, run_cli, write_host

pytestmark = pytest.mark.harness


def _proposal(host: Path) -> str:
    proc = run_cli("init", str(host))
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
    data = cli_json("check", "--no-mypy", cwd=host)
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
