"""Registers itself correctly; whether the host's registry accepts it is the question."""  # expect: PC417

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin, Registry


class Echo:
    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Echo()


def register(registry: Registry) -> None:
    registry.add("echo", new)
