"""register_v2 takes the Registry, under another name."""

from __future__ import annotations

from collections.abc import Mapping

import plugapi
from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "") if isinstance(config, Mapping) else ""

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()


def register_v2(reg: plugapi.Registry) -> None:
    reg.add("registrar", new)


def update(registry: plugapi.Registry, name: str) -> None:
    registry.add(name, new)
