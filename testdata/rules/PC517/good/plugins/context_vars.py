"""ContextVars used as contextvars wants: set in the context the host runs the plugin in
before they are read (or with a default, or read with a fallback), each token reset once, in
the context that made it."""

from __future__ import annotations

import contextvars
from collections.abc import Mapping

from plugapi import Plugin

_GREETING = contextvars.ContextVar("greeting")
_LEVEL = contextvars.ContextVar("level", default="1")
_STYLE = contextvars.ContextVar("style")


class Worker:
    def __init__(self) -> None:
        self.count = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.token = _GREETING.set(config.get("greeting", ""))
        self.style = contextvars.copy_context().run(len, "bold")

    def run(self) -> None:
        self.count = len(_GREETING.get()) + len(_LEVEL.get()) + len(_STYLE.get("plain"))

    def shutdown(self, timeout: float) -> None:
        token, self.token = self.token, None
        if token is not None:  # the host may call shutdown() again
            _GREETING.reset(token)


def new() -> Plugin:
    return Worker()
