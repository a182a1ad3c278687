"""Has no register hook (it is optional): the register step is skipped."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Echo:
    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Plugin:
    return Echo()
