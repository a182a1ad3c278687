"""Defaults set after the def: mypy reads the def, the harness judges the host's calls."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Worker:  # expect: PC207
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str], strict: bool) -> None:
        self.greeting = config.get("greeting", "") if strict else ""

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


Worker.init.__defaults__ = (False,)


def new() -> Plugin:
    return Worker()
