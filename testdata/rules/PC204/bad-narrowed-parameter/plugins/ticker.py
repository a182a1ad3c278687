"""init() asks for a dict where the protocol declares a Mapping: a warning, since the host's
call works as long as it passes a dict."""

from __future__ import annotations

from plugapi import Plugin


class Ticker:
    def init(self, config: dict[str, str]) -> None:  # expect: PC204
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Ticker()
