"""Records its classes in a cache file from a decorator, i.e. at import time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from plugapi import ConfigError, Plugin

T = TypeVar("T")


def remembered(cls: type[T]) -> type[T]:
    with open("plugin-classes.txt", "a") as cache:  # expect: PC411
        cache.write(cls.__qualname__ + "\n")
    return cls


@remembered
class Cached:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        self.greeting = config["greeting"]

    def run(self) -> None:
        self.greeting = self.greeting.title()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Cached()
