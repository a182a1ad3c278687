"""new() is annotated `-> int` but returns a Worker: annotations are not checked at run time,
so the host's isinstance() sees the Worker, which is a Plugin."""

from __future__ import annotations

from collections.abc import Mapping


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> int:
    return Worker()  # type: ignore[return-value]
