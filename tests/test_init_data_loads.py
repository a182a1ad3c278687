"""`plugcheck init` on a data library whose own objects have a `load()` (xarray): the host's
calls of its own `Dataset.load()`, of a helper that imports a module it names itself, and of
one of several functions that share a name are no plugin loads, so their results are no
plugin modules and nothing called on them is an export plugins must provide."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli, write_host

pytestmark = pytest.mark.harness

DATAHOST = {
    "pyproject.toml": '[project]\nname = "datahost"\nversion = "1.0"\n',
    "src/datahost/__init__.py": "",
    "src/datahost/plugins.py": """\
        from importlib.metadata import entry_points


        def backends_from_entry_points():
            found = {}
            for entrypoint in entry_points(group="datahost.backends"):
                found[entrypoint.name] = entrypoint.load()
            return found
        """,
    "src/datahost/utils.py": """\
        import importlib


        def attempt_import(module):
            return importlib.import_module(module)
        """,
    "src/datahost/dataset.py": """\
        from datahost.utils import attempt_import


        class Dataset:
            def __init__(self, variables):
                self.variables = variables

            def load(self, **kwargs):
                for v in self.variables.values():
                    v.load()
                return self

            def compute(self, **kwargs):
                new = self.copy()
                return new.load(**kwargs)

            def copy(self):
                return Dataset(dict(self.variables))

            def close(self):
                pass


        def open_dataset(path):
            return Dataset({})


        def load_dataset(path):
            with open_dataset(path) as ds:
                return ds.load()


        def tutorial(path):
            ds = open_dataset(path)
            ds = ds.load()
            ds.close()
            return ds


        def decode_times(values):
            cftime = attempt_import("cftime")
            return cftime.num2date(values)


        def combine(datasets):
            def f(ds):
                return ds.compute()

            return [f(ds).copy() for ds in datasets]
        """,
}


def test_a_data_librarys_own_loads_are_no_plugin_lookups(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=DATAHOST, dedent=True)
    proc = run_cli("init", str(host))
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout
    assert 'entry-point-group = "datahost.backends"' in text, text
    for word in ("preload", "\nclose = ", "\ncopy = ", "num2date", "\ncompute = ", "\nload = "):
        assert word not in text, text
