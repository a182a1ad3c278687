"""shutdown() starts again the thread init() started: a thread starts once."""

from __future__ import annotations

from collections.abc import Mapping
from threading import Thread

from plugapi import Plugin


class Worker:
    def __init__(self) -> None:
        self._thread = Thread(target=lambda: None, daemon=True)

    def init(self, config: Mapping[str, str]) -> None:
        self._thread.start()

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        self._thread.join(timeout)
        self._thread.start()  # expect: PC517


def new() -> Plugin:
    return Worker()
