"""The host's plugin base: a working default whose process() passes the items through."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


class Base:
    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    def process(self, items: list[str]) -> Iterable[str]:
        return list(items)
