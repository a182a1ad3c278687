"""Only register_v1 works; the host calls the newer register_v2, which is broken."""

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


def register_v1(registry: Registry) -> None:
    registry.add("stale", new)


def register_v2(registry: Registry) -> None:  # expect: PC415
    raise NotImplementedError("not ported to v2 yet")
