"""A plugin that picks its backend and its voice by name, at run time."""

from __future__ import annotations

import importlib

from plugapi import Plugin

from greeter._core.loader import load

VOICE = "greeter.extra.loud"


class Greeter:
    def __init__(self, tag: str) -> None:
        self.backend = importlib.import_module(f"{__package__}.backends.{tag}")
        self.voice = load(VOICE)

    def run(self) -> str:
        return str(self.backend.GREETING)


def new() -> Plugin:
    return Greeter("plain")
