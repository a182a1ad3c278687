"""Imports an optional backend with __import__, as older plugins do; it is not installed."""

from __future__ import annotations

from plugapi import Plugin

backend = __import__("yaml_backend_not_installed")  # expect: PC309


class Dunder:
    def init(self, config) -> None:
        self.backend = backend

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Dunder()
