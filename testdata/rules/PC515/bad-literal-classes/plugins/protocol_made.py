"""The plugin's own Protocol instantiated at import: Python refuses to make one."""

from collections.abc import Mapping
from typing import Protocol

from plugapi import Plugin


class _Lifecycle(Protocol):
    def shutdown(self, timeout: float) -> None:
        self.closed = True


_DEFAULTS = _Lifecycle()  # expect: PC515


class Pinger:
    def init(self, config: Mapping[str, str]) -> None:
        self.pings = len(config)

    def run(self) -> None:
        self.pings += 1

    def shutdown(self, timeout: float) -> None:
        self.pings = 0


def new() -> Plugin:
    return Pinger()
