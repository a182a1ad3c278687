"""Plugins inside packages: imported under their real dotted name, judged with their package."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTDATA, run_check, run_cli_here, write_host

pytestmark = pytest.mark.harness
# The command lines run in this process (cli_here): the output of `python -m plugcheck`, without
# its start and imports.


FOLDER = TESTDATA / "rules" / "PC401" / "good-namespace-folder"


def test_a_namespace_folder_plugin_has_its_dotted_name() -> None:
    report = run_check(FOLDER, mypy=False)
    assert {p.name: p.module for p in report.plugins} == {
        "alpha": "nshost.plugins.alpha",
        "beta": "nshost.plugins.beta",
        "random": "nshost.plugins.random",
    }
    assert {p.import_root for p in report.plugins} == {FOLDER / "src"}
    assert report.findings == []


def test_the_namespace_key_names_the_package(tmp_path: Path) -> None:
    """Without a regular package on the way, the contract's `namespace` says it."""
    write_host(
        tmp_path,
        files={
            "pyproject.toml": '[tool.plugcheck.contracts.ns]\nkind = "factory"\n'
            'paths = ["ext/host/plugins/*"]\nnamespace = "host.plugins"\n',
            "ext/host/api.py": "VERSION = 2\n",
            "ext/host/plugins/one.py": "from .. import api\n\nV = api.VERSION\n",
        },
    )
    report = run_check(tmp_path, mypy=False)
    (plugin,) = report.plugins
    assert plugin.module == "host.plugins.one" and plugin.import_root == tmp_path / "ext"
    assert report.findings == []


def test_a_bad_namespace_key_is_a_config_error(tmp_path: Path) -> None:
    write_host(
        tmp_path,
        files={
            "pyproject.toml": '[tool.plugcheck.contracts.ns]\nkind = "factory"\n'
            'paths = ["plugins/*"]\nnamespace = "host/plugins"\n',
            "plugins/one.py": "",
        },
    )
    proc = run_cli_here("check", str(tmp_path))
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "contracts.ns.namespace: must be a dotted package name" in proc.stderr


def test_a_module_deep_inside_a_library_is_judged_with_its_package(tmp_path: Path) -> None:
    """lib.contrib.x.plugin imports lib.core.helper: its own package has it, an older installed
    lib (first on the search path) does not; the package the plugin lives in is the judge."""
    write_host(
        tmp_path,
        files={
            "pyproject.toml": '[tool.plugcheck.contracts.lib]\nkind = "factory"\n'
            'paths = ["checkout/lib/contrib/*"]\nsearch-path = ["site", "checkout"]\n'
            'host-packages = ["lib"]\n',
            "site/lib/__init__.py": "",
            "site/lib/core.py": "def other():\n    pass\n",
            "checkout/lib/__init__.py": "",
            "checkout/lib/core.py": "def helper():\n    pass\n",
            "checkout/lib/contrib/x/__init__.py": "from lib.core import helper\n"
            "from lib.core import gone\n",
        },
    )
    report = run_check(tmp_path, mypy=False, dynamic=False)
    (plugin,) = report.plugins
    assert plugin.module == "lib.contrib.x"
    found = [(f.code, f.location.line) for f in report.findings]
    assert found == [("PC530", 2)]


def test_a_plugin_folder_joins_the_already_imported_package(tmp_path: Path) -> None:
    """beets' `pluginpath`: the installed `hostplug` package (a regular one, imported with the
    host before any plugin) does not see a plugin folder elsewhere; the host prepends the folder
    to `hostplug.__path__` and imports `hostplug.<name>`. The harness and the setup-function
    worker do the same: no false PC401 or PC416, and register() really runs."""
    write_host(
        tmp_path,
        files={
            "site/hostplug/__init__.py": '"""The installed plugin package."""\n',
            "site/hostplug/shared.py": "def helper():\n    return 1\n",
            "site/hostcore/__init__.py": "import hostplug\n",
            "extra/hostplug/mine.py": "from hostplug.shared import helper\n"
            "from . import shared\n\n\ndef register():\n    return helper() + shared.helper()\n",
            "extra/hostplug/broken.py": "def register():\n    raise RuntimeError('no config')\n",
            "pyproject.toml": """
[tool.plugcheck.contracts.p]
kind = "factory"
paths = ["extra/hostplug/*"]
namespace = "hostplug"
host-packages = ["hostcore", "hostplug"]
preload = ["hostcore"]

[tool.plugcheck.contracts.p.exports]
register = { kind = "function" }

[tool.plugcheck.contracts.p.setup-function]
export = "register"
stand-ins = []
returns = "any"
""",
        },
    )
    proc = run_cli_here(
        "check",
        str(tmp_path),
        "--no-mypy",
        "--output-format",
        "json",
        env={"PYTHONPATH": str(tmp_path / "site")},
    )
    assert proc.returncode == 1, proc.stderr

    report = json.loads(proc.stdout)
    assert {p["name"]: p["module"] for p in report["plugins"]} == {
        "mine": "hostplug.mine",
        "broken": "hostplug.broken",
    }
    found = {(f["plugin"], f["code"]) for f in report["findings"] if f["severity"] == "error"}
    assert found == {("broken", "PC532")}


_LOADER = """
import sys
from hostcore import load
for name in sys.argv[2:]:
    try:
        print(name, load([sys.argv[1]], name).register())
    except Exception as exc:
        print(name, "fails:", type(exc).__name__, exc)
"""


def test_a_plugin_folder_not_named_after_the_package_joins_it(tmp_path: Path) -> None:
    """beets' `pluginpath` folders have any name: the host adds the folder to `hostplug.__path__`
    and imports `hostplug.<name>` (the folder is never first on `sys.path`). Its `random.py`
    plugin does not shadow the standard library for the others, and `from . import util` is
    `hostplug.util`, in the folder. The host's own loader is the oracle."""
    write_host(
        tmp_path,
        files={
            "site/hostplug/__init__.py": '"""The installed plugin package."""\n',
            "site/hostcore/__init__.py": "import importlib\nimport sys\n"
            "from collections.abc import Callable\n\nimport hostplug\n\n"
            "Register = Callable[[], int]\n\n\n"
            "def load(paths, name):\n"
            "    hostplug.__path__ = [*paths, *hostplug.__path__]\n"
            "    sys.path += paths\n"
            '    return importlib.import_module("hostplug." + name)\n',
            "my-plugins/random.py": "def register() -> int:\n    return 1\n",
            "my-plugins/util.py": "VALUE = 2\n\n\ndef register() -> int:\n    return VALUE\n",
            "my-plugins/uses.py": "import random\n\nfrom . import util\n\n\n"
            "def register() -> int:\n    return random.randint(3, 3) + util.VALUE\n",
            "my-plugins/broken.py": "from . import gone\n\n\n"
            "def register() -> int:\n    return gone.X\n",
            "my-plugins/typed.py": 'def register() -> str:\n    return "x"\n',
            "pyproject.toml": """
[tool.plugcheck.contracts.p]
kind = "factory"
paths = ["my-plugins/*.py"]
namespace = "hostplug"
host-packages = ["hostcore", "hostplug"]
preload = ["hostcore"]

[tool.plugcheck.contracts.p.exports]
register = { type = "hostcore:Register", kind = "function" }

[tool.plugcheck.contracts.p.setup-function]
export = "register"
stand-ins = []
returns = "any"
""",
        },
    )
    site = {"PYTHONPATH": str(tmp_path / "site")}
    names = ["random", "util", "uses", "broken", "typed"]
    folder = str(tmp_path / "my-plugins")
    oracle = subprocess.run(
        [sys.executable, "-c", _LOADER, folder, *names],
        env={**os.environ, **site},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert oracle.splitlines()[:3] == ["random 1", "util 2", "uses 5"], oracle
    assert "broken fails: ImportError cannot import name 'gone'" in oracle

    proc = run_cli_here("check", str(tmp_path), "--output-format", "json", env=site)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    assert {p["name"]: p["module"] for p in report["plugins"]} == {
        n: f"hostplug.{n}" for n in names
    }
    errors = {(f["plugin"], f["code"]) for f in report["findings"] if f["severity"] == "error"}
    assert {p for p, _ in errors} == {"broken", "typed"}, errors
    assert ("typed", "PC201") in errors


def test_a_plugin_folder_is_also_at_the_end_of_sys_path(tmp_path: Path) -> None:
    """beets appends each `pluginpath` folder to `sys.path` too (after `beetsplug.__path__`), so
    a plugin there that imports a sibling module by its plain name (`import helpers`, `from
    helpers import X`) loads; one importing a module the folder lacks does not. Being last on
    `sys.path`, the folder's `random.py` still shadows nothing. The host's loader is the oracle."""
    write_host(
        tmp_path,
        files={
            "site/hostplug/__init__.py": '"""The installed plugin package."""\n',
            "site/hostcore/__init__.py": "import importlib\nimport sys\n"
            "from collections.abc import Callable\n\nimport hostplug\n\n"
            "Register = Callable[[], int]\n\n\n"
            "def load(paths, name):\n"
            "    hostplug.__path__ = [*paths, *hostplug.__path__]\n"
            "    sys.path += paths\n"
            '    return importlib.import_module("hostplug." + name)\n',
            "my-plugins/helpers.py": "VALUE = 2\n\n\ndef register() -> int:\n    return VALUE\n",
            "my-plugins/random.py": "def register() -> int:\n    return 1\n",
            "my-plugins/plain.py": "import random\n\nimport helpers\n\n\n"
            "def register() -> int:\n    return random.randint(3, 3) + helpers.VALUE\n",
            "my-plugins/named.py": "from helpers import VALUE\n\n\n"
            "def register() -> int:\n    return VALUE\n",
            "my-plugins/lost.py": "import nohelpers\n\n\n"
            "def register() -> int:\n    return nohelpers.VALUE\n",
            "pyproject.toml": """
[tool.plugcheck.contracts.p]
kind = "factory"
paths = ["my-plugins/*.py"]
namespace = "hostplug"
host-packages = ["hostcore", "hostplug"]
preload = ["hostcore"]

[tool.plugcheck.contracts.p.exports]
register = { type = "hostcore:Register", kind = "function" }

[tool.plugcheck.contracts.p.setup-function]
export = "register"
stand-ins = []
returns = "any"
""",
        },
    )
    site = {"PYTHONPATH": str(tmp_path / "site")}
    names = ["helpers", "random", "plain", "named", "lost"]
    folder = str(tmp_path / "my-plugins")
    oracle = subprocess.run(
        [sys.executable, "-c", _LOADER, folder, *names],
        env={**os.environ, **site},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert oracle.splitlines()[:4] == ["helpers 2", "random 1", "plain 5", "named 2"], oracle
    assert "lost fails: ModuleNotFoundError" in oracle

    proc = run_cli_here("check", str(tmp_path), "--output-format", "json", env=site)
    assert proc.returncode == 1, proc.stderr
    report = json.loads(proc.stdout)
    errors = {(f["plugin"], f["code"]) for f in report["findings"] if f["severity"] == "error"}
    assert {p for p, _ in errors} == {"lost"}, report["findings"]
    assert ("lost", "PC309") in errors
