"""How a PC5xx pass splits a contract's plugins over its workers (``rules/_ecosystem``): plugins
of one package on one path share a worker (each still runs in a child of its own), and two
modules of one name from two places never do."""

from __future__ import annotations

from pathlib import Path

from plugcheck.model import Origin, Plugin
from plugcheck.rules._ecosystem import _batches


def _plugin(name: str, module: str, root: Path | None) -> Plugin:
    where = root or Path("/nowhere")
    return Plugin(
        name=name,
        contract="c",
        origin=Origin.ENTRY_POINT,
        root=where,
        module=module,
        module_path=where / (module.replace(".", "/") + ".py"),
        import_root=root,
    )


def _names(batches: list[list[Plugin]]) -> list[list[str]]:
    return [[p.name for p in batch] for batch in batches]


def test_plugins_of_one_package_share_a_worker(tmp_path: Path) -> None:
    site = tmp_path / "site"
    plugins = [
        _plugin("cfradial1", "xradar.io.backends.cfradial1", site),
        _plugin("furuno", "xradar.io.backends.furuno", site),
        _plugin("cfgrib", "cfgrib.xarray_plugin", site),
    ]
    assert _names(_batches(plugins)) == [["cfradial1", "furuno", "cfgrib"]]


def test_one_module_name_from_two_places_needs_a_worker_each(tmp_path: Path) -> None:
    plugins = [
        _plugin("one", "main", tmp_path / "one"),
        _plugin("two", "main", tmp_path / "two"),
        _plugin("three", "main", tmp_path / "one"),
    ]
    assert _names(_batches(plugins)) == [["one", "three"], ["two"]]


def test_a_name_twice_or_an_unknown_place_needs_a_worker_each(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert _names(_batches([_plugin("x", "a.one", site), _plugin("x", "a.two", site)])) == [
        ["x"],
        ["x"],
    ]
    unplaced = [_plugin("p", "beetsplug.p", None), _plugin("q", "beetsplug.q", None)]
    assert _names(_batches(unplaced)) == [["p"], ["q"]]
