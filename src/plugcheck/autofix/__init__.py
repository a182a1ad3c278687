"""Fixes for findings (``plugcheck check --fix``): how rules make them (:mod:`.python` with
libcst, :mod:`.pyproject` with tomlkit, both style-preserving) and how they are applied."""

from __future__ import annotations

from collections.abc import Callable

from plugcheck.model import Autofix
from plugcheck.options import strict


def made(make: Callable[[], Autofix | None]) -> Autofix | None:
    """``make()``, or no fix when making it fails: a fix is a bonus, never a reason for the
    check to crash (the test suite's strict mode raises)."""
    try:
        return make()
    except Exception:
        if strict():
            raise
        return None
