"""new() is annotated with the plugin's own, smaller Protocol but returns a Worker that has
every member of the host's Plugin: what it returns is judged, not the annotation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol


class Runner(Protocol):
    def run(self) -> None: ...


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Runner:
    if not Worker.__name__:
        return Worker()
    return Worker()
