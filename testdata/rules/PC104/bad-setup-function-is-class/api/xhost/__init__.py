"""The differential setup-function hosts' plugin API."""

from __future__ import annotations

import abc
from collections.abc import Callable, Mapping


class App:
    """What setup() is given: plugins add handlers and configuration values to it."""

    def __init__(self) -> None:
        self.handlers: dict[str, Callable[[str], str]] = {}
        self.config: dict[str, str] = {"level": "1", "style": "plain"}

    def add_handler(self, name: str, handler: Callable[[str], str]) -> None:
        if not isinstance(name, str) or not callable(handler):
            raise TypeError(f"add_handler({name!r}, ...): a name and a callable are required")
        if name in self.handlers:
            raise ValueError(f"handler {name!r} is already registered")
        self.handlers[name] = handler

    def add_config_value(self, name: str, default: str) -> None:
        self.config.setdefault(name, default)


class Handler(abc.ABC):
    """What create(options) returns: the host calls handle(text), then close()."""

    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    @abc.abstractmethod
    def handle(self, request: str) -> str:
        """The answer to ``request``."""

    def close(self) -> None:
        """Called once when the host is done with the handler."""
