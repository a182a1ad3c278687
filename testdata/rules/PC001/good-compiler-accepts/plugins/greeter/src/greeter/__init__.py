"""A plugin with code the compiler accepts (and warns about: the warning is not an error)."""

from __future__ import annotations

import asyncio

from plugapi import Plugin

COUNT = 0


class Greeter:
    def run(self) -> str:
        return asyncio.run(self._greet())

    async def _greet(self) -> str:
        await asyncio.sleep(0)
        return "hello"


def new(style: object = None) -> Plugin:
    global COUNT
    COUNT += 1
    if style is ():  # noqa: F632 - a SyntaxWarning of the compiler, not an error
        return Greeter()
    return Greeter()
