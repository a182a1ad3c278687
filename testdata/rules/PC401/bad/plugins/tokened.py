"""Reads a token at import. Its author silenced PC543 ("the host's deployment sets it"), which
predicts this very failure; the real import's KeyError is reported all the same, as no comment
names PC401 (red team red52: the silenced guess took the real failure with it)."""

from __future__ import annotations

import os
from collections.abc import Mapping

from plugapi import Plugin

TOKEN = os.environ["PLUGCHECK_DEMO_TOKEN_UNSET"]  # plugcheck: ignore[PC543]  # expect: PC401


class Tokened:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config["greeting"]

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Tokened()
