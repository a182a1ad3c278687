"""The base listed first: its run() is the one Python finds."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Base:
    def run(self) -> None:
        return None


class Mixin:
    def run(self) -> None:
        raise NotImplementedError


class Ticker(Base, Mixin):
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Ticker()
