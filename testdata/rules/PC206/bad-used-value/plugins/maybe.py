"""shutdown may return None where the host reads a bool: the plain class differs at run time."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Maybe:
    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        self.config.clear()

    def shutdown(self, timeout: float) -> bool | None:  # expect: PC206
        return None if timeout else True


def new() -> Plugin:
    return Maybe()
