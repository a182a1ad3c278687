"""A fleet-sized run keeps little per plugin: each file is parsed once, its tree not kept."""

from __future__ import annotations

import ast
import gc
import shutil
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from plugcheck import Options, Report, check
from plugcheck.static import index as index_module
from plugcheck.static.parse import ModuleInfo, parse_source

from conftest import ROOT, TESTDATA, expectations, observed, run_check

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter[Path]:
    """Every file the run's index parses, counted."""
    counted: Counter[Path] = Counter()
    real = index_module.parse_file

    def counting(path: Path, *rest: Any) -> object:
        counted[path.resolve()] += 1
        return real(path, *rest)

    monkeypatch.setattr(index_module, "parse_file", counting)
    return counted


@pytest.fixture
def infos(monkeypatch: pytest.MonkeyPatch) -> list[ModuleInfo]:
    """Every module the run's index hands out, as it hands it out."""
    kept: list[ModuleInfo] = []
    real_info = index_module.ModuleIndex.info

    def spying(self: index_module.ModuleIndex, path: Path) -> ModuleInfo | None:
        found = real_info(self, path)
        if found is not None:
            kept.append(found)
        return found

    monkeypatch.setattr(index_module.ModuleIndex, "info", spying)
    return kept


def _plugin_infos(host: Path, infos: list[ModuleInfo]) -> list[ModuleInfo]:
    plugin_files = {p.resolve() for p in (host / "plugins").rglob("*.py")}
    return [i for i in infos if i.path.resolve() in plugin_files]


@pytest.mark.harness
def test_static_pass_parses_each_file_once_and_keeps_no_tree(
    tmp_path: Path, parses: Counter[Path], infos: list[ModuleInfo]
) -> None:
    host = generate(30, tmp_path / "host")
    report = check(Options(paths=(host,), mypy=False, dynamic=False))
    plugin_files = {p.resolve() for p in (host / "plugins").rglob("*.py")}
    assert plugin_files <= set(parses)
    assert max(parses.values()) == 1
    assert {f.code for f in report.findings} >= {"PC101", "PC110"}
    plugin_infos = _plugin_infos(host, infos)
    assert plugin_infos
    assert all(i._tree is None and i.reparsed == 0 for i in plugin_infos)


@pytest.mark.harness  # mypy's build runs in a forked child
def test_the_mypy_pass_keeps_no_plugin_tree(tmp_path: Path, infos: list[ModuleInfo]) -> None:
    """The mypy pass reads some plugin modules again (which class a factory returns, whether a
    judged class is an ABC's virtual subclass): what it parses again it drops again. Before,
    its judging kept every plugin's tree to the end of the pass (10k plugins: 1.55 GiB)."""
    host = generate(8, tmp_path / "host")
    check(Options(paths=(host,), dynamic=False, cache=False))
    plugin_infos = _plugin_infos(host, infos)
    assert any(i.reparsed for i in plugin_infos)  # read again after the static pass
    assert all(i._tree is None for i in plugin_infos)


@pytest.mark.harness
def test_the_harness_pass_parses_no_plugin_again(tmp_path: Path, infos: list[ModuleInfo]) -> None:
    """PC429's census reads which host dicts the plugins fill from what the static pass
    gathered with each plugin's checks. Before, the harness pass parsed every plugin again
    for it (about 0.7 ms a plugin in a full check)."""
    host = generate(8, tmp_path / "host")
    check(Options(paths=(host,), mypy=False, cache=False))
    plugin_infos = _plugin_infos(host, infos)
    assert plugin_infos
    assert all(i.reparsed == 0 for i in plugin_infos)


@pytest.mark.harness
def test_a_harness_only_run_reads_what_the_static_pass_gathered_from_valid_cache_entries(
    tmp_path: Path, parses: Counter[Path]
) -> None:
    """``plugcheck harness`` after ``plugcheck check``: PC429's reading of the host dicts each
    plugin fills comes from the plugin's result-cache entry while it is valid (before, every
    plugin was parsed again for it: about 2 ms a plugin); an edited plugin's entry is stale,
    and that plugin alone is read again. The same findings, where they were, either way."""
    case = Path(shutil.copytree(TESTDATA / "rules" / "PC429" / "bad", tmp_path / "case"))
    cache = tmp_path / "cache"
    run_check(case, mypy=False, dynamic=False, cache_dir=cache)
    plugins = {p.resolve() for p in (case / "plugins").glob("*.py")}

    def harness_only() -> set[Path]:
        parses.clear()
        report = run_check(case, mypy=False, static=False, cache_dir=cache)
        assert observed(report, case) == expectations(case)
        return plugins & set(parses)

    assert harness_only() == set()
    edited = case / "plugins" / "md_a.py"
    edited.write_text(edited.read_text() + "# edited after the static run\n")
    assert harness_only() == {edited.resolve()}


def test_a_released_tree_comes_back_the_same(tmp_path: Path) -> None:
    source = b"# coding: latin-1\nimport os\n\ndef f(x: int = 1) -> str:\n    return '\xe9'\n"
    info = parse_source(tmp_path / "m.py", source, (3, 11))
    assert isinstance(info, ModuleInfo)
    before = ast.dump(info.tree, include_attributes=True)
    info.release()
    assert ast.dump(info.tree, include_attributes=True) == before
    assert info.reparsed == 1


@pytest.mark.harness  # the static pass forks worker processes
def test_static_jobs_give_the_same_report_in_the_same_order(tmp_path: Path) -> None:
    """``--jobs 3`` splits the static pass's plugins over forked workers: the same findings
    in the same order, the same notes and counts, and the result cache filled as by one."""
    host = generate(24, tmp_path / "host")

    def run(jobs: int, cache: Path | None = None) -> Report:
        return check(
            Options(
                paths=(host,),
                mypy=False,
                dynamic=False,
                jobs=jobs,
                cache=cache is not None,
                cache_dir=cache,
            )
        )

    one, three = run(1, tmp_path / "one"), run(3, tmp_path / "three")
    assert three.findings == one.findings
    assert {f.code for f in one.findings} >= {"PC101", "PC110"}
    assert (three.notes, three.crashes, three.counts) == (one.notes, one.crashes, one.counts)
    warm = run(3, tmp_path / "three")
    assert warm.findings == one.findings
    assert warm.counts["plugins judged from the static result cache"] == len(one.plugins)


@pytest.mark.harness  # the target interpreter answers a query
def test_nothing_of_a_run_outlives_check(tmp_path: Path) -> None:
    """A long-lived process (the Python API, a pytest-xdist worker) calls ``check()`` again and
    again: the run's module index and its syntax trees are freed as the call returns, by
    reference counting alone (the collector paused here). A per-run memo in a module-level
    mapping keyed by the index, whose values referred back to it, kept every run's index and
    trees (1,044 calls reached 1.9 GB); a memo left in a cycle with the index left them all to
    the cyclic collector, which the process grew ahead of (127 MiB after 40 calls, not 42)."""
    host = generate(4, tmp_path / "host")

    def live() -> tuple[set[int], int]:
        objects = gc.get_objects()  # unreachable cycles too, while the collector is paused
        indexes = {id(o) for o in objects if isinstance(o, index_module.ModuleIndex)}
        return indexes, sum(isinstance(o, ast.Module) for o in objects)

    gc.collect()
    gc.disable()
    try:
        before = live()
        report = check(Options(paths=(host,), mypy=False, dynamic=False, cache=False, jobs=1))
        after = live()
    finally:
        gc.enable()
    assert report.counts["plugins checked by the static pass"] == 4
    assert after == before
