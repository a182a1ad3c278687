"""Each name the import evaluates is bound: by an import, at module level, in the class body."""

import functools
from collections.abc import Mapping

from plugapi import Plugin

PREFIX = "> "
Seconds = float
_scratch = PREFIX * 2
LINE = _scratch.strip()
del _scratch


@functools.cache
def _banner(greeting: str) -> str:
    return greeting.upper()


class Greeter:
    WIDTH = 40
    RULE = "-" * WIDTH

    def __init__(self, prefix: str = PREFIX, width: int = WIDTH) -> None:
        self.prefix = prefix
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _banner(self.prefix + self.greeting + LATER)

    def shutdown(self, timeout: Seconds) -> None:
        self.greeting = ""


LATER = ""


def new() -> Plugin:
    return Greeter()
