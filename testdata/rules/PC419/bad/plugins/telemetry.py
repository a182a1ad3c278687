"""Flushes its events at exit, waiting on a queue whose worker never marks them done."""

from __future__ import annotations

import atexit
import queue
import threading
from collections.abc import Mapping

from plugapi import Plugin

_events: queue.Queue[str] = queue.Queue()


def _drain() -> None:
    while True:  # forgets task_done(): the join() registered in init() never returns
        _events.get()  # expect: PC419


class Telemetry:
    def init(self, config: Mapping[str, str]) -> None:
        threading.Thread(target=_drain, daemon=True).start()
        atexit.register(_events.join)
        _events.put(config.get("greeting", ""))

    def run(self) -> None:
        _events.put("run")

    def shutdown(self, timeout: float) -> None:
        _events.put("shutdown")


def new() -> Plugin:
    return Telemetry()
