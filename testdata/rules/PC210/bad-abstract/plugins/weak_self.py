"""__init__ keeps a weak reference to the instance, but no class of its slotted chain has a
__weakref__ slot: making it raises TypeError."""

from __future__ import annotations

import weakref
from collections.abc import Mapping

from plugapi import Plugin


class _Base:
    __slots__ = ()


class Worker(_Base):
    __slots__ = ("me", "greeting")

    def __init__(self) -> None:
        self.me = weakref.ref(self)  # expect: PC210
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
