"""Registers the class, but leaves None in its place."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

REGISTRY = []


def register(cls):
    REGISTRY.append(cls)


@register  # expect: PC210
class Ticker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
