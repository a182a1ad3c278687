"""init wants an int; shutdown takes no timeout."""

from __future__ import annotations

from collections.abc import Mapping  # noqa: F401 - the protocol's type, for readers

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: int) -> None:  # expect: PC204
        self.greeting = "x" * config  # the host's dict: TypeError

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self) -> None:  # expect: PC204
        self.greeting = ""


def new() -> Plugin:
    return Worker()
