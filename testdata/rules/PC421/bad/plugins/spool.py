"""Its finalizer raises when the host drops it: the interpreter prints the traceback."""

from __future__ import annotations

import weakref
from collections.abc import Mapping

from plugapi import Plugin


def _flush(lines: list[str]) -> None:
    raise OSError(f"spool closed with {len(lines)} lines unsent")  # expect: PC421


class Spool:
    def __init__(self) -> None:
        self.lines: list[str] = []
        weakref.finalize(self, _flush, self.lines)

    def init(self, config: Mapping[str, str]) -> None:
        self.lines.append(config.get("greeting", ""))

    def run(self) -> None:
        self.lines.append("run")

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Spool()
