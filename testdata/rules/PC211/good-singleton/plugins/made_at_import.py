"""new() returns only an instance made before; the module makes it when it is imported."""

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
    else:
        return _instance


new()
