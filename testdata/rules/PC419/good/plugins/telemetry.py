"""Flushes its events at exit: the worker marks each one done, and the wait is bounded."""

from __future__ import annotations

import atexit
import queue
import threading
import time
from collections.abc import Mapping

from plugapi import Plugin

_events: queue.Queue[str] = queue.Queue()
_sent: list[str] = []


def _drain() -> None:
    while True:
        _sent.append(_events.get())
        _events.task_done()


def _flush() -> None:
    end = time.monotonic() + 0.5
    while _events.unfinished_tasks and time.monotonic() < end:
        time.sleep(0.01)


class Telemetry:
    def init(self, config: Mapping[str, str]) -> None:
        threading.Thread(target=_drain, daemon=True).start()
        atexit.register(_flush)
        _events.put(config.get("greeting", ""))

    def run(self) -> None:
        _events.put("run")

    def shutdown(self, timeout: float) -> None:
        _events.put("shutdown")


def new() -> Plugin:
    return Telemetry()
