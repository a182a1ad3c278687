"""A host whose plugins' setup(app) add handlers to the application."""

from __future__ import annotations

from collections.abc import Callable


class App:
    def __init__(self) -> None:
        self.handlers: dict[str, Callable[[str], str]] = {}

    def add_handler(self, name: str, handler: Callable[[str], str]) -> None:
        self.handlers[name] = handler
