"""run() checks the fallback first; shutdown() uses an installed module's fallback."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin

try:
    import ujson_plugcheck_absent as ujson
except ImportError:
    ujson = None

try:
    import json
except ImportError:
    json = None


class Fast:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        if ujson is None:
            return
        self.out = ujson.dumps({"greeting": self.greeting})

    def shutdown(self, timeout: float) -> None:
        self.out = json.dumps({})


def new() -> Plugin:
    return Fast()
