"""A proxy that forwards every store to the object it wraps and reads _target, a name it never
stored: every member the host looks up runs __getattr__, whose self._target runs __getattr__
again (RecursionError)."""

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
        return getattr(self._target, name)  # expect: PC203

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._wrapped, name, value)


def new() -> Plugin:
    return _Proxy(_Worker())  # type: ignore[return-value]
