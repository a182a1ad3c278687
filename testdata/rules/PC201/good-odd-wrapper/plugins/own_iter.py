"""A module's own iter() that never runs out."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping


class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def iter(items: Iterable[object]) -> Iterator[Ticker]:  # noqa: A001
    return (Ticker() for _ in itertools.count())


new = iter(()).__next__
