"""A runtime-checkable Protocol checked at import, and a class that subclasses it made."""

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from plugapi import Plugin


@runtime_checkable
class _Stoppable(Protocol):
    def shutdown(self, timeout: float) -> None: ...


class Stopper(_Stoppable):
    def init(self, config: Mapping[str, str]) -> None:
        self.left = len(config)

    def run(self) -> None:
        self.left -= 1

    def shutdown(self, timeout: float) -> None:
        self.left = 0


_PROBE = Stopper()
if isinstance(_PROBE, _Stoppable):
    _READY = True


def new() -> Plugin:
    return Stopper()
