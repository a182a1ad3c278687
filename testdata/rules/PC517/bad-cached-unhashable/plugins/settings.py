"""A @dataclass (eq=True, not frozen) has __hash__ = None: functools.cache on run() fails."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from functools import cache

from plugapi import Plugin


@dataclasses.dataclass
class Settings:
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        return None

    @cache  # noqa: B019
    def run(self) -> None:  # expect: PC517
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Settings()
