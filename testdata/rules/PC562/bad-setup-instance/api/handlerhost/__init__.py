"""A host whose plugins' create(options) return a Handler it then calls."""

from __future__ import annotations

import abc
from collections.abc import Mapping


class Handler(abc.ABC):
    def __init__(self, options: Mapping[str, str]) -> None:
        self.options = dict(options)

    @abc.abstractmethod
    def handle(self, request: str) -> str:
        """The answer to ``request``."""

    def close(self) -> None:
        """Called once when the host is done with the handler."""

