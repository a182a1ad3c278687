"""Ticker() runs its metaclass's __call__, which records the object and returns nothing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin

REGISTRY: list[object] = []


class Registered(type):
    def __call__(cls, *args: Any, **kwargs: Any) -> Any:  # expect: PC211
        obj = super().__call__(*args, **kwargs)
        REGISTRY.append(obj)


class Ticker(metaclass=Registered):
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.ticks = 0

    def run(self) -> None:
        self.ticks += 1

    def shutdown(self, timeout: float) -> None:
        self.ticks = 0


def new() -> Plugin:
    return Ticker()
