"""init() keeps the token of a set made in a copied context: shutdown() cannot reset the
variable with it here (ValueError: the token was created in a different Context)."""

from __future__ import annotations

import contextvars
from collections.abc import Mapping

from plugapi import Plugin

_STYLE = contextvars.ContextVar("style", default="plain")


class Worker:
    def __init__(self) -> None:
        self.count = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.style = contextvars.copy_context().run(_STYLE.set, config.get("greeting", ""))

    def run(self) -> None:
        self.count = len(_STYLE.get())

    def shutdown(self, timeout: float) -> None:
        _STYLE.reset(self.style)  # expect: PC517


def new() -> Plugin:
    return Worker()
