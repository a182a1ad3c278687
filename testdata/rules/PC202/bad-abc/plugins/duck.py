"""Has every method, but does not subclass the ABC: the host's isinstance() fails."""

from __future__ import annotations

from collections.abc import Mapping


class Duck:
    def init(self, config: Mapping[str, str]) -> None:
        self.config = dict(config)

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


def new() -> Duck:  # expect: PC202
    return Duck()
