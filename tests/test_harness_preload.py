"""What the fork server preloads for a pluggy contract that does not say (no ``preload``): the
host's own package, named by its PluginManager's project, as pytest has imported ``pytest`` (and
every ``_pytest`` module it pulls in) before it loads its plugins, although its hookspecs live
in ``_pytest.hookspec``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import run_cli, write_host

pytestmark = pytest.mark.harness

CONTRACT = """\
[tool.plugcheck.contracts.demo]
kind = "pluggy"
paths = ["plugins/*"]
{preload}
[tool.plugcheck.contracts.demo.pluggy]
project = "demo"
hookspecs = ["_demo.hookspec"]
"""

FILES = {
    # pytest's layout: the hookspecs in a private package, the public package the host itself
    # imports first, which pulls in the private package's other modules.
    "site/_demo/__init__.py": "",
    "site/_demo/hookspec.py": (
        "import pluggy\n\nhookspec = pluggy.HookspecMarker('demo')\n\n\n"
        "@hookspec\ndef demo_handle(request):\n    '''Answer a request.'''\n"
    ),
    "site/_demo/config.py": "class Config:\n    pass\n",
    "site/demo/__init__.py": "import _demo.config\n",
    "site/demo-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n",
    # Works in the host: by the time demo loads it, _demo.config has been imported.
    "plugins/uses.py": (
        "import _demo\nimport pluggy\n\nCONFIG = _demo.config.Config\n"
        "hookimpl = pluggy.HookimplMarker('demo')\n\n\n"
        "@hookimpl\ndef demo_handle(request):\n    return None\n"
    ),
}


def _harness_codes(root: Path, preload: str) -> set[str]:
    host = write_host(root, pyproject=CONTRACT.format(preload=preload), files=FILES)
    proc = run_cli(
        "check",
        str(host),
        "--no-mypy",
        "--output-format",
        "json",
        env={"PYTHONPATH": str(host / "site")},
    )
    assert proc.returncode in (0, 1), proc.stderr
    return {f["code"] for f in json.loads(proc.stdout)["findings"] if f["code"].startswith("PC4")}


def test_a_pluggy_host_package_is_preloaded_unasked(tmp_path: Path) -> None:
    assert _harness_codes(tmp_path / "auto", "") == set()


def test_a_contract_preload_says_what_is_preloaded_instead(tmp_path: Path) -> None:
    # An empty preload: the host imports nothing first, so _demo.config is not there.
    assert _harness_codes(tmp_path / "none", "preload = []\n") == {"PC401"}


def test_a_preload_that_cannot_be_imported_is_named_by_the_summary(tmp_path: Path) -> None:
    """The plugin passes without the module the host imports first (a typo here), but that is
    not the host's state: the summary (no findings, never "All checks passed") says what the
    plugins were imported without."""
    host = write_host(
        tmp_path,
        pyproject=CONTRACT.format(preload='preload = ["demo", "demo.gone"]\n'),
        files=FILES,
    )
    proc = run_cli("check", str(host), "--no-mypy", env={"PYTHONPATH": str(host / "site")})
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = proc.stdout.strip().splitlines()[-1]
    assert summary.startswith("No findings in 1 plugin"), proc.stdout
    assert (
        "but the run left out: " in summary
        and "its plugins were imported without demo.gone (ModuleNotFoundError" in summary
    ), summary


SUBMODULE_PLUGINS = {
    **{k: v for k, v in FILES.items() if k.startswith("site/")},
    # Works only where something imported importlib.util first (the worker's own loader did).
    "plugins/bare.py": (
        "import importlib\nimport pluggy\n\nSPEC = importlib.util.find_spec('json')\n"
        "hookimpl = pluggy.HookimplMarker('demo')\n\n\n"
        "@hookimpl\ndef demo_handle(request):\n    return None\n"
    ),
    # The registration worker's hook call: the worker had it too.
    "plugins/hooked.py": (
        "import importlib\nimport pluggy\n\nhookimpl = pluggy.HookimplMarker('demo')\n\n\n"
        "@hookimpl\ndef demo_handle(request):\n    return importlib.util.find_spec('json')\n"
    ),
    "plugins/full.py": (
        "import importlib.util\nimport pluggy\n\nSPEC = importlib.util.find_spec('json')\n"
        "hookimpl = pluggy.HookimplMarker('demo')\n\n\n"
        "@hookimpl\ndef demo_handle(request):\n    return None\n"
    ),
}


def test_the_workers_own_submodules_are_not_the_plugins(tmp_path: Path) -> None:
    """A plain host has not imported importlib.util when it loads a plugin; the worker had (red
    team 3/3b: `import importlib` then `importlib.util.find_spec` passed the full run): the
    plugin meets the host's modules (a preload that imports it, such as pkgutil, brings it
    back)."""
    started = subprocess.run(
        [sys.executable, "-I", "-c", "import sys; print('importlib.util' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    if started.stdout.strip() == "True":
        pytest.skip("this interpreter's start-up (a .pth file) imports importlib.util")
    contract = CONTRACT.format(preload="preload = []\n")
    contract += 'stand-ins = { request = "_demo.config:Config" }\n'
    host = write_host(tmp_path, pyproject=contract, files=SUBMODULE_PLUGINS)
    proc = run_cli(
        "check",
        str(host),
        "--no-mypy",
        "--output-format",
        "json",
        env={"PYTHONPATH": str(host / "site")},
    )
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)["findings"]
    found = {(f["plugin"], f["code"]) for f in data if f["severity"] == "error"}
    assert found == {("bare", "PC401"), ("hooked", "PC519")}


FACTORY = """\
[tool.plugcheck.contracts.fhost]
kind = "factory"
api = "fhost_api"
paths = ["plugins/*"]
search-path = ["api"]

[tool.plugcheck.contracts.fhost.exports]
new = "fhost_api:Factory"

[tool.plugcheck.contracts.fhost.lifecycle]
protocol = "fhost_api:Plugin"
factory = "new"
config = { retries = 3 }
deadline = 5.0
"""
FHOST_API = """\
from typing import Any, Callable, Protocol, runtime_checkable


@runtime_checkable
class Plugin(Protocol):
    def init(self, config: dict[str, Any]) -> None: ...
    def run(self) -> str: ...
    def shutdown(self) -> None: ...


Factory = Callable[[], Plugin]
"""


def _factory_plugin(head: str, init: str) -> str:
    return (
        f"{head}\n\n\nclass P:\n    def init(self, config: dict) -> None:\n        {init}\n\n"
        "    def run(self) -> str:\n        return 'ok'\n\n"
        "    def shutdown(self) -> None:\n        pass\n\n\ndef new() -> P:\n    return P()\n"
    )


def test_importlib_machinery_is_the_hosts_too(tmp_path: Path) -> None:
    """A plain factory host (its API imports typing, never inspect) has no importlib.machinery;
    the fork server had it through inspect (red team 3, machinery_in_init passed the full run).
    Importing inspect or importlib.abc loads it, as in the host, and the harness's own finder and
    inspect (the factory's class is described with it) still work."""
    started = subprocess.run(
        [sys.executable, "-I", "-c", "import sys; print('importlib.machinery' in sys.modules)"],
        capture_output=True,
        text=True,
        check=True,
    )
    if started.stdout.strip() == "True":
        pytest.skip("this interpreter's start-up (a .pth file) imports importlib.machinery")
    plugins = {
        "bare": _factory_plugin("import importlib", "self.x = importlib.machinery.PathFinder"),
        "via_inspect": _factory_plugin(
            "import importlib\nimport inspect\n\nX = importlib.machinery.SOURCE_SUFFIXES",
            "self.x = inspect.getsourcefile(P)",
        ),
        "via_abc": _factory_plugin(
            "import importlib.abc", "self.x = importlib.machinery.SourceFileLoader"
        ),
        "full": _factory_plugin(
            "import importlib.machinery", "self.x = importlib.machinery.SourceFileLoader"
        ),
        "reader": _factory_plugin("import csv", "self.x = csv.reader"),
    }
    host = write_host(tmp_path, {"fhost_api": FHOST_API}, plugins, FACTORY)
    proc = run_cli("check", str(host), "--no-mypy", "--output-format", "json")
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)["findings"]
    found = {(f["plugin"], f["code"]) for f in data if f["severity"] == "error"}
    assert found == {("bare", "PC405")}


EXPORTERS = """\
[tool.plugcheck.contracts.exp]
kind = "factory"
entry-point-group = "exphost.exporters"
api-distribution = "exphost"
entry-point-object = { type = "exphost.exporters:Exporter", kind = "class" }
"""


HOST_RECORD = "exphost/__init__.py,,\nexphost/exporters.py,,\n"


def _dist(name: str, group: str, entries: str, files: str) -> dict[str, str]:
    info = f"site/{name.replace('-', '_')}-1.0.dist-info"
    return {
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
        f"{info}/RECORD": files,
        f"{info}/entry_points.txt": f"[{group}]\n{entries}\n",
    }


@pytest.mark.parametrize(("declared_by", "in_server"), [("exphost", True), ("exp-extra", False)])
def test_the_hosts_own_plugins_in_its_api_module_keep_it_preloaded(
    tmp_path: Path, declared_by: str, in_server: bool
) -> None:
    """nbconvert's shape: its built-in exporters are entry points of its own group, in the
    module the contract names as its API. They are the host's code, so the server preloads that
    module once (before, each plugin's process imported it: 72 -> 14 s of CPU for nbconvert's
    27 exporters); the same entry point declared by another distribution is a plugin's
    claim, and the server still leaves that module to each plugin's process."""
    files = {
        "site/exphost/__init__.py": "",
        "site/exphost/exporters.py": (
            "class Exporter:\n    pass\n\n\nclass HTMLExporter(Exporter):\n    pass\n"
        ),
        **_dist("exphost", "exphost.exporters", "", HOST_RECORD),
        **_dist(
            declared_by,
            "exphost.exporters",
            "html = exphost.exporters:HTMLExporter",
            HOST_RECORD if declared_by == "exphost" else "",
        ),
        "site/exp_style/__init__.py": (
            "from exphost.exporters import Exporter\n\n\nclass Plugin(Exporter):\n    pass\n"
        ),
        **_dist("exp-style", "exphost.exporters", "style = exp_style:Plugin", ""),
    }
    host = write_host(tmp_path, pyproject=EXPORTERS, files=files)
    proc = run_cli(
        "check",
        str(host),
        "--no-mypy",
        "--output-format",
        "json",
        env={"PYTHONPATH": str(host / "site")},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert {p["name"] for p in data["plugins"]} == {"html", "style"}, data["plugins"]
    deferred = [n for n in data["notes"] if "runs a plugin's code while it is imported" in n]
    assert bool(deferred) is not in_server, data["notes"]


def test_a_plugin_the_host_loads_by_a_path_of_its_own_spelling_never_runs_in_the_server(
    tmp_path: Path,
) -> None:
    """The guard knew a plugin's file by discovery's spelling only: a host whose preload loads
    `os.path.join(HERE, "..", "..", "plugins", name)` by path (no import by name) ran the
    plugin in the fork server, unconfined, where it wrote outside its sandbox (red team red45).
    What the preloads execute is compared normalised and resolved now."""
    outside = tmp_path / "outside.txt"
    files = {
        "pyproject.toml": '[project]\nname = "pathhost"\nversion = "1.0"\n'
        '[tool.plugcheck.contracts.paths]\nkind = "factory"\npaths = ["plugins/*.py"]\n'
        'search-path = ["host"]\npreload = ["pathhost.loader"]\n',
        "host/pathhost/__init__.py": "",
        "host/pathhost/loader.py": (
            "import glob\nimport importlib.util\nimport os\n\n"
            "HERE = os.path.dirname(__file__)\n"
            "for path in glob.glob(os.path.join(HERE, '..', '..', 'plugins', '*.py')):\n"
            "    spec = importlib.util.spec_from_file_location('loaded', path)\n"
            "    spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
        ),
        "plugins/evil.py": (
            f"import builtins\n\ngetattr(builtins, 'op' + 'en')({str(outside)!r}, 'w')\n"
        ),
    }
    host = write_host(tmp_path, files=files)
    proc = run_cli("harness", "--output-format", "json", cwd=host)
    assert not outside.exists(), proc.stdout
    notes = "\n".join(json.loads(proc.stdout)["notes"])
    assert "pathhost.loader runs a plugin's code while it is imported" in notes, notes


def _engine(dist: str, name: str) -> dict[str, str]:
    info = f"site/{dist}-1.0.dist-info"
    return {
        f"site/{dist}/__init__.py": "class Plugin:\n    pass\n",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n",
        f"{info}/RECORD": f"{dist}/__init__.py,,\n",
        f"{info}/entry_points.txt": f"[mdhost.engine]\n{name} = {dist}:Plugin\n",
    }


def test_a_host_whose_import_raises_with_its_plugins_installed_never_passes(
    tmp_path: Path,
) -> None:
    """A distribution that declares a second engine named like another one: the host's own
    import refuses it while it reads the group (no plugin code runs), so the host cannot start.
    The fork server's preload raised, no plugin was to blame, and "All checks passed" named
    only what the plugins were imported without (red team red45). Each plugin is PC424 now:
    a preload that raised, unlike one that is not there to import, fails the run."""
    files = {
        "pyproject.toml": '[project]\nname = "mdhost"\nversion = "1.0"\n'
        '[tool.plugcheck.contracts.e]\nkind = "factory"\nentry-point-group = "mdhost.engine"\n'
        'preload = ["mdhost.engines"]\n',
        "site/mdhost/__init__.py": "",
        "site/mdhost/engines.py": (
            "from importlib.metadata import entry_points\n\nENGINES = {}\n"
            "for ep in entry_points(group='mdhost.engine'):\n"
            "    if ep.name in ENGINES:\n"
            "        raise ValueError(f'two engines named {ep.name!r}')\n"
            "    ENGINES[ep.name] = ep\n"
        ),
        **_engine("md_good", "good"),
        **_engine("md_dup", "good"),
    }
    host = write_host(tmp_path, files=files)
    proc = run_cli("harness", cwd=host, env={"PYTHONPATH": str(host / "site")})
    assert proc.returncode == 1, proc.stdout
    assert "All checks passed" not in proc.stdout
    for module in ("md_good", "md_dup"):
        assert f"PC424 (info) {module} was not checked as the host loads it: importing " in (
            proc.stdout
        ), proc.stdout


@pytest.mark.parametrize("declared_by", ["md-evil", "md-helper"])
def test_a_plugins_entry_point_in_a_group_no_contract_names_never_runs_in_the_server(
    tmp_path: Path, declared_by: str
) -> None:
    """The host's import loads every entry point of a second group, which no contract of the
    run names. The checked plugin's distribution declares one there too, and its module wrote
    outside the sandbox from the fork server, unconfined (red team red46): the guard knew only
    the run's groups. It knows every entry point of the plugins' distributions now, and of
    what they require (a helper distribution of the plugin's), but the host's own.
    The second preload imports every module of the host's own `mdhost.builtin` package: the
    plugin's wheel put one there too (its RECORD lists it), which ran in the server,
    unconfined (red team red51). Every file of code a plugin's distribution installed is
    guarded now, wherever it lies."""
    outside = tmp_path / "outside.txt"
    evil = f"import builtins\n\ngetattr(builtins, 'op' + 'en')({str(outside)!r}, 'w')\n"
    info = "site/md_evil-1.0.dist-info"
    helper = "site/md_helper-1.0.dist-info"
    files = {
        "pyproject.toml": '[project]\nname = "mdhost"\nversion = "1.0"\n'
        '[tool.plugcheck.contracts.e]\nkind = "factory"\nentry-point-group = "mdhost.engine"\n'
        'api-distribution = "mdhost"\npreload = ["mdhost.engines", "mdhost.builtins"]\n',
        "site/mdhost/__init__.py": "",
        "site/mdhost/engines.py": (
            "from importlib.metadata import entry_points\n\n"
            "EXTRAS = [ep.load() for ep in entry_points(group='mdhost.extras')]\n"
        ),
        "site/mdhost/builtins.py": (
            "import importlib\nimport pkgutil\n\nimport mdhost.builtin\n\nLOADED = [\n"
            "    importlib.import_module(f'mdhost.builtin.{found.name}')\n"
            "    for found in pkgutil.iter_modules(mdhost.builtin.__path__)\n]\n"
        ),
        "site/mdhost/builtin/__init__.py": "",
        "site/mdhost/builtin/plain.py": "",
        "site/mdhost/builtin/md_evil_style.py": evil,
        "site/mdhost-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: mdhost\nVersion: 1.0\n",
        "site/md_evil/__init__.py": "class Plugin:\n    pass\n",
        "site/md_evil_extra.py": evil,
        f"{info}/METADATA": (
            "Metadata-Version: 2.1\nName: md-evil\nVersion: 1.0\n"
            "Requires-Dist: mdhost\nRequires-Dist: md-helper>=1\n"
        ),
        f"{info}/RECORD": (
            "md_evil/__init__.py,,\nmd_evil_extra.py,,\nmdhost/builtin/md_evil_style.py,,\n"
        ),
        f"{info}/entry_points.txt": (
            "[mdhost.engine]\nevil = md_evil:Plugin\n"
            + ("\n[mdhost.extras]\nextra = md_evil_extra\n" if declared_by == "md-evil" else "")
        ),
        "site/md_helper.py": evil,
        f"{helper}/METADATA": "Metadata-Version: 2.1\nName: md-helper\nVersion: 1.0\n",
        f"{helper}/RECORD": "md_helper.py,,\n",
        f"{helper}/entry_points.txt": (
            "[mdhost.extras]\nhelper = md_helper\n" if declared_by == "md-helper" else ""
        ),
    }
    host = write_host(tmp_path, files=files)
    proc = run_cli(
        "harness", "--output-format", "json", cwd=host, env={"PYTHONPATH": str(host / "site")}
    )
    assert not outside.exists(), proc.stdout
    notes = "\n".join(json.loads(proc.stdout)["notes"])
    assert "mdhost.engines runs a plugin's code while it is imported" in notes, notes
    assert "mdhost.builtins runs a plugin's code while it is imported" in notes, notes


def test_a_plugin_the_host_execs_from_its_text_never_runs_in_the_server(tmp_path: Path) -> None:
    """A host whose preload runs each plugin file's text (`exec(open(path).read(), ns)`): the
    code's filename is `<string>`, which the guard's look at executed code never matched, so
    the plugin ran in the fork server, unconfined, and wrote outside its sandbox (red team
    red46). A preload that opens a plugin's file is left to the plugins' processes now."""
    outside = tmp_path / "outside.txt"
    files = {
        "pyproject.toml": '[project]\nname = "texthost"\nversion = "1.0"\n'
        '[tool.plugcheck.contracts.text]\nkind = "factory"\npaths = ["plugins/*.py"]\n'
        'search-path = ["host"]\npreload = ["texthost.loader"]\n',
        "host/texthost/__init__.py": "",
        "host/texthost/loader.py": (
            "import glob\nimport os\n\nHERE = os.path.dirname(__file__)\n"
            "for path in glob.glob(os.path.join(HERE, '..', '..', 'plugins', '*.py')):\n"
            "    with open(path) as source:\n"
            "        exec(source.read(), {})\n"
        ),
        "plugins/evil.py": (
            f"import builtins\n\ngetattr(builtins, 'op' + 'en')({str(outside)!r}, 'w')\n"
        ),
    }
    host = write_host(tmp_path, files=files)
    proc = run_cli("harness", "--output-format", "json", cwd=host)
    assert not outside.exists(), proc.stdout
    notes = "\n".join(json.loads(proc.stdout)["notes"])
    assert "texthost.loader runs a plugin's code while it is imported" in notes, notes


NATIVE = """\
#include <stdio.h>
__attribute__((constructor)) static void loaded(void) {
    FILE *f = fopen(OUTSIDE, "w");
    if (f) { fputs("written", f); fclose(f); }
}
void *PyInit_NAME(void) { return 0; }
"""
NATIVE_LOADER = """\
import ctypes
import glob
import importlib
import importlib.machinery
import importlib.util
import os
import sys

PLUGINS = os.path.join(os.path.dirname(__file__), "..", "..", "plugins")


class Finder:
    def find_spec(self, name, path=None, target=None):
        return importlib.machinery.PathFinder.find_spec(name, [PLUGINS])


sys.meta_path.insert(0, Finder())
for path in sorted(glob.glob(os.path.join(PLUGINS, "*.so"))):
    name = os.path.basename(path).split(".")[0]
    try:  # each plugin's load on its own: one the guard stops does not stop the next
        if name == "by_spec":
            spec = importlib.util.spec_from_file_location("nativehost.plugins." + name, path)
            importlib.util.module_from_spec(spec)
        elif name == "by_ctypes":
            ctypes.CDLL(path)
        else:
            importlib.import_module(name)
    except BaseException:
        pass
"""


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler")
def test_a_plugins_shared_library_the_host_loads_never_runs_in_the_server(tmp_path: Path) -> None:
    """Extension-module plugins loaded by a preload, each in its own way: under a name of the
    host's (a spec from the file's path), through `ctypes`, and by its own name through the
    host's finder first on `sys.meta_path` (`importlib.import_module`). A shared library's code
    (its constructors, its `PyInit_`) runs as it is loaded, and no `exec` or `open` event comes
    first: the first two ran in the fork server, unconfined, and wrote outside their sandbox
    (red team red47). The guard now looks at the file an extension module's `import` event and
    `ctypes.dlopen` name. The third was stopped by its name already."""
    suffix = sysconfig.get_config_var("EXT_SUFFIX")
    files = {
        "pyproject.toml": '[project]\nname = "nativehost"\nversion = "1.0"\n'
        '[tool.plugcheck.contracts.native]\nkind = "factory"\npaths = ["plugins/*.so"]\n'
        'search-path = ["host"]\npreload = ["nativehost.loader"]\n',
        "host/nativehost/__init__.py": "",
        "host/nativehost/loader.py": NATIVE_LOADER,
    }
    host = write_host(tmp_path, files=files, plugins={})
    ways = ("by_spec", "by_ctypes", "by_finder")
    for name in ways:
        source = tmp_path / f"{name}.c"
        outside = json.dumps(str(tmp_path / f"{name}.txt"))
        source.write_text(NATIVE.replace("OUTSIDE", outside).replace("NAME", name))
        built = host / "plugins" / f"{name}{suffix}"
        subprocess.run(["cc", "-shared", "-fPIC", "-o", str(built), str(source)], check=True)
    proc = run_cli("harness", "--output-format", "json", cwd=host)
    assert not [n for n in ways if (tmp_path / f"{n}.txt").exists()], proc.stdout
    notes = "\n".join(json.loads(proc.stdout)["notes"])
    assert "nativehost.loader runs a plugin's code while it is imported" in notes, notes


MDHOST_BOTH_GROUPS = {
    "pyproject.toml": '[project]\nname = "mdhost"\nversion = "1.0"\n'
    '[tool.plugcheck.contracts.e]\nkind = "factory"\nentry-point-group = "mdhost.engine"\n'
    'api-distribution = "mdhost"\npreload = ["mdhost.engines"]\n',
    "site/mdhost/__init__.py": "",
    "site/mdhost/engines.py": "from importlib.metadata import entry_points\n\n"
    "for group in ('mdhost.extras', 'mdhost.engine'):\n"
    "    for ep in entry_points(group=group):\n"
    "        try:\n"
    "            ep.load()\n"
    "        except BaseException:\n"
    "            pass\n",
}
"""A host whose preload loads every entry point of a second group, then of its own, each on
its own (one the guard stops does not stop the next)."""


def test_a_plugin_distribution_named_like_the_host_is_no_host_code(tmp_path: Path) -> None:
    """The host's own entry points (nbconvert's exporters) are trusted in the fork server, and
    the host was told by the declaring distribution's name: a plugin's distribution named like
    the host (`Name: mdhost`, first on the path) declared its own module, the server ran it
    as the host's while its preload loaded the group, unconfined, and it wrote outside its
    sandbox (red team red47). Only a module in the host's own packages (those of the modules
    the contract names: its `api`, its types, `preload`) is trusted now. Its `Requires-Dist`
    was the host's too: a helper distribution it named had its entry point in a second group
    the preload loads (`mdhost.extras`) run in the server, where it wrote outside its sandbox
    (red team red49). A distribution of the host's name is the host's now only where its
    RECORD lists the files the host's packages are imported from, and none of that name is
    while another of that name is on the path: one whose RECORD listed the host's files too
    (`../site/mdhost/__init__.py`) was trusted with the host's (red team red51)."""
    outside = tmp_path / "outside.txt"
    evil = f"import builtins\n\ngetattr(builtins, 'op' + 'en')({str(outside)!r}, 'w')\n"
    files = {
        **MDHOST_BOTH_GROUPS,
        "site/mdhost-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: mdhost\nVersion: 1.0\n",
        "site/mdhost-1.0.dist-info/RECORD": "mdhost/__init__.py,,\nmdhost/engines.py,,\n",
        "site0/md_evil.py": f"{evil}\n\nclass Plugin:\n    pass\n",
        "site0/MDHost-2.0.dist-info/METADATA": (
            "Metadata-Version: 2.1\nName: mdhost\nVersion: 2.0\nRequires-Dist: md-helper\n"
        ),
        # It lists the host's files too, by a path out of its own folder (red team red51).
        "site0/MDHost-2.0.dist-info/RECORD": "md_evil.py,,\n../site/mdhost/__init__.py,,\n",
        "site0/MDHost-2.0.dist-info/entry_points.txt": "[mdhost.engine]\nevil = md_evil:Plugin\n",
        "site0/md_helper.py": evil,
        "site0/md_helper-1.0.dist-info/METADATA": (
            "Metadata-Version: 2.1\nName: md-helper\nVersion: 1.0\n"
        ),
        "site0/md_helper-1.0.dist-info/RECORD": "md_helper.py,,\n",
        "site0/md_helper-1.0.dist-info/entry_points.txt": "[mdhost.extras]\nhelper = md_helper\n",
    }
    host = write_host(tmp_path, files=files)
    path = os.pathsep.join([str(host / "site0"), str(host / "site")])
    proc = run_cli("harness", "--output-format", "json", cwd=host, env={"PYTHONPATH": path})
    assert not outside.exists(), proc.stdout
    notes = "\n".join(json.loads(proc.stdout)["notes"])
    # Stopped at md_evil, or at the host's own file, which the spoof's RECORD claims: the
    # guard holds every file a plugin's distribution installed (red team red51).
    assert "mdhost.engines runs a plugin's code while it is imported (" in notes, notes


def test_a_second_distribution_of_a_host_requirements_name_trusts_nothing(tmp_path: Path) -> None:
    """The host requires mdlib, and what the host requires is the host's: its entry points in
    other groups run in the fork server. A plugin's install added a second mdlib-9.dist-info,
    first on the path, requiring the plugin's helper: the helper was then the host's, and its
    entry point in `mdhost.extras`, which the host's preload loads, ran in the server,
    unconfined, and wrote outside its sandbox (red team red49). A name two distributions on the
    path claim is trusted for neither now, read as importlib.metadata reads them (a `name:`
    header was not seen, red team red51)."""
    outside = tmp_path / "outside.txt"
    evil = f"import builtins\n\ngetattr(builtins, 'op' + 'en')({str(outside)!r}, 'w')\n"

    def dist(where: str, name: str, requires: str = "", entries: str = "", record: str = ""):
        info = f"{where}/{name.replace('-', '_')}-1.0.dist-info"
        return {
            f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n{requires}",
            f"{info}/RECORD": record,
            f"{info}/entry_points.txt": entries,
        }

    files = {
        **MDHOST_BOTH_GROUPS,
        **dist(
            "site",
            "mdhost",
            "Requires-Dist: mdlib\n",
            record="mdhost/__init__.py,,\nmdhost/engines.py,,\n",
        ),
        "site/mdlib.py": "",
        **dist("site", "mdlib", record="mdlib.py,,\n"),
        "site0/md_good.py": "class Plugin:\n    pass\n",
        **dist(
            "site0",
            "md-good",
            "Requires-Dist: md-helper\n",
            "[mdhost.engine]\ngood = md_good:Plugin\n",
            "md_good.py,,\n",
        ),
        "site0/md_helper.py": evil,
        **dist(
            "site0", "md-helper", "", "[mdhost.extras]\nhelper = md_helper\n", "md_helper.py,,\n"
        ),
    }
    # Its Name header in lower case, as importlib.metadata reads it and plugcheck's own
    # reading did not: the second mdlib went unseen (red team red51).
    spoof = dist("site0", "mdlib", "Requires-Dist: md-helper\n")
    files.update(
        {k.replace("mdlib-1.0", "mdlib-9.0"): v.replace("Name:", "name:") for k, v in spoof.items()}
    )
    host = write_host(tmp_path, files=files)
    path = os.pathsep.join([str(host / "site0"), str(host / "site")])
    proc = run_cli("harness", "--output-format", "json", cwd=host, env={"PYTHONPATH": path})
    assert not outside.exists(), proc.stdout
    notes = "\n".join(json.loads(proc.stdout)["notes"])
    assert "mdhost.engines runs a plugin's code while it is imported (module md_" in notes, notes
