"""new is decorated by a function of the plugin whose wrapper takes anything and passes it on:
the host's new() works."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from plugapi import Plugin


def _traced(f: Callable[..., Plugin]) -> Callable[..., Plugin]:
    def inner(*args: Any, **kwargs: Any) -> Plugin:
        return f(*args, **kwargs)

    return inner


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


@_traced
def new() -> Plugin:
    return Worker()
