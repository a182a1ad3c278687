"""`plugcheck init` on a host that finds its plugins as the top-level modules whose names match a
regular expression (issue 14, task host47): pyexcel-io's shape, which calls lml's
`scan_plugins_regex` (`pkgutil.iter_modules()` filtered with `re.match`) through a function of
its own, with the pattern and the names it skips as module constants."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from plugcheck.config import load_config
from plugcheck.kinds import available

from conftest import cli_json, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.

HOST = {
    # An installed library beside the host, as lml is beside pyexcel_io in site-packages.
    "lmlish/__init__.py": "",
    "lmlish/loader.py": """\
        import importlib
        import pkgutil
        import re


        def scan_plugins_regex(plugin_name_patterns=None, black_list=None):
            black_list = black_list or []
            names = (
                info[1]
                for info in pkgutil.iter_modules()
                if info[2] and re.match(plugin_name_patterns, info[1])
            )
            for name in names:
                if name in black_list:
                    continue
                try:
                    importlib.import_module(name)
                except ImportError:
                    continue
        """,
    "tabhost/__init__.py": """\
        import tabhost.plugins as plugins

        BLACK_LIST = [__name__, "tabhost_web"]
        PREFIX_PATTERN = "^tabhost_.+$"

        plugins.load_plugins(PREFIX_PATTERN, BLACK_LIST)
        """,
    "tabhost/plugins.py": """\
        from lmlish.loader import scan_plugins_regex

        READERS = {}


        def add_reader(file_type, cls):
            READERS[file_type] = cls


        def load_plugins(plugin_name_patterns, black_list):
            scan_plugins_regex(plugin_name_patterns=plugin_name_patterns, black_list=black_list)
        """,
}

PLUGINS = {
    "tabhost_xlsx/__init__.py": "from tabhost.plugins import add_reader\n\n\nclass Reader:\n"
    "    pass\n\n\nadd_reader('xlsx', Reader)\n",
    "tabhost_ods/__init__.py": "from tabhost.plugins import add_writer\n",
    # Skipped by the host: the name is in its black list, and a plain module is no package.
    "tabhost_web/__init__.py": "from tabhost.plugins import gone\n",
    "tabhost_csv.py": "from tabhost.plugins import gone\n",
}


def test_a_name_scan_through_an_installed_scanner_is_proposed(tmp_path: Path) -> None:
    """The proposal names the pattern, packages only and the skipped names (the host's own
    `__name__` among them), and, unedited, finds and judges exactly the plugins the host
    imports: the one importing a name the host lacks, no error or warning on the healthy one."""
    root = write_host(tmp_path / "site", files=HOST, dedent=True)
    proc = run_cli_here("init", str(root / "tabhost"))
    assert proc.returncode == 0, proc.stderr
    assert "__init__.py:6 (through lmlish.loader:scan_plugins_regex)" in proc.stdout
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(proc.stdout)
    (contract,) = load_config(project / "pyproject.toml", available()).contracts
    assert contract.options["module-name-pattern"] == {
        "pattern": "^tabhost_.+$",
        "packages-only": True,
        "exclude": ["tabhost", "tabhost_web"],
    }
    assert contract.options["host-packages"] == ["tabhost"]

    write_host(root, files=PLUGINS)
    # An egg (a zip archive) ahead on the path: the host imports tabhost_pdf from it, not the
    # broken folder of that name after it; plugcheck does not read archives and says so.
    write_host(root, files={"tabhost_pdf/__init__.py": "from tabhost.plugins import gone\n"})
    egg = tmp_path / "tabhost_pdf-1.0-py3.11.egg"
    with zipfile.ZipFile(egg, "w") as archive:
        archive.writestr("tabhost_pdf/__init__.py", "from tabhost.plugins import add_reader\n")
    path = os.pathsep.join([str(egg), str(root)])
    data = cli_json("check", "--no-dynamic", cwd=project, env={"PYTHONPATH": path}, here=True)
    findings = data["findings"]
    assert isinstance(findings, list)
    found = {(f["plugin"], f["code"]) for f in findings if f["severity"] != "info"}
    assert found == {("tabhost_ods", "PC530")}, findings
    # The healthy plugin registers as it is imported, as lml's plugins do: information only.
    assert {f["plugin"] for f in findings} == {"tabhost_ods", "tabhost_xlsx"}
    summary = data["summary"]
    assert isinstance(summary, dict)
    assert (
        f"tabhost: module-name-pattern: tabhost_pdf matches in the zip archive {egg}, which the"
        " host imports it from; plugcheck does not read plugins inside archives: not checked"
    ) in summary["partial"], summary["partial"]
