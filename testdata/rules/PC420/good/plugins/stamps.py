"""Runs a tool once per item, one after another: 20 processes in all, one at a time."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Stamps:
    def __init__(self) -> None:
        self.codes: list[int] = []

    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")

    def run(self) -> None:
        self.codes = [subprocess.run(["true"], check=True).returncode for _ in range(20)]

    def shutdown(self, timeout: float) -> None:
        self.codes.clear()


def new() -> Plugin:
    return Stamps()
