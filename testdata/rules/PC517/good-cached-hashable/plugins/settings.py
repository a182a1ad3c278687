"""A frozen @dataclass is hashable: functools.cache on run() works."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from functools import cache

from plugapi import Plugin


@dataclasses.dataclass(frozen=True)
class Settings:
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        return None

    @cache  # noqa: B019
    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Settings()
