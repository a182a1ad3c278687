"""A plugin whose factory names one parameter twice: ast.parse accepts it, compile() does not."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


def new(style=None, style=None) -> Plugin:  # expect: PC001
    return Greeter()
