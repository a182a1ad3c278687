"""run is None in the class the module's __getattr__ makes."""

from __future__ import annotations

from collections.abc import Mapping


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    run = None  # expect: PC203

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def __getattr__(name: str) -> object:
    if name == "new":
        return lambda: Worker()
    raise AttributeError(name)
