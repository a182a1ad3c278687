"""A proxy that forwards every store to the object it wraps and reads it back through
_wrapped, which __init__ stored with object.__setattr__: every lookup reaches the worker."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin


class _Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = 1

    def shutdown(self, timeout: float) -> None:
        self.count = 0


class _Proxy:
    def __init__(self, wrapped: _Worker) -> None:
        object.__setattr__(self, "_wrapped", wrapped)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._wrapped, name, value)


def new() -> Plugin:
    return _Proxy(_Worker())  # type: ignore[return-value]
