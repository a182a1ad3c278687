"""Registers a second, louder plugin whose init() needs a key the host does not pass."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin, Registry


class Echo:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config["greeting"]

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


class Shouter(Echo):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config["volume"]


def new() -> Plugin:
    return Echo()


def register_v2(registry: Registry) -> None:  # expect: PC415
    registry.add("echo", new)
    registry.add("shouter", Shouter)
