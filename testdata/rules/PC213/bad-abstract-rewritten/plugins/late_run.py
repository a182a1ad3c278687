"""run() is set on the class after it is made, and __abstractmethods__ is cleared with it (as
abc.update_abstractmethods would recompute it): the host can instantiate what new() returns,
though mypy reads run as abstract. Not a PC203: plugcheck cannot verify it statically."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


class Partial(Plugin):  # expect: PC213
    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)


def _run(self: Partial) -> None:
    return None


Partial.run = _run  # type: ignore[method-assign]
Partial.__abstractmethods__ = frozenset()


def new() -> Plugin:
    return Partial()  # type: ignore[abstract]
