"""A sum of annotated tuples."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()


__all__: tuple[str, ...] = ("Greeter",) + ("new",)
