"""Loads its own data file by path and reloads a stdlib module: not the API."""

from __future__ import annotations

import importlib
import importlib.util
import json
import sys
from collections.abc import Mapping
from pathlib import Path

from pinapi import Plugin


def _load_data() -> object:
    return importlib.util.spec_from_file_location("tidy_data", Path(__file__).parent / "data.py")


def _load_scorer(path: Path) -> object:
    """A user's scorer file, loaded by the import system's recipe under a name of its own."""
    name = "careful_scorer_" + str(abs(hash(str(path))))
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _refresh() -> None:
    importlib.reload(json)
    assert sys.modules.get("json") is json
    path: list[str] = []
    path.append("x")


def _prune_path() -> None:
    """Drops empty entries and spells relative ones as absolute paths (pytest-xdist's
    looponfail worker): no directory is added to sys.path."""
    import os

    newpaths = []
    for p in sys.path:
        if p:
            if not os.path.isabs(p):
                p = os.path.abspath(p)
            newpaths.append(p)
    sys.path[:] = newpaths
    sys.path[:] = [os.path.normpath(p) for p in sys.path if p]


def _around_a_run() -> None:
    """Saves sys.path and puts it back around a call that may change it (pylint-pytest around
    pytest.main): only directories sys.path had come back."""
    saved = sys.path.copy()
    also = list(sys.path)
    whole = sys.path[:]
    sys.path = saved
    sys.path = also
    sys.path[:] = whole


class Careful:
    def __init__(self) -> None:
        self.config: dict[str, str] = {}

    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        self.config.setdefault("ran", "yes")

    def shutdown(self, timeout: float) -> None:
        self.config.clear()


def new() -> Plugin:
    return Careful()
