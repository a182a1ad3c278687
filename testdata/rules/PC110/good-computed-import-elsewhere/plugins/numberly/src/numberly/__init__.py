"""A numeric library that is also a plugin."""

from __future__ import annotations

from plugapi import Plugin

from numberly._core._add_docs import describe
from numberly._core.arith import add


class Adder:
    def run(self) -> str:
        describe()
        return str(add(1, 2))


def new() -> Plugin:
    return Adder()
