"""A plugin that declares a global after reading it."""

from __future__ import annotations

from plugapi import Plugin

COUNT = 0


class Late:
    def run(self) -> str:
        return "late"


def new() -> Plugin:
    print(COUNT)
    global COUNT  # expect: PC001
    COUNT += 1
    return Late()
