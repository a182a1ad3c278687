"""A class that sets `__call__` to None: its instances are not callable."""

from __future__ import annotations


class Greeter:
    __call__ = None

    def run(self) -> str:
        return "hello"


new = Greeter()  # expect: PC104
