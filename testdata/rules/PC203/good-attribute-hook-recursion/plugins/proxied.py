"""A proxy that reads back the _wrapped its __init__ set."""

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
        self._wrapped = wrapped

    def __getattr__(self, name: str) -> Any:
        return getattr(self._wrapped, name)


def new() -> Plugin:
    return _Proxy(_Worker())  # type: ignore[return-value]
