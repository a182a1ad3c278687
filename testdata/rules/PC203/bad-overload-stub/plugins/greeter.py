"""init is declared for a mapping and for None, but the implementation below the overloads was
never written: the class keeps the last stub, which typing.overload made raise
NotImplementedError, so the host's plugin.init(config) fails."""

from collections.abc import Mapping
from typing import overload

from plugapi import Plugin


class Greeter:
    def __init__(self) -> None:
        self.greeting = ""

    @overload
    def init(self, config: Mapping[str, str]) -> None: ...

    @overload
    def init(self, config: None) -> None: ...  # expect: PC203

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Greeter()
