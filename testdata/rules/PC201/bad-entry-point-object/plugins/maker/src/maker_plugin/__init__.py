"""A callable object whose call fits and whose result is a name, not the handler the host uses."""

from __future__ import annotations


class Maker:
    def __call__(self, name: str) -> str:
        return name


make = Maker()  # expect: PC201
