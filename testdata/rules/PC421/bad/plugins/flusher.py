"""Hands what is left to a background sender when the host drops it: a non-daemon thread that
waits for more lines forever, so the host's interpreter never exits."""

from __future__ import annotations

import queue
import threading
from collections.abc import Mapping

from plugapi import Plugin


def _send(lines: queue.Queue[str]) -> None:
    while True:
        lines.get()  # expect: PC421


class Flusher:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        self.lines.append(config.get("greeting", ""))

    def run(self) -> None:
        self.lines.append("run")

    def shutdown(self, timeout: float) -> None:
        return None

    def __del__(self) -> None:  # sends in the background, after the leak check of shutdown()
        pending: queue.Queue[str] = queue.Queue()
        for line in self.lines:
            pending.put(line)
        threading.Thread(target=_send, args=(pending,), name="flusher").start()


def new() -> Plugin:
    return Flusher()
