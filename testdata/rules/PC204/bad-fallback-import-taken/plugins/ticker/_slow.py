"""The pure-Python fallback: its run() wants an argument the host never passes."""

from __future__ import annotations

from collections.abc import Mapping


class Impl:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self, times: int) -> None:  # expect: PC204
        self.times = times

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""
