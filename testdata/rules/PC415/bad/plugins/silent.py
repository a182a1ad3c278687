"""Registers nothing: the hook forgets to call add(), so the host never finds it."""

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
    factories = {"silent": new}
    del factories
