"""A TypedDict is built and read as the dict it is; the checks name real classes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self, TypedDict

from plugapi import Plugin


class _Settings(TypedDict):
    greeting: str


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        settings = _Settings(greeting=str(config.get("greeting", "")))
        if isinstance(settings, dict) and _Settings.__required_keys__ <= settings.keys():
            self.greeting = settings["greeting"]

    def run(self) -> None:
        assert isinstance(self, type(self))

    def same(self, other: object) -> Self | None:
        return self if isinstance(other, Worker) else None

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Worker()
