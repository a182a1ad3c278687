"""A ContextDecorator (contextmanager's helper is one) decorates a method; suppress is used as
a context manager."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping

from plugapi import Plugin


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    yield


class Quieted:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    @_quiet()
    def run(self) -> None:
        with contextlib.suppress(KeyError):
            self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Quieted()
