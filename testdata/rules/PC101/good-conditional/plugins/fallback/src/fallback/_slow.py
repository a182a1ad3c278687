"""The portable implementation."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "slow hello"


def new() -> Plugin:
    return Greeter()
