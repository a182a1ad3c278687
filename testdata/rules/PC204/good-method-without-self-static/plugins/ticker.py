"""run() takes no `self` because it is a staticmethod; shutdown takes the instance in *args."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    @staticmethod
    def run() -> None:
        return None

    def shutdown(*args: object) -> None:
        return None


def new() -> Plugin:
    return Ticker()
