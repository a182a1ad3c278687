"""Names every supported Python has, and a newer one behind a guard."""

from __future__ import annotations

import asyncio
import inspect
import sys
from collections.abc import Callable, Mapping

from plugapi import Plugin

if sys.version_info >= (3, 12):
    from typing import override
else:
    try:
        from typing import override
    except ImportError:

        def override(method: Callable[..., None]) -> Callable[..., None]:
            return method


SIGNATURE = inspect.signature
IS_COROUTINE = asyncio.iscoroutinefunction


class Legacy:
    def __init__(self) -> None:
        self.greeting = ""
        self.hooks: list[Callable[[], None]] = []

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    @override
    def run(self) -> None:
        for hook in self.hooks:
            hook()

    def shutdown(self, timeout: float) -> None:
        self.hooks.clear()


def new() -> Plugin:
    return Legacy()
