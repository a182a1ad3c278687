"""Imports its helpers by absolute name after putting its own folder (and vendor/) on sys.path,
as scripts turned into plugins do."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.append(str(Path(__file__).resolve().parent / "vendor"))

import greeter_helpers  # noqa: E402
from greeter_vendored import shout  # noqa: E402


class Greeter:
    def __init__(self) -> None:
        self.greeting = ""

    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = greeter_helpers.polite(config.get("greeting", ""))

    def run(self) -> None:
        import greeter_late  # noqa: F401  (found on the path the import added)

        shout(self.greeting)

    def shutdown(self, timeout: float) -> None:
        self.greeting = ""


def new() -> Greeter:
    return Greeter()
