"""Proof on a real untyped host: Python-Markdown (no py.typed) and its extensions from PyPI.

Markdown loads an extension by importing its module and calling ``makeExtension(**config)``;
the result must be an ``Extension``, and Markdown then calls ``ext.extendMarkdown(md)``. The host
itself is the oracle: each extension is loaded with ``markdown.markdown(text, extensions=[m])``
first. pymdown-extensions 4.12 (written for Markdown 2.6) breaks on Markdown 3.11 in two ways:
two modules import what Markdown removed (the submodule ``markdown.odict``, the name
``markdown.util.etree``), the others define ``extendMarkdown(self, md, md_globals)``, which
Markdown 3 calls with ``md`` alone.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from test_ecosystems import _cached_venv, _check, _errors, _run, _site

# Both tests read one check of the venv (the module's `checked`), in one worker; the host's own
# load of each module runs once there, test_init_hosts_shapes's proposal test included.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("ecosystem-markdown")]

HOST = ["markdown==3.11.3"]
EXTENSIONS = {  # distribution pin -> the module Markdown's `extensions=[...]` names
    "markdown-callouts==0.4.0": "markdown_callouts",
    "markdown-include==0.8.1": "markdown_include.include",
    "mdx-truly-sane-lists==1.3": "mdx_truly_sane_lists",
    "mdx-include==1.4.2": "mdx_include",
}
BUILT_IN = [  # Markdown's own extensions load the same way
    "markdown.extensions.toc",
    "markdown.extensions.tables",
    "markdown.extensions.admonition",
    "markdown.extensions.footnotes",
]
BROKEN = ["pymdown-extensions==4.12"]
FAILS_ON_IMPORT = {  # module -> (code, line, what the host's own import error names)
    "pymdownx.smartsymbols": ("PC530", 44, "No module named 'markdown.odict'"),
    "pymdownx.details": ("PC530", 28, "cannot import name 'etree' from 'markdown.util'"),
}
FAILS_ON_EXTEND = ["pymdownx.betterem", "pymdownx.caret", "pymdownx.keys", "pymdownx.superfences"]


@pytest.fixture(scope="module")
def venv() -> Path:
    return _cached_venv("ecosystem-markdown", [*HOST, *EXTENSIONS], BROKEN)


@functools.cache
def _host_loads(python: Path, module: str) -> tuple[bool, str]:
    proc = _run(python, "-c", f"import markdown; markdown.markdown('# x', extensions=[{module!r}])")
    return proc.returncode == 0, proc.stderr


def _path(site: Path, module: str) -> Path:
    base = site.joinpath(*module.split("."))
    return base if base.is_dir() else base.with_suffix(".py")


@pytest.fixture(scope="module")
def checked(venv: Path) -> dict[str, object]:
    """The shipped contract's check of every module the tests judge, run once."""
    site = _site(venv)
    modules = [*EXTENSIONS.values(), *BUILT_IN, *FAILS_ON_IMPORT, *FAILS_ON_EXTEND]
    return _check(venv, "markdown_modules.toml", *(_path(site, m) for m in modules))


@pytest.mark.harness
def test_markdown_extensions(venv: Path, checked: dict[str, object]) -> None:
    for module in [*EXTENSIONS.values(), *BUILT_IN]:
        loaded, error = _host_loads(venv, module)
        assert loaded, f"Markdown itself fails to load {module}: {error}"
    for module, (_, _, error) in FAILS_ON_IMPORT.items():
        loaded, stderr = _host_loads(venv, module)
        assert not loaded and error in stderr, stderr
    for module in FAILS_ON_EXTEND:
        loaded, stderr = _host_loads(venv, module)
        assert not loaded and "md_globals" in stderr, stderr

    data = checked
    assert not [f for f in data["findings"] if f["code"] == "PC534"]  # type: ignore[index]
    assert _errors(data, {*EXTENSIONS.values(), *BUILT_IN}) == []  # type: ignore[arg-type]
    # The one warning on a healthy extension: mdx_include configures the root logger on import
    # (examples/contracts/markdown_modules.toml says why it is kept).
    warned = {
        (f["plugin"], f["code"], f["line"])
        for f in data["findings"]  # type: ignore[attr-defined]
        if f["severity"] == "warning" and f["plugin"] in {*EXTENSIONS.values(), *BUILT_IN}
    }
    assert warned == {("mdx_include", "PC110", 44)}, warned
    for module, (code, line, _) in FAILS_ON_IMPORT.items():
        found = _errors(data, {module})  # type: ignore[arg-type]
        assert [(f["code"], f["line"]) for f in found if f["code"] == code] == [(code, line)]
        assert {f["code"] for f in found} <= {code, "PC204"}, found


@pytest.mark.harness
def test_markdown_extend_markdown_arity(checked: dict[str, object]) -> None:
    data = checked
    for module in FAILS_ON_EXTEND:
        codes = {f["code"] for f in _errors(data, {module})}  # type: ignore[arg-type]
        assert codes & {"PC204", "PC541"}, module
