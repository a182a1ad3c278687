"""Serves a live preview on a local port while the host runs."""

from __future__ import annotations

import socket
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Preview:
    def __init__(self) -> None:
        self.server: socket.socket | None = None

    def init(self, config: Mapping[str, str]) -> None:  # expect: PC420
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen()

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        if self.server is not None:
            self.server.close()


def new() -> Plugin:
    return Preview()
