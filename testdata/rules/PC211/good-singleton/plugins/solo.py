"""new() keeps one instance and returns it on every call, the first one too."""

from __future__ import annotations

from collections.abc import Mapping

_instance = None


class Solo:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new():
    global _instance
    if _instance is None:
        _instance = Solo()
    return _instance
