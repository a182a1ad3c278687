"""A plugin that imports its own parts by name when asked for one."""

from __future__ import annotations

import importlib

from plugapi import Plugin


class Compiler:
    def __init__(self, part: str) -> None:
        self.part = importlib.import_module(f"{__package__}.{part}")

    def run(self) -> str:
        return str(self.part.NAME)


def new() -> Plugin:
    return Compiler("Build")
