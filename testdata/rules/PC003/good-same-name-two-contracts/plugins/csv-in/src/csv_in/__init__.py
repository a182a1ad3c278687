"""Reads CSV."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "read"


def new() -> Plugin:
    return Greeter()
