"""The fallback is a working stand-in, not None."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

try:
    import ujson_plugcheck_absent as ujson
except ImportError:
    import json as ujson


class Fast:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.out = ujson.dumps({"greeting": self.greeting})

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Fast()
