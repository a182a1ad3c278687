"""A host that builds every Checker subclass a plugin module defines, then reads its name (a
non-empty str) and its version (a str) before it runs it."""

from __future__ import annotations

import abc


class Checker(abc.ABC):
    name: str = ""

    def __init__(self) -> None:
        self.enabled = True

    @abc.abstractmethod
    def check(self, text: str) -> list[str]: ...
