"""Ticker() runs Proxied.__call__, which wraps the instance in a proxy that has the lifecycle
methods."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class _Proxy:
    def __init__(self, inner):
        self.inner = inner

    def init(self, config: Mapping[str, str]) -> None:
        self.inner.init(config)

    def run(self) -> None:
        self.inner.run()

    def shutdown(self, timeout: float) -> None:
        self.inner.shutdown(timeout)


class Proxied(type):
    def __call__(cls, *args, **kwargs):
        return _Proxy(super().__call__(*args, **kwargs))


class Ticker(metaclass=Proxied):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Ticker()
