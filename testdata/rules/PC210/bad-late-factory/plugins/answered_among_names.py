"""The module's __getattr__ answers new among other names; the class it makes raises in its
constructor."""

from __future__ import annotations

from collections.abc import Mapping


class Worker:
    def __init__(self) -> None:
        raise RuntimeError("no backend")  # expect: PC210

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def __getattr__(name: str) -> object:
    if name in ("new", "make"):
        return lambda: Worker()
    raise AttributeError(name)
