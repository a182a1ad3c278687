"""`plugcheck init` requires only what the host's code asks of a plugin module (issue 14 item 4):
not what it calls on a value its own ``isinstance`` test found to be something else, not a name
every module has, and not a name the host tries and then loads the module another way without.
The shapes are Twisted 26's: ``unjellyAO`` returns a module for one kind of record and other
objects for the rest, and calls ``o.addDependant(...)`` only under ``isinstance(o, NotKnown)``
and ``state.__getstate__()``; trial's ``loadModule`` returns ``module.testSuite()`` when the
module has it, else ``test_suite()``, else collects the module's test classes."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_cli_here, write_host

pytestmark = pytest.mark.harness

HOST = {
    "pyproject.toml": '[project]\nname = "revhost"\nversion = "1.0"\n',
    "revhost/__init__.py": "",
    "revhost/persist.py": """\
        import importlib


        class Pending:
            def add_dependant(self, obj, loc):
                pass


        class Reviver:
            def revive(self, record):
                if record[0] == "module":
                    return importlib.import_module(record[1])
                return Pending()

            def revive_into(self, obj, loc, record):
                o = self.revive(record)
                obj[loc] = o
                if isinstance(o, Pending):
                    o.add_dependant(obj, loc)
                state = self.revive(record[2])
                obj.__dict__ = state.__getstate__()
                return o
        """,
    "revhost/suites.py": """\
        import importlib


        def load_tests(name):
            module = importlib.import_module(name)
            if hasattr(module, "test_suite"):
                return module.test_suite()
            elif hasattr(module, "make_suite"):
                return module.make_suite()
            return [v for v in vars(module).values() if isinstance(v, type)]


        def load_extension(name, app):
            module = importlib.import_module(name)
            if hasattr(module, "setup"):
                return module.setup(app)
            raise ValueError(f"{name} is no extension")
        """,
}


def test_narrowed_values_module_names_and_fallbacks_require_nothing(tmp_path: Path) -> None:
    host = write_host(tmp_path, files=HOST, dedent=True)
    proc = run_cli_here("init", str(host))
    assert proc.returncode == 0, proc.stderr
    exports = proc.stdout.partition(".exports]")[2].partition("\n\n")[0]
    assert "add_dependant" not in exports and "__getstate__" not in exports, exports
    assert "test_suite = { optional = true }" in exports, exports
    assert "make_suite = { optional = true }" in exports, exports
    # Tried, then refused with the host's own error: still required.
    assert 'setup = { kind = "callable" }' in exports, exports
