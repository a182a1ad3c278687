"""Written for API 2.1.0."""

from __future__ import annotations

from collections.abc import Mapping

from pinapi import Plugin

API_VERSION = "2.1.0"


class Same:
    def __init__(self) -> None:
        self.config: dict[str, str] = {}

    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        self.config.setdefault("ran", "yes")

    def shutdown(self, timeout: float) -> None:
        self.config.clear()


def new() -> Plugin:
    return Same()
