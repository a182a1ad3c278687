"""run() imports, on every call, a name json has."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Dumper:
    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        from json import dumps

        self.text = dumps(self.config)

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Dumper()
