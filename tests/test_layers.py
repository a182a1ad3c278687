"""Imports go one way: data <- config <- discovery <- static <- rules <- engine <- report <- cli."""

from __future__ import annotations

import ast

import pytest

from conftest import ROOT

SRC = ROOT / "src" / "plugcheck"
LAYERS = [
    {"model", "options", "_query", "untrusted"},
    {"config", "environment"},
    {"discovery"},
    {"static", "harness"},
    {"rules", "passes"},
    {"kinds"},
    {"engine", "suppress", "shard"},
    {"report", "ruledocs"},
    {"cli", "pytest_plugin", "progress", "scaffold"},
]
RANK = {name: i for i, layer in enumerate(LAYERS) for name in layer}


def _layer(module: str) -> int | None:
    parts = module.split(".")
    if parts[0] != "plugcheck" or len(parts) < 2:
        return None
    return RANK.get(parts[1])


@pytest.mark.parametrize("path", sorted(SRC.rglob("*.py")), ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path: object) -> None:
    from pathlib import Path

    assert isinstance(path, Path)
    rel = path.relative_to(SRC).with_suffix("")
    own = _layer("plugcheck." + ".".join(rel.parts))
    if own is None:
        return
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            target = _layer(node.module)
            assert target is None or target <= own, (
                f"{rel} (layer {own}) imports {node.module} (layer {target})"
            )
