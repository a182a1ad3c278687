"""Dynamic code mypy cannot follow: a type test, a try that expects the failure, a parameter
bound again, a nested function nobody calls."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        if hasattr(config, "upper"):
            self.greeting = config.upper()
        try:
            self.count = config + 1
        except TypeError:
            self.count = 0

        def later() -> object:
            return config.upper()

        self.later = later

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        timeout = int(timeout)
        self.steps = list(range(timeout))


def new() -> Plugin:
    return Worker()
