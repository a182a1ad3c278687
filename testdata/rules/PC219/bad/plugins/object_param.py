"""`timeout: object` widens the host's float, and the body needs an int all the same."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Worker:
    def init(self, config: Mapping[str, str]) -> None:
        self.config = config

    def run(self) -> None:
        return None

    def shutdown(self, timeout: object) -> None:
        self.steps = list(range(timeout))  # expect: PC219


def new() -> Plugin:
    return Worker()
