"""new is decorated by a function of the plugin that returns its own wrapper, which requires an
argument: the module's new is that wrapper, and the host's new() raises TypeError."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


def _traced(f: Any) -> Any:
    def inner(label):
        return f()

    return inner


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


@_traced
def new() -> Plugin:  # expect: PC201
    return Worker()


