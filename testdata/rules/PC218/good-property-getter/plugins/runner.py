"""run is a property handing out the bound method _run: the host calls what it returns."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Runner:  # plugcheck: ignore[PC207]  (a getter has no parameters to annotate)
    def __init__(self) -> None:
        self.count = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config["greeting"]

    def _run(self) -> None:
        self.count = len(self.greeting)

    @property
    def run(self):
        return self._run

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Runner()
