"""Threads started at import: a daemon heartbeat, a non-daemon warm-up that ends by itself, and
an executor kept for the plugin's life (the interpreter ends its idle worker at exit)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor

from plugapi import ConfigError, Plugin

POOL = ThreadPoolExecutor(max_workers=1)
_TABLE: list[int] = []


def _heartbeat() -> None:
    threading.Event().wait()


def _warm() -> None:
    _TABLE.extend(i * i for i in range(1000))


threading.Thread(target=_heartbeat, daemon=True).start()  # plugcheck: ignore[PC110]
threading.Thread(target=_warm).start()  # plugcheck: ignore[PC110]


class Prefetch:
    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        POOL.submit(sum, _TABLE).result()

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Prefetch()
