"""The factory indexes its enumeration by a name no member has: KeyError."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

from plugapi import Plugin


class Worker(StrEnum):
    DEFAULT = "default"

    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Worker["default"]  # expect: PC210
