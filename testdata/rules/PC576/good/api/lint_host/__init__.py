"""The same host: it builds every Checker subclass of a plugin module and reads each one's name
(a non-empty str) and version (a str, which the base only annotates) before it runs it."""

from __future__ import annotations

import abc


class Checker(abc.ABC):
    name: str = ""
    version: str

    @abc.abstractmethod
    def check(self, text: str) -> list[str]: ...
