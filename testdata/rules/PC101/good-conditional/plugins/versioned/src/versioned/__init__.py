"""A plugin with a version-dependent factory."""

from __future__ import annotations

import sys

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


if sys.version_info >= (3, 12):

    def new() -> Plugin:
        return Greeter()

else:

    def new() -> Plugin:
        return Greeter()
