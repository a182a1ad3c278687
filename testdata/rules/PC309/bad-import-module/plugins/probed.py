"""Probes for an optional speed-up submodule: find_spec imports the parent package to look
inside it, so a parent that is not installed raises ModuleNotFoundError (not None)."""

from __future__ import annotations

import importlib.util

from plugapi import Plugin

HAVE_SPEEDUPS = importlib.util.find_spec("probed_backend_not_installed.speedups") is not None  # expect: PC309


class Probed:
    def init(self, config) -> None:
        self.fast = HAVE_SPEEDUPS

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Probed()
