"""The plugin class is the export."""

from __future__ import annotations

from plugapi import Plugin


class Greeter:
    def run(self) -> str:
        return "hello"


plugin_class = Greeter
