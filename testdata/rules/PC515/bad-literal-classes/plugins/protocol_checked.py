"""isinstance() against the plugin's own Protocol that is not runtime-checkable."""

from collections.abc import Mapping
from typing import Protocol

from plugapi import Plugin


class _Sized(Protocol):
    def __len__(self) -> int: ...


if isinstance([], _Sized):  # expect: PC515
    _EMPTY = 0


class Sizer:
    def init(self, config: Mapping[str, str]) -> None:
        self.size = len(config)

    def run(self) -> None:
        self.size *= 2

    def shutdown(self, timeout: float) -> None:
        self.size = 0


def new() -> Plugin:
    return Sizer()
