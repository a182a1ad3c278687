"""init is declared for a mapping and for None, and implemented after the overloads."""

from collections.abc import Mapping
from typing import overload

from plugapi import Plugin


class Greeter:
    def __init__(self) -> None:
        self.greeting = ""

    @overload
    def init(self, config: Mapping[str, str]) -> None: ...

    @overload
    def init(self, config: None) -> None: ...

    def init(self, config: Mapping[str, str] | None = None) -> None:
        self.greeting = str((config or {}).get("greeting", ""))

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Greeter()
