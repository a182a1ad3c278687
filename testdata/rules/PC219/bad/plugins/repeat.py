"""shutdown() repeats a string by the deadline, a float; the `# type: ignore` hides mypy's
error, not the TypeError."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        self.bar = "." * timeout  # type: ignore[operator]  # expect: PC219


def new() -> Plugin:
    return Worker()
