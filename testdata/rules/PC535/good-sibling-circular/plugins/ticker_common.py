"""A sibling plugin that shares ticker's stamp."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin
from ticker import STAMP


class Common:
    def init(self, config: Mapping[str, str]) -> None:
        self.stamp = STAMP

    def run(self) -> None:
        self.stamp += "!"

    def shutdown(self, timeout: float) -> None:
        self.stamp = ""


def new() -> Plugin:
    return Common()
