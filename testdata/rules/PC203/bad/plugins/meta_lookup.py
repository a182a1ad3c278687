"""shutdown() is served by the metaclass's __getattr__: that answers `MetaLookup.shutdown`, but
an instance's attribute lookup never consults its class's metaclass, so the host's
isinstance check and its call of shutdown() on the instance fail."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _shutdown(self: Any, timeout: float) -> None:
    self.ticks = 0


class _Lookup(type):
    def __getattr__(cls, name: str) -> Any:
        if name == "shutdown":
            return _shutdown
        raise AttributeError(name)


class MetaLookup(metaclass=_Lookup):  # expect: PC203
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1


def new() -> MetaLookup:
    return MetaLookup()
