"""init() declares `config: str` where the host passes a dict of strings, and reads it with
.get(): the declaration is wrong, mypy says the call does not fit, but the body works on the
dict. The harness's real init() call with the contract's config worked: the static error is
withdrawn to a note."""

from __future__ import annotations

from plugapi import Plugin


class Loose:
    def init(self, config: str) -> None:
        self.greeting = str(config.get("greeting", ""))  # type: ignore[attr-defined]

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Loose()
