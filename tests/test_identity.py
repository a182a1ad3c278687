"""Static type identity (PC35x) through ``plugcheck.check`` and the CLI, on hosts in tmp_path:
other module names for the API, copies beside the plugin, aliases and re-exports followed."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from plugcheck.model import Severity

from conftest import cli_json, run_check, write_host

pytestmark = pytest.mark.harness


API = '''\
"""A tiny shared API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class Plugin(Protocol):
    def run(self) -> None: ...


Factory = Callable[[], Plugin]
'''

IMPL = """

class Impl:
    def run(self) -> None:
        pass


def new() -> Plugin:
    return Impl()
"""


def _host(root: Path) -> Path:
    return write_host(
        root,
        pyproject=textwrap.dedent(
            """\
            [tool.plugcheck.contracts.demo]
            kind = "factory"
            api = "idapi"
            paths = ["plugins/*"]
            search-path = ["api/src"]

            [tool.plugcheck.contracts.demo.exports]
            new = "idapi:Factory"
            """
        ),
        files={"api/src/idapi/__init__.py": API},
    )


def _with_impl(source: str) -> str:
    """``source`` (indented in the test) followed by a working plugin implementation."""
    return textwrap.dedent(source) + IMPL


def _found(root: Path) -> set[tuple[str, str, int]]:
    report = run_check(root, select=("PC35",), mypy=False, dynamic=False)
    return {
        (f.code, f.location.path.relative_to(root).as_posix(), f.location.line)
        for f in report.findings
    }


def test_dotted_path_through_the_host_tree(tmp_path: Path) -> None:
    host = _host(tmp_path)
    write_host(
        host,
        files={"plugins/dotted/__init__.py": "from api.src.idapi import Plugin\n" + IMPL},
        dedent=True,
    )
    report = run_check(host, select=("PC352",), mypy=False, dynamic=False)
    (finding,) = report.findings
    assert finding.location.line == 1
    # Resolved from the host's root: the very file of the API, under another name.
    assert "imports api.src.idapi, which is the host's idapi" in finding.message
    assert finding.related[0].location.path.name == "__init__.py"


def test_dotted_path_that_only_a_path_hack_resolves(tmp_path: Path) -> None:
    host = _host(tmp_path)
    write_host(
        host,
        files={"plugins/hacked/__init__.py": "from src.idapi import Plugin\n" + IMPL},
        dedent=True,
    )
    report = run_check(host, select=("PC352",), mypy=False, dynamic=False)
    (finding,) = report.findings
    assert "src.idapi" in finding.message and "second module object" in finding.message


def test_dynamic_import_under_another_name(tmp_path: Path) -> None:
    host = _host(tmp_path)
    write_host(
        host,
        files={
            "plugins/lazy/__init__.py": _with_impl(
                """\
                from importlib import import_module as load

                from idapi import Plugin


                def api() -> object:
                    return load("src.idapi")


                def fine() -> object:
                    return load("idapi"), load(".helpers", __name__)
                """
            ),
        },
        dedent=True,
    )
    report = run_check(host, select=("PC35",), mypy=False, dynamic=False)
    (finding,) = report.findings
    assert (finding.code, finding.location.line) == ("PC352", 7)
    assert "'src.idapi' with importlib.import_module()" in finding.message


def test_relative_import_climbing_out_to_the_api(tmp_path: Path) -> None:
    host = _host(tmp_path)
    # plugins/climber -> plugins -> host root: reaches api/src/idapi by a relative path.
    write_host(
        host,
        files={"plugins/climber/__init__.py": "from ...api.src.idapi import Plugin\n" + IMPL},
        dedent=True,
    )
    data = cli_json("check", str(host), "--select", "PC352", "--no-mypy", "--no-dynamic")
    (finding,) = data["findings"]  # type: ignore[misc]
    assert finding["line"] == 1
    assert "the host's idapi under another module name" in finding["message"]
    (related,) = finding["related"]
    assert related["path"].endswith("idapi/__init__.py")


def test_top_level_copy_beside_the_plugin_shadows_the_api(tmp_path: Path) -> None:
    host = _host(tmp_path)
    write_host(
        host,
        files={
            "plugins/twin/pyproject.toml": '[project]\nname = "twin"\nversion = "1"\n',
            # `import idapi` from twin finds the copy first: it sits on the plugin's own root.
            "plugins/twin/src/twin/__init__.py": "from idapi import Plugin\n" + IMPL,
            "plugins/twin/src/idapi/__init__.py": API,
        },
        dedent=True,
    )
    assert _found(host) == {("PC351", "plugins/twin/src/twin/__init__.py", 1)}


def test_hacks_followed_through_aliases_and_reexports(tmp_path: Path) -> None:
    host = _host(tmp_path)
    write_host(
        host,
        files={
            "plugins/sly/compat.py": """\
                import idapi as shared
                from importlib import reload as again
                from importlib.machinery import SourceFileLoader as Loader
                """,
            "plugins/sly/__init__.py": _with_impl(
                """\
                from idapi import Plugin

                from .compat import Loader, again, shared


                def refresh() -> None:
                    again(shared)


                def load() -> object:
                    return Loader("idapi", "/srv/host/api/src/idapi/__init__.py")


                def harmless() -> object:
                    return Loader("sly_data", "/srv/data.py")


                def through_module() -> None:
                    from . import compat

                    compat.again(compat.shared)
                """
            ),
        },
        dedent=True,
    )
    assert _found(host) == {
        ("PC353", "plugins/sly/__init__.py", 7),
        ("PC353", "plugins/sly/__init__.py", 11),
        ("PC353", "plugins/sly/__init__.py", 21),
    }


def test_sys_path_rebinding(tmp_path: Path) -> None:
    host = _host(tmp_path)
    write_host(
        host,
        files={
            "plugins/rebind/__init__.py": _with_impl(
                """\
                import sys as system

                from idapi import Plugin


                def widen() -> None:
                    system.path[:0] = ["/opt/extra"]
                    system.path += ["/opt/more"]
                """
            ),
        },
        dedent=True,
    )
    assert _found(host) == {
        ("PC353", "plugins/rebind/__init__.py", 7),
        ("PC353", "plugins/rebind/__init__.py", 8),
    }


def test_a_script_no_import_reaches_never_runs_in_the_host(tmp_path: Path) -> None:
    """virtualenv's python activator ships activate_this.py, a script it copies into new
    environments: its sys.path edits never run when the host imports the plugin."""
    host = _host(tmp_path)
    write_host(
        host,
        files={
            "plugins/activator/__init__.py": _with_impl("from idapi import Plugin\n"),
            "plugins/activator/activate_this.py": """\
                import site
                import sys


                def activate(base: str) -> None:
                    site.addsitedir(base)
                    sys.path[:] = [base, *sys.path]
                """,
        },
        dedent=True,
    )
    assert _found(host) == set()


def test_local_copy_in_another_module_and_its_subclass(tmp_path: Path) -> None:
    host = _host(tmp_path)
    write_host(
        host,
        files={
            "plugins/split/types.py": """\
                from typing import Protocol


                class Plugin(Protocol):
                    def run(self) -> None: ...
                """,
            "plugins/split/__init__.py": """\
                from .types import Plugin as Base


                class Impl(Base):
                    def run(self) -> None:
                        pass


                def new() -> Base:
                    return Impl()
                """,
        },
        dedent=True,
    )
    report = run_check(host, select=("PC354",), mypy=False, dynamic=False)
    by_line = {(f.location.path.name, f.location.line): f for f in report.findings}
    assert set(by_line) == {("types.py", 4), ("__init__.py", 4)}
    shadow = by_line[("types.py", 4)]
    # A Protocol copy is info (isinstance against it is structural); its subclass an error.
    assert "is a local copy of idapi.Plugin" in shadow.message
    assert shadow.severity is Severity.INFO
    assert shadow.related[0].location.path.name == "__init__.py"  # the host's Plugin
    assert "own copy of idapi.Plugin" in by_line[("__init__.py", 4)].message


def test_the_api_imported_properly_is_clean(tmp_path: Path) -> None:
    host = _host(tmp_path)
    write_host(
        host,
        files={
            "plugins/proper/__init__.py": """\
                import importlib
                import json
                import sys

                import idapi
                from idapi import Factory, Plugin

                MAKE: Factory


                class Impl(idapi.Plugin):
                    def run(self) -> None:
                        importlib.reload(json)
                        print(sys.path[0])


                def new() -> Plugin:
                    return Impl()
                """,
        },
        dedent=True,
    )
    assert _found(host) == set()


def test_contract_without_api_is_not_checked(tmp_path: Path) -> None:
    host = _host(tmp_path)
    config = host / "pyproject.toml"
    config.write_text(config.read_text().replace('api = "idapi"\n', ""))
    write_host(
        host,
        files={"plugins/loose/__init__.py": "from api.src.idapi import Plugin\n" + IMPL},
        dedent=True,
    )
    assert _found(host) == set()


def test_a_module_merely_named_like_the_api_is_not_a_copy(tmp_path: Path) -> None:
    host = _host(tmp_path)
    config = host / "pyproject.toml"
    config.write_text(config.read_text().replace('"idapi"', '"api"').replace("idapi:", "api:"))
    (host / "api/src/idapi").rename(host / "api/src/api")
    write_host(
        host,
        files={
            # The plugin's own web API module: it shares the name, not the contents.
            "plugins/web/api.py": "def routes() -> list[str]:\n    return []\n",
            "plugins/web/__init__.py": "from api import Plugin\n" + IMPL,
            # A real copy re-exports the API's names.
            "plugins/copycat/_vendor/api/__init__.py": "from .core import Plugin, Factory\n",
            "plugins/copycat/_vendor/api/core.py": API,
            "plugins/copycat/__init__.py": "from api import Plugin\n" + IMPL,
        },
        dedent=True,
    )
    assert _found(host) == {("PC351", "plugins/copycat/_vendor/api/__init__.py", 1)}


def test_relative_import_of_an_own_name_is_not_the_api(tmp_path: Path) -> None:
    host = _host(tmp_path)
    config = host / "pyproject.toml"
    config.write_text(config.read_text().replace('"idapi"', '"api"').replace("idapi:", "api:"))
    (host / "api/src/idapi").rename(host / "api/src/api")
    write_host(
        host,
        files={
            # `api` is a name bound in the package's __init__, not a module: nothing resolves.
            "plugins/inner/__init__.py": "from api import Plugin\n\napi = 'v1'\n" + IMPL,
            "plugins/inner/views.py": "from . import api\n",
            # Climbing out of the plugin to reach a module called `api` is the API again.
            "plugins/outer/__init__.py": "from .. import api\nfrom api import Plugin\n" + IMPL,
        },
        dedent=True,
    )
    assert _found(host) == {("PC352", "plugins/outer/__init__.py", 1)}


def test_an_installed_single_module_plugin_owns_only_its_file(tmp_path: Path) -> None:
    host = _host(tmp_path / "host")
    config = host / "pyproject.toml"
    config.write_text(
        config.read_text().replace('paths = ["plugins/*"]', 'entry-point-group = "id.plugins"')
    )
    site = tmp_path / "site"
    write_host(
        site,
        files={
            "solo.py": "from idapi import Plugin\n" + IMPL,
            "solo-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: solo\nVersion: 1.0\n",
            "solo-1.0.dist-info/entry_points.txt": "[id.plugins]\nsolo = solo\n",
            # Neighbours in site-packages belong to other distributions, not to solo.
            "idapi_compat/idapi/__init__.py": API,
            "other/_ext.cpython-27mu-x86_64-linux-gnu.so": "",
        },
        dedent=True,
    )
    data = cli_json(
        "check", str(host), "--select", "PC3", "--no-mypy", "--no-dynamic",
        env={"PYTHONPATH": str(site)},
    )  # fmt: skip
    assert [p["name"] for p in data["plugins"]] == ["solo"]  # type: ignore[union-attr]
    assert data["findings"] == []
