"""Checking a tree leaves it as it was: the harness preloads the host package from the user's
checkout and runs its plugins, and neither writes ``__pycache__`` (or anything else) into it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import TESTDATA, run_check

pytestmark = pytest.mark.harness


def _tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.parametrize("confined", [True, False], ids=["confined", "no-confinement"])
def test_a_full_check_writes_nothing_into_the_checked_tree(tmp_path: Path, confined: bool) -> None:
    root = tmp_path / "host"
    shutil.copytree(TESTDATA / "rules" / "PC517" / "bad", root)
    before = _tree(root)

    report = run_check(root, confine=confined, mypy=False)

    assert report.findings, "the case's plugin was not run"
    assert _tree(root) == before
