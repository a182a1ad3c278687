"""run() reads the property ready, whose getter reads an attribute the plugin never stores:
every call of run() raises AttributeError in the getter."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ready:
    @property
    def ready(self) -> bool:
        return self._ready  # expect: PC218

    def __init__(self) -> None:
        self.count = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.count = 0

    def run(self) -> None:
        if self.ready:
            self.count += 1

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Ready()
