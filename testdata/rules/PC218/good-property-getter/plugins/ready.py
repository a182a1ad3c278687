"""run() reads the property ready, whose getter reads what __init__ stores; another property
reads an unset attribute only under a condition run() may not take."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ready:
    @property
    def ready(self) -> bool:
        return self._ready

    @property
    def late(self) -> bool:
        return self._late

    def __init__(self) -> None:
        self._ready = True
        self.count = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.count = 0

    def run(self) -> None:
        if self.ready:
            self.count += 1
        if self.count > 5:
            self.count = int(self.late)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Ready()
