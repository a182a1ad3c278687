"""functools.lru_cache on init(): the cache hashes the config the host passes, a dict."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from plugapi import Plugin


class Remembered:
    def __init__(self) -> None:
        self.greeting = ""

    @lru_cache(maxsize=None)  # noqa: B019
    def init(self, config: Mapping[str, str]) -> None:  # expect: PC517
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Remembered()
