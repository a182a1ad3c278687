"""The target takes the first branch, whose new() returns None; the later definition, in the
branch it never takes, is not the one Python keeps. One failure, one PC211: at the def, not at
its `return None` as well."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


if sys.version_info >= (3, 8):

    def new() -> Plugin:  # expect: PC211
        return None

else:

    def new() -> Plugin:
        return Ticker()
