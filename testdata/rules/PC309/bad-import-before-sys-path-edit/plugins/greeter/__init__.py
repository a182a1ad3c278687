"""Imports its helper before the statement that makes it importable, and a vendored module
from a folder it never added."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from greeter_helpers import polite  # expect: PC309

sys.path.insert(0, os.path.dirname(__file__))
sys.path.append(os.path.join(os.path.dirname(__file__), "_vendor"))

import greeter_vendored  # expect: PC309  # noqa: E402


class Greeter:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = polite(config.get("greeting", ""))

    def run(self) -> None:
        greeter_vendored.shout(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Greeter:
    return Greeter()
