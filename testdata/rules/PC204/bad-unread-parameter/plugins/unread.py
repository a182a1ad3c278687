"""init() declares `config: int` where the host passes a dict of strings, but never reads it:
the call works (annotations are not checked at run time), only the declared type is wrong. A
warning, not an error."""

from __future__ import annotations

from plugapi import Plugin


class Quiet:
    def init(self, config: int) -> None:  # expect: PC204
        self.started = True

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Quiet()
