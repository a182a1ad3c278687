"""Registers a placeholder factory that makes nothing yet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from plugapi import Plugin, Registry


class Echo:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config["greeting"]

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Echo()


def later() -> Any:
    return None


def register_v2(registry: Registry) -> None:  # expect: PC415
    registry.add("echo", new)
    registry.add("later", later)
