"""run() serialises with ujson, whose fallback is None where it is not installed."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

try:
    import ujson_plugcheck_absent as ujson
except ImportError:
    ujson = None


class Fast:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.out = ujson.dumps({"greeting": self.greeting})  # expect: PC547

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Plugin:
    return Fast()
