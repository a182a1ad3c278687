"""A plugin whose remote client (a module of its own) is imported only when it first fetches."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Remote:
    def __init__(self) -> None:
        self.greeting = ""
        self.pages: list[str] = []

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.pages.append(self.greeting)

    def fetch(self) -> str:
        from .remote import query

        return query({"q": self.greeting})

    def shutdown(self, timeout: float) -> None:
        self.pages.clear()


def new() -> Plugin:
    return Remote()
