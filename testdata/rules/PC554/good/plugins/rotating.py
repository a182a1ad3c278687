"""Imports each submodule it reads; collections.abc is loaded before any host code runs."""

import collections
import importlib.util
import logging.handlers
from urllib import parse

HAS_YAML = importlib.util.find_spec("yaml") is not None
QUOTED = parse.quote("a b")
MAPPING = collections.abc.Mapping


class Rotating:
    def init(self, config) -> None:
        self.handler = logging.handlers.RotatingFileHandler

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Rotating:
    return Rotating()
