"""new() keeps one instance in an annotated module global, but returns it only when it was
made before: the first call, the host's, makes it and falls off the end (None)."""

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
    if _instance is None:  # expect: PC211
        _instance = Solo()
    else:
        return _instance
