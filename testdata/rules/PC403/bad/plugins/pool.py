"""Sizes its pool from an environment variable when built."""

from __future__ import annotations

import os
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Pool:
    def __init__(self, size: int) -> None:
        self.size = size
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        if not config.get("greeting"):
            raise ConfigError("greeting must not be empty")
        self.greeting = config["greeting"]

    def run(self) -> None:
        self.greeting *= self.size

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:  # expect: PC403
    return Pool(int(os.environ["POOL_SIZE"]))
