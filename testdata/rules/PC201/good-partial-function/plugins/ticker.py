"""new = partial(_make, "x"): the partial binds the label _make requires."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial


class Ticker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = self.greeting

    def shutdown(self, timeout: float) -> None:
        _ = "bye"


def _make(label, *, size=1):  # type: ignore[no-untyped-def]
    return Ticker()


new = partial(_make, "x")  # plugcheck: ignore[PC207]
