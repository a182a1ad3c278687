"""Reads importlib.util and logging.handlers after importing only their packages."""

import importlib
import logging

HAS_YAML = importlib.util.find_spec("yaml") is not None  # expect: PC554


class Rotating:
    def init(self, config) -> None:
        self.handler = logging.handlers.RotatingFileHandler  # expect: PC554

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Rotating:
    return Rotating()
