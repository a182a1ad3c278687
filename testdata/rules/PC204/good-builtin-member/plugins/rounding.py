"""shutdown = round and init = len: builtin functions get the host's argument alone (no
instance), and round(2.0) and len(config) work: mypy's reading of them as methods (the
instance bound to their first parameter) would refuse the class."""

from __future__ import annotations

from plugapi import Plugin


class Rounding:
    init = len

    def run(self) -> None:
        return None

    shutdown = round


def new() -> Plugin:
    return Rounding()
