"""Drops its buffer on shutdown, then trips over it the second time."""

from __future__ import annotations

import io
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Handle:
    def __init__(self) -> None:
        self.greeting = ""
        self.buffer: io.StringIO | None = io.StringIO()

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting

    def run(self) -> None:
        assert self.buffer is not None
        self.buffer.write(self.greeting)

    def shutdown(self, timeout: float) -> None:  # expect: PC409
        assert self.buffer is not None, "already shut down"
        self.buffer.close()
        self.buffer = None


def new() -> Plugin:
    return Handle()
