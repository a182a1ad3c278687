"""new = functools.partial(_make): _make requires a label the host's new() never passes."""

from __future__ import annotations

import functools
from collections.abc import Mapping


class Ticker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = self.greeting

    def shutdown(self, timeout: float) -> None:
        _ = "bye"


def _make(label):  # type: ignore[no-untyped-def]
    return Ticker()


new = functools.partial(_make)  # expect: PC201
