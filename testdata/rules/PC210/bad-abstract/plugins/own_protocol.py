"""The factory checks its worker against its own Protocol, which is not runtime-checkable:
isinstance raises TypeError."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from plugapi import Plugin


class _Named(Protocol):
    greeting: str


class Worker:
    def __init__(self) -> None:
        self.greeting = "hello"

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", self.greeting)

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    worker = Worker()
    if not isinstance(worker, _Named):  # expect: PC210
        raise TypeError("not a worker")
    return worker
