"""Registers two plugins: each factory makes a plugin that takes the host's configuration."""

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
        self.greeting = config["greeting"].upper()


def new() -> Plugin:
    return Echo()


def register_v2(registry: Registry) -> None:
    registry.add("echo", new)
    registry.add("shouter", Shouter)
