"""init() asks isinstance of a TypedDict (its values are plain dicts, its class refuses the
check), run() of typing.Self (a special form): TypeError on every call."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self, TypedDict

from plugapi import Plugin


class _Settings(TypedDict):
    greeting: str


class _Strict(_Settings, total=False):
    loud: bool


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        if isinstance(config, _Strict):  # expect: PC517
            self.greeting = config["greeting"]

    def run(self) -> None:
        assert not isinstance(self.greeting, Self)  # expect: PC517

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
