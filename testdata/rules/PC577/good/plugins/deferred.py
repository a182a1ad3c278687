"""With the future import no annotation is evaluated at import."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Deferred:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def peer(self) -> "Deferred" | None:
        return None

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Deferred()
