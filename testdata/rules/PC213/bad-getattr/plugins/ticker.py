"""run() comes from the class's __getattr__: mypy reads it as what the hook is annotated to
return (object), the real value is a function."""

from __future__ import annotations

from collections.abc import Mapping


class Ticker:  # expect: PC213
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def __getattr__(self, name: str) -> object:
        if name == "run":
            return self._tick
        raise AttributeError(name)

    def _tick(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Ticker:
    return Ticker()
