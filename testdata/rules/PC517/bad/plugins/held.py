"""new() builds the worker into a local, counts it, and returns it: run() always raises."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

_MADE: list[int] = []


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        raise RuntimeError("not ready")  # expect: PC517

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    worker = Worker()
    _MADE.append(1)
    return worker
