"""A TypedDict with a plain class among its bases: TypeError at the class statement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypedDict

from plugapi import Plugin


class _Described:
    def describe(self) -> str:
        return "settings"


class _Settings(TypedDict):
    greeting: str


class _Loud(_Settings, _Described):  # type: ignore[misc]  # expect: PC515
    loud: bool


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.settings = _Settings(greeting=str(config.get("greeting", "")))

    def run(self) -> None:
        _ = self.settings["greeting"]

    def shutdown(self, timeout: float) -> None:
        self.settings = _Settings(greeting="")


def new() -> Plugin:
    return Worker()
