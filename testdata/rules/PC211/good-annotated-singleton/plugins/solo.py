"""new() keeps one instance in an annotated module global and returns it on every call."""

from __future__ import annotations

from collections.abc import Mapping


class Solo:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


_instance: Solo | None = None


def new():
    global _instance
    if _instance is None:
        _instance = Solo()
    return _instance
