"""Proof on a real host of the namespace-package shape: mkdocstrings 1.0 handlers (issue 20).

mkdocstrings has no entry-point group: for a handler named in mkdocs.yml it imports
`mkdocstrings_handlers.<name>` (a namespace package every handler distribution installs into)
and calls the module's `get_handler(theme=..., custom_templates=..., mdx=..., mdx_config=...,
handler_config=..., tool_config=...)`, which must return a `mkdocstrings.BaseHandler`
(examples/contracts/mkdocstrings.toml). mkdocstrings' own `Handlers.get_handler(name)` is the
oracle. Three real releases break on mkdocstrings 1.0: mkdocstrings-vba 0.0.10 and
mkdocstrings-typescript 0.0.1 import `mkdocstrings.handlers.base`, a submodule mkdocstrings 1.0
removed (PC530, module form), and mkdocstrings-github 0.9.0 imports pydantic, which it does not
declare (PC309). mkdocstrings-crystal's get_handler runs the `crystal` compiler, not installed
here: it fails for mkdocstrings and plugcheck alike, naming the missing program.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_ecosystems import CONTRACTS, _cached_venv, _errors, _run, _site
from test_init_hosts import _check_with

from conftest import run_cli

pytestmark = pytest.mark.slow

HOST = ["mkdocstrings==1.0.8"]
HANDLERS = [
    "mkdocstrings-python==2.0.11",
    "mkdocstrings-shell==1.0.5",
    "mkdocstrings-c==0.1.1",
    "mkdocstrings-crystal==0.3.9",
    "mkdocstrings-github==0.9.0",
    "mkdocstrings-sh==0.1.0",
]
BROKEN = ["mkdocstrings-vba==0.0.10", "mkdocstrings-typescript==0.0.1"]

_ORACLE = """
import json, os, pkgutil, tempfile
import mkdocstrings_handlers
from mkdocs.config import load_config
from mkdocstrings import BaseHandler, Handlers
site = tempfile.mkdtemp()
os.mkdir(os.path.join(site, "docs"))
with open(os.path.join(site, "mkdocs.yml"), "w") as file:
    file.write("site_name: x\\n")
config = load_config(os.path.join(site, "mkdocs.yml"))
verdicts = {}
for info in sorted(pkgutil.iter_modules(mkdocstrings_handlers.__path__)):
    handlers = Handlers(theme="material", default="python", inventory_project="x",
                        tool_config=config)
    try:
        handler = handlers.get_handler(info.name)
        verdicts[info.name] = "ok" if isinstance(handler, BaseHandler) else repr(handler)
    except Exception as exc:
        verdicts[info.name] = f"{type(exc).__name__}: {exc}"
print(json.dumps(verdicts))
"""


@pytest.fixture(scope="module")
def python() -> Path:
    return _cached_venv("ecosystem-mkdocstrings", [*HOST, *HANDLERS], BROKEN)


def _check(python: Path, config: Path) -> dict[str, Any]:
    handlers = sorted(p for p in (_site(python) / "mkdocstrings_handlers").iterdir() if p.is_dir())
    return _check_with(python, config, *handlers)


@pytest.mark.harness
def test_mkdocstrings_handlers(python: Path, tmp_path: Path) -> None:
    proc = _run(python, "-c", _ORACLE)
    assert proc.returncode == 0, proc.stderr
    verdicts = json.loads(proc.stdout)
    healthy = {name for name, verdict in verdicts.items() if verdict == "ok"}
    assert healthy == {"c", "python", "sh", "shell"}, verdicts
    assert "No module named 'mkdocstrings.handlers'" in verdicts["vba"]
    assert "No module named 'mkdocstrings.handlers'" in verdicts["typescript"]
    assert verdicts["github"] == "ModuleNotFoundError: No module named 'pydantic'"
    assert "No such file or directory: 'crystal'" in verdicts["crystal"]

    data = _check(python, CONTRACTS / "mkdocstrings.toml")
    assert {p["name"] for p in data["plugins"]} == set(verdicts)
    noise = [f for f in data["findings"] if f["plugin"] in healthy and f["severity"] != "info"]
    assert noise == []
    for name in ("vba", "typescript"):
        found = _errors(data, {name})
        # PC302 as well: the installed distribution's own requirements exclude mkdocstrings 1.0
        # (a plugin given by path in site-packages is judged by them since hosts23).
        assert found and {f["code"] for f in found} <= {"PC530", "PC302"}, found
        missing = [f["message"] for f in found if f["code"] == "PC530"]
        assert any("mkdocstrings has no 'handlers'" in m for m in missing), found
    (github,) = _errors(data, {"github"})
    assert github["code"] == "PC309" and "pydantic is not installed" in github["message"]
    (crystal,) = _errors(data, {"crystal"})
    assert crystal["code"] == "PC532" and "'crystal'" in crystal["message"]

    # `plugcheck init` on mkdocstrings, unedited: the handlers are imported under the namespace
    # package, no error on a healthy handler, and the three breaks found by their causes (it
    # proposes no get_handler call: crystal's missing compiler is not met).
    proc = run_cli("init", str(_site(python) / "mkdocstrings"))
    assert proc.returncode == 0, proc.stderr
    assert 'namespace = "mkdocstrings_handlers"' in proc.stdout
    proposal = tmp_path / "proposal" / "pyproject.toml"
    proposal.parent.mkdir()
    proposal.write_text(proc.stdout)
    data = _check(python, proposal)
    assert _errors(data, healthy | {"crystal"}) == []
    assert "PC530" in {f["code"] for f in _errors(data, {"vba", "typescript"})}
    assert [f["code"] for f in _errors(data, {"github"})] == ["PC309"]
