"""`plugcheck init`'s proposal, unedited, on real hosts whose loader reads names folded from
constants (sqlfluff 4.3.0), groups from an iterated dict (HTTPie 3.2.4), a loader in another
package of the host's family (Hatch), and a method called on what the plugin's factory builds
(Markdown 3.11.3). The host's own load runs first, as the oracle; the venvs are those of the
hosts' ecosystem tests (same pins, same cache)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import test_ecosystem_hatch as hatch
import test_ecosystem_httpie as httpie
import test_ecosystem_markdown as markdown
import test_ecosystem_sqlfluff as sqlfluff
from test_ecosystems import _cached_venv, _site
from test_init_hosts import _check_with, _proposal

pytestmark = pytest.mark.slow


def _by_plugin(data: dict[str, Any], severity: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for f in data["findings"]:
        if f["severity"] == severity:
            found.setdefault(f["plugin"], set()).add(f["code"])
    return found


@pytest.mark.harness
@pytest.mark.xdist_group("ecosystem-sqlfluff")  # the oracle's runs are test_ecosystem_sqlfluff's
def test_sqlfluff_init_proposal(tmp_path: Path) -> None:
    """Project `f"{project_name}-plugin"` (imported), hookspecs a class, the group compared as
    `ep.group != project_name`: the proposal names all three and calls the argument-free hooks,
    which is where both broken releases die in every sqlfluff run."""
    python = _cached_venv("sqlfluff", [sqlfluff.SQLFLUFF, *sqlfluff.PLUGINS], [*sqlfluff.BROKEN])
    for name in sqlfluff.PLUGINS.values():
        assert sqlfluff._sqlfluff_runs(python, name), name
    for name in sqlfluff.BROKEN.values():
        assert not sqlfluff._sqlfluff_runs(python, name), name

    config = _proposal(_site(python), "sqlfluff", tmp_path / "proposal")
    text = config.read_text()
    assert 'project = "sqlfluff-plugin"' in text
    assert 'entry-point-group = "sqlfluff"' in text and "stand-ins = {}" in text
    data = _check_with(python, config)
    names = {p["name"] for p in data["plugins"]}
    assert {*sqlfluff.PLUGINS.values(), *sqlfluff.BROKEN.values()} <= names
    errors = _by_plugin(data, "error")
    assert set(errors) == set(sqlfluff.BROKEN.values()), errors
    for name in sqlfluff.BROKEN.values():
        assert "PC519" in errors[name]
        assert any(
            f["plugin"] == name and "load_config_file" in f["message"] for f in data["findings"]
        )


@pytest.mark.harness
@pytest.mark.xdist_group("ecosystem-httpie")  # the oracle's runs are test_ecosystem_httpie's
def test_httpie_init_proposal(tmp_path: Path) -> None:
    """Four groups, the keys of ENTRY_POINT_CLASSES iterated and passed by keyword to a helper
    in httpie.compat: a contract per group; HTTPie's own failures are found."""
    python = _cached_venv("httpie", [httpie.HTTPIE, *httpie.PLUGINS], [*httpie.BROKEN])
    healthy = {n for names in httpie.PLUGINS.values() for n in names}
    broken = {n: code for causes in httpie.BROKEN.values() for n, code in causes.items()}
    for name in healthy:
        assert httpie._httpie_loads(python, name), name
    for name in broken:
        assert not httpie._httpie_loads(python, name), name

    config = _proposal(_site(python), "httpie", tmp_path / "proposal")
    text = config.read_text()
    for kind in ("auth", "converter", "formatter", "transport"):
        assert f'entry-point-group = "httpie.plugins.{kind}.v1"' in text
    data = _check_with(python, config)
    assert {p["name"] for p in data["plugins"]} == healthy | set(broken)
    errors = _by_plugin(data, "error")
    assert set(errors) == set(broken), errors
    for name, code in broken.items():
        assert code in errors[name], (name, errors[name])


@pytest.mark.harness
@pytest.mark.xdist_group("ecosystem-markdown")  # the oracle's runs are test_ecosystem_markdown's
def test_markdown_init_proposal(tmp_path: Path) -> None:
    """`return module.makeExtension(**configs)` in build_extension; its caller checks
    isinstance(ext, Extension) and calls ext.extendMarkdown(self): a lifecycle whose call has a
    fresh Markdown() standing in, so extensions written for Markdown 2's
    extendMarkdown(md, md_globals) are found as well as the removed imports."""
    python = _cached_venv(
        "ecosystem-markdown", [*markdown.HOST, *markdown.EXTENSIONS], markdown.BROKEN
    )
    healthy = [*markdown.EXTENSIONS.values(), *markdown.BUILT_IN]
    broken = [*markdown.FAILS_ON_IMPORT, *markdown.FAILS_ON_EXTEND]
    for module in healthy:
        assert markdown._host_loads(python, module)[0], module
    for module in broken:
        assert not markdown._host_loads(python, module)[0], module

    site = _site(python)
    config = _proposal(site, "markdown", tmp_path / "proposal")
    text = config.read_text()
    assert 'protocol = "markdown.extensions:Extension"' in text
    assert '{ method = "extendMarkdown", stand-ins = ["markdown.core:Markdown"] }' in text
    data = _check_with(python, config, *(markdown._path(site, m) for m in [*healthy, *broken]))
    errors = _by_plugin(data, "error")
    assert not set(errors) & set(markdown.EXTENSIONS.values()), errors
    by_module = {p["name"]: p["module"] for p in data["plugins"]}
    assert {by_module[n] for n in errors} == set(broken), errors
    for name, codes in errors.items():
        if by_module[name] in markdown.FAILS_ON_EXTEND:
            assert codes & {"PC204", "PC541"}, (name, codes)
        else:
            assert "PC530" in codes, (name, codes)


@pytest.mark.harness
@pytest.mark.xdist_group("ecosystem-hatch")  # the oracle's runs are test_ecosystem_hatch's
def test_hatch_init_proposal(tmp_path: Path) -> None:
    """Hatch's own code creates no pluggy manager and loads no group: its PluginManager
    subclasses hatchling's, which does both; the proposal reads them there, with both packages'
    hookspecs, and finds nothing on a healthy fleet."""
    python = _cached_venv("hatch", [*hatch.HATCH, *hatch.PLUGINS], [])
    for name in hatch.PLUGINS.values():
        assert hatch._hatch_loads(python, name), name
    config = _proposal(_site(python), "hatch", tmp_path / "proposal")
    text = config.read_text()
    assert 'project = "hatch"  # read in hatchling' in text
    assert '"hatchling.plugin.specs"' in text and '"hatch.plugin.specs"' in text
    data = _check_with(python, config)
    assert set(hatch.PLUGINS.values()) <= {p["name"] for p in data["plugins"]}
    assert [f for f in data["findings"] if f["severity"] != "info"] == []
