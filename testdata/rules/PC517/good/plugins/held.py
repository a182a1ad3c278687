"""new() builds the worker into a local, then sets what run() reads: the class alone is not
what the host gets, so its run() is not judged as the class says."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.count = len(self.label)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    worker = Worker()
    worker.label = "x"
    return worker
