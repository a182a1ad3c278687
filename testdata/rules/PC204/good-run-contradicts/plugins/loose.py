"""init() declares `config: list[str]` where the host passes a dict of strings, and copies it:
the declaration is wrong, and with the protocol's Mapping the body does not type-check (a
Mapping has no .copy()), but the dict the host passes has one. The harness's real init() call
with the contract's config worked: the static error is withdrawn to a note."""

from __future__ import annotations

from plugapi import Plugin


class Loose:
    def init(self, config: list[str]) -> None:
        self.saved = config.copy()

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Loose()
