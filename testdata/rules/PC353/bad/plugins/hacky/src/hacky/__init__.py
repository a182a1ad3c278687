"""Reaches for the API by path, behind the host's back."""

from __future__ import annotations

import importlib.util as ilu
import sys
from collections.abc import Mapping
from importlib import reload as again
from pathlib import Path
from sys import path as search_path

import pinapi as api
from pinapi import Plugin

# At import: PC353 alone, not also PC110 (one failure, a second module object, one finding).
sys.modules["pinapi.compat"] = api  # expect: PC353
search_path.insert(0, "/opt/vendor")  # expect: PC353


def _extend() -> None:
    sys.path.insert(0, str(Path(__file__).parent))  # expect: PC353
    search_path.append("/opt/plugins")  # expect: PC353


def _rebuild() -> None:
    paths = []
    for p in sys.path:
        paths.append(p)
    paths.append("/opt/plugins")
    sys.path[:] = paths  # expect: PC353
    sys.path[:] = [p + "/vendor" for p in sys.path]  # expect: PC353


def _snapshot_grown() -> None:
    saved = sys.path.copy()
    saved.append("/opt/plugins")  # a snapshot with a directory added is no snapshot
    sys.path = saved  # expect: PC353


def _load_copy() -> object:
    return ilu.spec_from_file_location("pinapi", "/opt/host/api/src/pinapi/__init__.py")  # expect: PC353


def _refresh() -> None:
    again(api)  # expect: PC353
    sys.modules["pinapi"] = api  # expect: PC353


class Hacky:
    def __init__(self) -> None:
        self.config: dict[str, str] = {}

    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        self.config.setdefault("ran", "yes")

    def shutdown(self, timeout: float) -> None:
        self.config.clear()


def new() -> Plugin:
    return Hacky()
