"""A pattern compiled at import with an unclosed group."""

import re
from collections.abc import Mapping

from plugapi import Plugin

PATTERN = re.compile(r"(tick")  # expect: PC515


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        pass

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Ticker()
