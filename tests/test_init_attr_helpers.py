"""`plugcheck init` on a host that reads a plugin module's attributes through a helper of its own
(issue 14, task host47 item 3): Tutor's v0 loader, whose base class reads `self.obj`, which only
its subclass assigns (`self.obj = importlib.import_module(ep.value)`), through
`get_callable_attr(self.obj, "config", {})` (`getattr(plugin, attr_name, default)`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.kinds import available

from conftest import run_cli, write_host

pytestmark = pytest.mark.harness

# Tutor 22's tutor/plugins/v0.py, cut down to the loading.
V0 = {
    "tut/__init__.py": "",
    "tut/plugins/__init__.py": "",
    "tut/plugins/v0.py": """\
        import importlib
        from importlib import metadata


        class BasePlugin:
            def __init__(self, name, loader=None):
                self.name = name
                self.loader = loader
                self.obj = None

            def load(self):
                self._load_obj()
                config = get_callable_attr(self.obj, "config", {})
                patches = get_callable_attr(self.obj, attr_name="patches", default={})
                command = getattr(self.obj, "command", None)
                return config, patches, command

            def _load_obj(self):
                raise NotImplementedError


        class EntrypointPlugin(BasePlugin):
            def __init__(self, entrypoint):
                super().__init__(entrypoint.name, entrypoint)

            def _load_obj(self):
                self.obj = importlib.import_module(self.loader.value)


        def discover_all():
            for entrypoint in metadata.entry_points(group="tut.plugin.v0"):
                EntrypointPlugin(entrypoint).load()


        def get_callable_attr(plugin, attr_name, default=None):
            attr = getattr(plugin, attr_name, default)
            if callable(attr):
                attr = attr()
            return attr
        """,
}


def test_attributes_read_through_the_hosts_helper_are_proposed(tmp_path: Path) -> None:
    """Each name the helper reads, and the one the base class reads itself, is an optional
    export of the v0 group (the helper's `getattr` has a default: a plugin may leave it out)."""
    host = write_host(tmp_path / "host", files=V0, dedent=True)
    proc = run_cli("init", str(host / "tut"))
    assert proc.returncode == 0, proc.stderr
    assert "config = { optional = true }  # host: plugins/v0.py:13" in proc.stdout
    assert "patches = { optional = true }  # host: plugins/v0.py:14" in proc.stdout
    (host / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(host / "pyproject.toml", available()).contracts
    assert contract.entry_point_group == "tut.plugin.v0"
    assert {e.name: e.optional for e in contract.exports} == {
        "command": True,
        "config": True,
        "patches": True,
    }
