"""sqlfluff as a real host in the slow suite: a pluggy host with class-based hookspecs
(``add_hookspecs(PluginSpec)``), a project name that is not its package name
(``sqlfluff-plugin``), no ``check_pending()``, and hooks that take no arguments, which it calls
on every run (examples/contracts/sqlfluff.toml).

As in test_ecosystems.py: a cached venv with pinned host and plugins, and releases that the host
itself fails on; sqlfluff's own plugin loading and one `sqlfluff lint`, with only sqlfluff's own
plugins and the one plugin under test, is the oracle. plugcheck must give no error to the
plugins sqlfluff runs, and name the cause for the ones it does not.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _run

# The host's own load of each plugin (the oracle) runs once per venv: test_init_hosts_shapes's
# proposal test reads the same venv, in the same xdist group.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("ecosystem-sqlfluff")]

SQLFLUFF = "sqlfluff==4.3.0"
PLUGINS = {  # distribution pin -> entry-point name
    "sqlfluff-plugin-conventions==0.2.0": "conventions",
    "sqlfluff-complexity==0.5.4": "sqlfluff_complexity",
    "sqlfluff-plugin-easy-ql==0.1.2": "sqlfluff_easy_ql",
    "sqlfluff-plugin-extended-jinja==0.1.1": "sqlfluff_plugin_extended_jinja",
    "sqlfluff-plugin-legibility==0.1.0": "sqlfluff_legibility",
    "sqlfluff-templater-schemachange==0.1.1": "schemachange",
    "sqlfluff-templater-dataform==0.1.16": "sqlfluff_templater_dataform",
}
# Both read their defaults with ConfigLoader.get_global().load_config_file(...), a method
# sqlfluff 3 removed: every sqlfluff run dies in their load_default_config hook. The older one
# also imports CodeSegment from sqlfluff.core.parser.segments.raw (gone) in get_rules, and
# requires sqlfluff==2.3.2 (installed without its dependencies).
BROKEN = {
    "sqlfluff-common-conventions==0.4.0": "sqlfluff_common-conventions",
    "sqlfluff-plugin-sparksql-upgrade==0.1.4": "sparksql-upgrade",
}

_ORACLE = """
import sys
from sqlfluff.core.plugin import host
only = sys.argv[1]
every = host._discover_plugins
host._discover_plugins = lambda: (
    t for t in every() if t[0].value.startswith("sqlfluff.") or t[1] == only
)
from sqlfluff.cli.commands import cli
sys.argv = ["sqlfluff", "lint", "--dialect", "ansi", sys.argv[2]]
cli()
"""


@functools.cache
def _sqlfluff_runs(python: Path, name: str) -> bool:
    """sqlfluff lints a one-line query with the plugin ``name`` among its own."""
    with tempfile.TemporaryDirectory() as scratch:
        sql = Path(scratch) / "q.sql"
        sql.write_text("select a from b\n")
        proc = _run(python, "-c", _ORACLE, name, sql)
    return proc.returncode in (0, 1) and "Traceback" not in proc.stderr


@pytest.mark.harness
def test_sqlfluff_plugins() -> None:
    python = _cached_venv("sqlfluff", [SQLFLUFF, *PLUGINS], [*BROKEN])
    for name in PLUGINS.values():
        assert _sqlfluff_runs(python, name), name
    for name in BROKEN.values():
        assert not _sqlfluff_runs(python, name), name

    data = _check(python, "sqlfluff.toml")
    names = {p["name"] for p in data["plugins"]}
    assert {*PLUGINS.values(), *BROKEN.values()} <= names
    noise = [  # no error and no warning on a plugin sqlfluff runs (issue 14's target)
        (f["plugin"], f["code"], f["message"])
        for f in data["findings"]
        if f["plugin"] not in BROKEN.values() and f["severity"] != "info"
    ]
    assert noise == []
    # Every plugin checked as sqlfluff loads it: the hookspec class's module is the host's own
    # package, so jinja2 (which sqlfluff requires; its babel entry point names jinja2.ext) is
    # the host's too, and the preload runs in the fork server, not again in each plugin's process
    # (20 PC424 "not checked" when the contract's hookspecs counted for nothing there).
    assert not [f["plugin"] for f in data["findings"] if f["code"] == "PC424"]
    for name in BROKEN.values():
        causes = [
            f
            for f in data["findings"]
            if f["plugin"] == name and f["code"] == "PC519" and "load_config_file" in f["message"]
        ]
        assert causes, name
