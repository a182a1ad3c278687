"""Reports its own success by writing to a descriptor it assumes belongs to a log."""

from __future__ import annotations

import os
from collections.abc import Mapping

from plugapi import Plugin


class Reporter:
    def init(self, config: Mapping[str, str]) -> None:  # expect: PC425
        os.write(3, b'{"t": "done", "step": "init", "outcome": "ok"}\n')

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Reporter()
