"""@dataclass(slots=True, weakref_slot=True) keeps a __weakref__ slot: init() may refer to
itself weakly."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass

from plugapi import Plugin

_REFS: dict[int, weakref.ref[Worker]] = {}


@dataclass(slots=True, weakref_slot=True)
class Worker:
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        _REFS[id(self)] = weakref.ref(self)
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        _REFS.pop(id(self), None)


def new() -> Plugin:
    return Worker()
