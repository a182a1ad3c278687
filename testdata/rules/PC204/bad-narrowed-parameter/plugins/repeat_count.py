"""shutdown() declares `timeout: int`, narrower than the protocol's float, and multiplies a
string by it: the host passes its float deadline, and `"x" * 2.0` raises TypeError. Checked
again with the host's float, the body does not type-check: an error, not the narrowed warning."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Repeater:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: int) -> None:  # expect: PC204
        self.greeting = "x" * timeout


def new() -> Plugin:
    return Repeater()
