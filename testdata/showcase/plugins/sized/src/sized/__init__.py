"""Broken: the factory wants an argument the host never passes (Go: New(size int) Plugin)."""

from __future__ import annotations

from collections.abc import Mapping

from showcase_api import ConfigError, Plugin


class Buffer:
    def __init__(self, size: int) -> None:
        self._size = size
        self._lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")

    def run(self) -> None:
        self._lines = self._lines[-self._size :]

    def shutdown(self, timeout: float) -> None:
        self._lines.clear()


def new(size: int) -> Plugin:  # expect: PC201
    return Buffer(size)


__all__ = ["new"]
