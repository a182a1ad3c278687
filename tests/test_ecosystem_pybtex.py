"""Proof on a real untyped host whose entry points name classes: pybtex 0.26 (issue 20).

pybtex ships no py.typed. Its plugin groups (`pybtex.style.formatting`, `.labels`, `.names`,
`pybtex.database.input`, `pybtex.backends`) name classes; `pybtex.plugin.find_plugin(group,
name)` loads one with `ep.load()`, pybtex builds it with no arguments and calls one method on it
(examples/contracts/pybtex.toml). The oracle is pybtex itself: find_plugin, build, and the call
pybtex makes (a bibliography formatted, labels iterated, a name formatted, a backend rendering),
plus `pip check`, the installer's own verdict. pybtex-author-year-label 1.0.0 pins
`pybtex>=0.22.2,<0.23.0`: pip refuses it next to pybtex 0.26 (installed here without its
dependencies), which plugcheck names as PC302 for both its entry points.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from test_ecosystems import CONTRACTS, _cached_venv, _run, _site
from test_init_hosts import _check_with

from conftest import run_cli

pytestmark = pytest.mark.slow

HOST = ["pybtex==0.26.1", "docutils==0.23.1"]
PLUGINS = [
    "pybtex-apa7-style==0.1.5",
    "pybtexris==0.2.0",
    "pybtexnbib==0.2.0",
    "pybtex-docutils==1.0.3",
]
BROKEN = ["pybtex-author-year-label==1.0.0"]

_ORACLE = """
import json
from importlib.metadata import entry_points
from pybtex.database import Person, parse_string
from pybtex.plugin import find_plugin

BIB = '''@article{k84, author = {Donald E. Knuth}, title = {Literate Programming},
journal = {The Computer Journal}, year = {1984}, volume = {27}, pages = {97--111}}'''
verdicts = {}
for group in ["pybtex.backends", "pybtex.style.formatting", "pybtex.style.labels",
              "pybtex.style.names", "pybtex.database.input"]:
    for ep in entry_points(group=group):
        if ep.dist is not None and ep.dist.name == "pybtex":
            continue
        try:
            obj = find_plugin(group, ep.name)()
            data = parse_string(BIB, "bibtex")
            if group == "pybtex.backends":
                style = find_plugin("pybtex.style.formatting", "plain")()
                for entry in style.format_bibliography(data).entries:
                    entry.text.render(obj)
            elif group == "pybtex.style.formatting":
                list(obj.format_bibliography(data).entries)
            elif group == "pybtex.style.labels":
                list(obj.format_labels(list(data.entries.values())))
            elif group == "pybtex.style.names":
                obj.format(Person("Knuth, Donald E."), True).format().render_as("text")
            verdict = "ok"
        except Exception as exc:
            verdict = f"{type(exc).__name__}: {exc}"
        verdicts[f"{group}:{ep.name}"] = [ep.dist.name if ep.dist else None, verdict]
print(json.dumps(verdicts))
"""


@pytest.fixture(scope="module")
def python() -> Path:
    return _cached_venv("ecosystem-pybtex", [*HOST, *PLUGINS], BROKEN)


def _by_distribution(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Findings (info left out) by the distribution of the plugin they are about."""
    owner = {(p["contract"], p["name"]): p["distribution"] for p in data["plugins"]}
    found: dict[str, list[dict[str, Any]]] = {}
    for f in data["findings"]:
        if f["severity"] != "info":
            found.setdefault(owner[(f["contract"], f["plugin"])], []).append(f)
    return found


@pytest.mark.harness
def test_pybtex_plugins(python: Path) -> None:
    proc = _run(python, "-c", _ORACLE)
    assert proc.returncode == 0, proc.stderr
    verdicts = json.loads(proc.stdout)
    # pybtex loads, builds and uses every plugin installed here (including the refused one).
    assert {dist for dist, _ in verdicts.values()} == {
        "pybtex-apa7-style",
        "pybtexris",
        "pybtexnbib",
        "pybtex-docutils",
        "pybtex-author-year-label",
    }
    assert all(verdict == "ok" for _, verdict in verdicts.values()), verdicts
    check = _run(python, "-m", "pip", "check")
    assert (
        "pybtex-author-year-label 1.0.0 has requirement pybtex<0.23.0,>=0.22.2, but you have "
        "pybtex 0.26.1" in check.stdout
    )
    assert "pybtex-apa7-style" not in check.stdout and "pybtexris" not in check.stdout

    data = _check_with(python, CONTRACTS / "pybtex.toml")
    assert {p["distribution"] for p in data["plugins"]} >= {d for d, _ in verdicts.values()}
    found = _by_distribution(data)
    refused = found.pop("pybtex-author-year-label")
    assert sorted((f["code"], f["plugin"]) for f in refused) == [
        ("PC302", "author_year_1"),
        ("PC302", "author_year_2"),
    ]
    assert "excludes pybtex 0.26.1" in refused[0]["message"]
    # No error nor warning on a plugin pybtex loads (pybtex's own plugins are the host's code:
    # its yaml parser registers YAML constructors at import, PC110).
    assert {d: [f["code"] for f in fs] for d, fs in found.items() if d != "pybtex"} == {}


@pytest.mark.harness
def test_pybtex_init_proposal(python: Path, tmp_path: Path) -> None:
    """`plugcheck init` on pybtex, unedited: a contract for each group its callers pass to
    find_plugin (through the helper's loop over [group, group + ".aliases"]), pybtex's own
    distribution as the one plugins declare; the refused plugin found, nothing on the others."""
    proc = run_cli("init", str(_site(python) / "pybtex"))
    assert proc.returncode == 0, proc.stderr
    for group in ("backends", "database.input", "style.formatting", "style.labels"):
        assert f'entry-point-group = "pybtex.{group}"' in proc.stdout
    proposal = tmp_path / "pyproject.toml"
    proposal.write_text(proc.stdout)
    found = _by_distribution(_check_with(python, proposal))
    refused = found.pop("pybtex-author-year-label")
    assert sorted((f["code"], f["plugin"]) for f in refused) == [
        ("PC302", "author_year_1"),
        ("PC302", "author_year_2"),
    ]
    assert {d: [f["code"] for f in fs] for d, fs in found.items() if d != "pybtex"} == {}


# six: pybtex-apa-style 1.3's apa.py imports it without declaring it. The installer decides which
# distribution's files land last, so the oracle must be able to import either winner.
CLASH = ["pybtex==0.26.1", "pybtex-apa-style==1.3", "pybtex-apa7-style==0.1.5", "six"]
"""Two styles that both install the top-level packages formatting/, labels/ and names/."""


@pytest.mark.harness
def test_two_distributions_sharing_a_top_level_package() -> None:
    """pybtex-apa-style 1.3 and pybtex-apa7-style 0.1.5 both install formatting/apa.py and
    labels/apa.py (names/firstlast.py too, identical): the one installed last wins, and pybtex
    then loads the winner's class for both entry points (the oracle: find_plugin returns the same
    class for apa and apa7). PC355: an error on the loser's entry point of each group, naming
    both distributions; a warning on the winner's; nothing for the identical names/ files."""
    python = _cached_venv("ecosystem-pybtex-clash", CLASH, [])
    oracle = (
        "from pybtex.plugin import find_plugin as f\n"
        "print(all(f(g, 'apa') is f(g, 'apa7') for g in "
        "('pybtex.style.formatting', 'pybtex.style.labels')))"
    )
    proc = _run(python, "-c", oracle)
    assert proc.returncode == 0 and proc.stdout.strip() == "True", proc.stderr
    data = _check_with(python, CONTRACTS / "pybtex.toml")
    found = {
        (f["contract"], f["plugin"], f["code"], f["severity"])
        for f in data["findings"]
        if f["severity"] != "info"
    }
    for contract in ("pybtex-formatting", "pybtex-labels"):
        mine = {(p, s) for c, p, code, s in found if c == contract and code == "PC355"}
        assert mine in (
            {("apa", "error"), ("apa7", "warning")},
            {("apa7", "error"), ("apa", "warning")},
        ), found
    assert {code for _, _, code, _ in found} == {"PC355"}, found
    errors = [f["message"] for f in data["findings"] if f["severity"] == "error"]
    assert all("pybtex-apa-style 1.3" in m and "pybtex-apa7-style 0.1.5" in m for m in errors)
