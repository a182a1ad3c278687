"""Registers the class and gives it back."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

REGISTRY = []


def register(cls):
    REGISTRY.append(cls)
    return cls


@register
class Ticker:
    def __init__(self) -> None:
        self.greeting = ""
        if not REGISTRY:
            return
        self.greeting = "registered"

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
