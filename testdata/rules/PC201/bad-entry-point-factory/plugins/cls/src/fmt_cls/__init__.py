"""A class that does not subclass the base: the host's isinstance check fails."""

from __future__ import annotations


class Plain:  # expect: PC201
    def __init__(self, app: object) -> None:
        self.app = app

    def format(self, text: str) -> str:
        return text
