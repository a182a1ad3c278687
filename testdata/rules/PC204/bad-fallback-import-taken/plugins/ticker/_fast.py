"""The fast implementation, built on an accelerator module."""

from __future__ import annotations

from collections.abc import Mapping

import ux_accel_not_installed


class Impl:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.module = ux_accel_not_installed.__name__

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""
