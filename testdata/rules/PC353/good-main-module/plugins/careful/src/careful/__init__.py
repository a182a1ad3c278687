"""A plugin with a command line of its own, loading its renderers by name."""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from pinapi import Plugin


def renderer(name: str) -> object:
    return importlib.import_module(f".{name}", __package__)


class Careful:
    def init(self, config: Mapping[str, str]) -> None:
        self.config = config

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Careful()
