"""The API: a plugin's new() returns a Plugin."""

from collections.abc import Callable
from typing import Protocol


class Plugin(Protocol):
    def run(self) -> str: ...


Factory = Callable[[], Plugin]
