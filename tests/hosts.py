"""The one host builder of the tests (``write_host``) and the copy of a testdata host
(``copy_host``). Free of side effects, unlike conftest (which sets the test run's environment),
so the helpers that benches and scripts import (impact_host, differential) use it too; tests
import both from conftest."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Mapping
from pathlib import Path


def copy_host(source: Path, where: Path) -> Path:
    """A copy of the host ``source`` (a testdata tree) at ``where``, without bytecode or caches."""
    shutil.copytree(source, where, ignore=shutil.ignore_patterns("__pycache__", ".plugcheck_cache"))
    return where


def write_host(
    root: Path,
    api: Mapping[str, str] | None = None,
    plugins: Mapping[str, str] | None = None,
    pyproject: str | None = None,
    *,
    files: Mapping[str, str | bytes] | None = None,
    dedent: bool = False,
) -> Path:
    """The one host builder: a host under ``root`` (made if missing) with API packages (name ->
    ``__init__.py`` source) on the search path ``api/``, one ``plugins/<name>.py`` per plugin
    (``plugins/`` is made when ``plugins`` is given, even empty), its ``pyproject.toml``, and any
    other ``files`` (path under ``root`` -> text, or bytes written as they are; folders made).
    ``dedent``: texts go through ``textwrap.dedent`` first (sources written indented in triple
    quotes). Texts are written as UTF-8."""
    texts: dict[str, str | bytes] = {
        f"api/{name}/__init__.py": src for name, src in (api or {}).items()
    }
    texts.update({f"plugins/{name}.py": src for name, src in (plugins or {}).items()})
    if pyproject is not None:
        texts["pyproject.toml"] = pyproject
    texts.update(files or {})
    root.mkdir(parents=True, exist_ok=True)
    if plugins is not None:
        (root / "plugins").mkdir(exist_ok=True)
    for name, content in texts.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if dedent else content, encoding="utf-8")
    return root
