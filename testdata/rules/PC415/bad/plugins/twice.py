"""Registers its name twice: the second add() raises in the host."""

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


def register_v2(registry: Registry) -> None:  # expect: PC415
    registry.add("twice", new)
    registry.add("twice", new)
