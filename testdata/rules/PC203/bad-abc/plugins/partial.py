"""Subclasses the ABC but leaves run() abstract: instantiating it raises TypeError."""

from __future__ import annotations

from collections.abc import Mapping

from abcapi import Plugin


class Partial(Plugin):  # expect: PC203
    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)


def new() -> Plugin:
    return Partial()  # type: ignore[abstract]
