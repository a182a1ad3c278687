"""An instance whose class binds `__call__` by an assignment, not a def: calling the instance
calls the class, so it is a factory."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


class Maker:
    __call__ = staticmethod(Greeter)


def _greeter() -> Plugin:
    return Greeter()


new = Maker()
make = _greeter
plugin = Greeter()
