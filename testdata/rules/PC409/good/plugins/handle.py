"""Closes its buffer once; later calls do nothing."""

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
        if self.buffer is not None:
            self.buffer.write(self.greeting)

    def shutdown(self, timeout: float) -> None:
        if self.buffer is not None:
            self.buffer.close()
            self.buffer = None


def new() -> Plugin:
    return Handle()
