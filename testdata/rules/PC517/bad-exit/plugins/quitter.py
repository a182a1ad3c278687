"""run() ends the process: the host never gets control back."""

from __future__ import annotations

import sys
from collections.abc import Mapping

from plugapi import Plugin


class Quitter:
    def __init__(self) -> None:
        self.count = 0

    def init(self, config: Mapping[str, str]) -> None:
        self.count = 0

    def run(self) -> None:  # expect: PC517
        sys.exit(3)
        self.count += 1

    def shutdown(self, timeout: float) -> None:
        self.count = 0


def new() -> Plugin:
    return Quitter()
