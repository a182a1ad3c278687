"""A plugin that removes the host's modules from sys.modules when imported: the host's next
import of them builds second copies, whose classes are not the ones the host holds. The plugin
declares plugapi (the host's distribution), and that does not make plugapi its own."""

from __future__ import annotations

import sys

from plugapi import Plugin

for module in [m for m in sys.modules if m.startswith("plugapi")]:  # expect: PC110
    del sys.modules[module]


class Greeter:
    def run(self) -> str:
        return "hello"


def new() -> Plugin:
    return Greeter()
