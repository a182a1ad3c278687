"""init() declares `config: str`, which does not accept the host's Mapping, but uses it as a
Mapping (the error its own annotation makes is silenced): checked again with the host's
Mapping[str, str], the body type-checks, so the call works. A warning: only the annotation is
wrong."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: str) -> None:  # expect: PC204
        self.config = config
        self.greeting = str(config.get("greeting"))  # type: ignore[attr-defined]

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Greeter()
