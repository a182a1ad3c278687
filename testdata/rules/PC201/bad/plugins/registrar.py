"""register_v2 takes a name where the host passes its Registry; update an int where it
passes a str."""

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


def register_v2(registry: str) -> None:  # expect: PC201
    print(registry)


def update(registry: plugapi.Registry, name: int) -> None:  # expect: PC201
    print(registry, name)
