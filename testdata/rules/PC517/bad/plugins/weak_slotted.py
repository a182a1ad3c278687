"""init() keeps a weak reference to itself, but @dataclass(slots=True) made a class without
__weakref__ (no weakref_slot=True)."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass

from plugapi import Plugin

_REFS: dict[int, weakref.ref[Worker]] = {}


@dataclass(slots=True)
class Worker:
    greeting: str = ""

    def init(self, config: Mapping[str, str]) -> None:
        _REFS[id(self)] = weakref.ref(self)  # expect: PC517
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        _REFS.pop(id(self), None)


def new() -> Plugin:
    return Worker()
