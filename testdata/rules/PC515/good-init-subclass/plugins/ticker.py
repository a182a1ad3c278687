"""Base.__init_subclass__ takes flavor= and only raises when told to."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

REGISTRY: list[type] = []


class Base:
    def __init_subclass__(cls, flavor: str = "", strict: bool = False, **kwargs: object) -> None:
        if strict and not flavor:
            raise TypeError("flavor required")
        super().__init_subclass__(**kwargs)
        REGISTRY.append(cls)


class Ticker(Base, flavor="plain"):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        _ = (self.greeting)

    def shutdown(self, timeout: float) -> None:
        _ = ("bye")


def new() -> Plugin:
    return Ticker()
