"""Writes CSV."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "write"


def new() -> Plugin:
    return Greeter()
