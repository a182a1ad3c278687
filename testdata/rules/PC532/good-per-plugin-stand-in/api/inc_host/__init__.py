"""A Pyramid-like host: config.include("addon") imports the add-on and calls its
includeme(config) with a Configurator of the add-on's own package."""

from __future__ import annotations

import importlib


class Configurator:
    def __init__(self, package: str) -> None:
        self.package = package
        self.included: list[str] = []

    def include(self, name: str) -> None:
        """Relative names (``.views``) resolve against this configurator's package."""
        module = importlib.import_module(name, self.package if name.startswith(".") else None)
        child = Configurator(module.__name__.rpartition(".")[0] or module.__name__)
        module.includeme(child)
        self.included.append(module.__name__)
