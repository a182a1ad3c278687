"""Loads a module whose name the caller passes."""

from __future__ import annotations

import importlib
from types import ModuleType


def load(place: str) -> ModuleType:
    return importlib.import_module(place)
