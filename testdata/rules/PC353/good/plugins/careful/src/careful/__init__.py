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


def _refresh() -> None:
    importlib.reload(json)
    assert sys.modules.get("json") is json
    path: list[str] = []
    path.append("x")


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
