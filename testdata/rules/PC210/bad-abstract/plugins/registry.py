"""The factory looks its worker up in its own registry by a key no registration stores: the
decorator registers "worker", the factory asks for "Worker" (KeyError)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from plugapi import Plugin

_REGISTRY: dict[str, type[Plugin]] = {}


def _register(key: str) -> Callable[[type[Plugin]], type[Plugin]]:
    def store(cls: type[Plugin]) -> type[Plugin]:
        _REGISTRY[key] = cls
        return cls

    return store


@_register("worker")
class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return _REGISTRY["Worker"]()  # expect: PC210
