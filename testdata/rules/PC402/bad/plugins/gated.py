"""Defines its factory only when GATED_ENABLED is set, which the host passes its plugins
(lifecycle.env) but does not set here: plugcheck cannot tell statically, the lookup fails."""

from __future__ import annotations

import os
from collections.abc import Mapping

from plugapi import ConfigError, Plugin


class Gated:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        greeting = config.get("greeting", "")
        if not greeting:
            raise ConfigError("greeting must not be empty")
        self.greeting = greeting

    def run(self) -> None:
        pass

    def shutdown(self, timeout: float) -> None:
        pass


if os.environ.get("GATED_ENABLED"):

    def new() -> Plugin:  # expect: PC402
        return Gated()
