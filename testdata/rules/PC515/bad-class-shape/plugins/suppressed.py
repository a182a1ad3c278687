"""contextlib.suppress is a context manager, not a decorator: its instance is not callable, so
the method's decorator raises TypeError while the class body runs, at import."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping

from plugapi import Plugin


class Suppressed:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    @contextlib.suppress(KeyError)  # expect: PC515
    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Suppressed()
