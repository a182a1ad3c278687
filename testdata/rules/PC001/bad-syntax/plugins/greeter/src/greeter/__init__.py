"""A plugin whose factory misses a colon."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin  # expect: PC001
    return Greeter()
