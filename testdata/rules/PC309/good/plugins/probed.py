"""Probes for optional modules with find_spec: a missing top-level module gives None, and a
dotted name whose parent is installed looks inside it without failing."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping

from plugapi import Plugin

HAVE_BACKEND = importlib.util.find_spec("probed_backend_not_installed") is not None
HAVE_SPEEDUPS = importlib.util.find_spec("email.probed_speedups_not_installed") is not None


class Probed:
    def init(self, config: Mapping[str, str]) -> None:
        self.fast = HAVE_BACKEND or HAVE_SPEEDUPS

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Probed()
