"""run() looks its handler up by a key the module registers at import."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from plugapi import Plugin

_HANDLERS: dict[str, Callable[[str], str]] = {"quiet": str.lower}
_HANDLERS["loud"] = str.upper


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        handler = _HANDLERS["loud"]
        self.greeting = handler(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
