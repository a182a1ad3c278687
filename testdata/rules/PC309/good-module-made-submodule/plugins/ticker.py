"""Imports compat.moves: no file holds it, compat makes it when imported."""

from __future__ import annotations

from collections.abc import Mapping

from compat.moves import configparser  # type: ignore[import-not-found]
from plugapi import Plugin


class Ticker:
    def __init__(self) -> None:
        self.parser = configparser.ConfigParser()

    def init(self, config: Mapping[str, str]) -> None:
        self.parser.read_dict({"ticker": dict(config)})

    def run(self) -> None:
        self.parser.sections()

    def shutdown(self, timeout: float) -> None:
        self.parser.clear()


def new() -> Plugin:
    return Ticker()
