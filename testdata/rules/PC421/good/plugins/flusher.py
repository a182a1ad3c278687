"""Its finalizer hands what is left to a sender thread that ends once the lines are sent."""

from __future__ import annotations

import threading
from collections.abc import Mapping

from plugapi import Plugin

_SENT: list[str] = []


def _send(lines: list[str]) -> None:
    _SENT.extend(lines)


class Flusher:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        self.lines.append(config.get("greeting", ""))

    def run(self) -> None:
        self.lines.append("run")

    def shutdown(self, timeout: float) -> None:
        return None

    def __del__(self) -> None:
        threading.Thread(target=_send, args=(list(self.lines),), name="flusher").start()


def new() -> Plugin:
    return Flusher()
