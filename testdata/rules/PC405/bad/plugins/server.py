"""Needs a port nobody configures."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Server:
    def __init__(self) -> None:
        self.port = 0

    def init(self, config: Mapping[str, str]) -> None:  # expect: PC405
        self.port = int(config["port"])

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Server()
