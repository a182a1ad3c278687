"""functools.lru_cache on shutdown(): the instance and the deadline (a float) are hashable."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from plugapi import Plugin


class Waited:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    @lru_cache(maxsize=None)  # noqa: B019
    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Waited()
