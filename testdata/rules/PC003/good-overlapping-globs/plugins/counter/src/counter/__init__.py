"""A plugin matched by one glob."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "1"


def new() -> Plugin:
    return Greeter()
