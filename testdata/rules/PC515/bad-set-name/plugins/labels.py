"""One cached_property bound to two names: type calls its __set_name__ twice, and the second
call raises (RuntimeError before Python 3.12, TypeError after)."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from plugapi import Plugin


class Labeller:  # expect: PC515
    def __init__(self) -> None:
        self.greeting = ""

    @functools.cached_property
    def label(self) -> str:
        return self.greeting.title()

    title = label

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = self.label

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Labeller()
