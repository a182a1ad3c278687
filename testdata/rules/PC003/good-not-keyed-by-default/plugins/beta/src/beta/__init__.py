"""Beta's greeter, under the same entry-point name."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hi"


def new() -> Plugin:
    return Greeter()
