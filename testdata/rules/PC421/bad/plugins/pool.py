"""Ends the whole process when the host drops it: os._exit in __del__."""

from __future__ import annotations

import os
from collections.abc import Mapping

from plugapi import Plugin


class Pool:
    def init(self, config: Mapping[str, str]) -> None:
        self.size = len(config)

    def run(self) -> None:
        self.size += 1

    def shutdown(self, timeout: float) -> None:
        self.size = 0

    def __del__(self) -> None:  # no worker may outlive the pool: nor may the host
        os._exit(0)  # expect: PC421


def new() -> Plugin:
    return Pool()
