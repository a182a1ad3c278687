"""new() tests its global twice: after the first test made the instance, the second is false."""

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
    if not _instance:
        _instance = Solo()
    if _instance is None:
        return None
    return _instance
