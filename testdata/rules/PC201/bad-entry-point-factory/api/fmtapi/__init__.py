"""The host calls what each entry point names with itself and checks the result:
``fmt = ep.load()(app)``, then ``isinstance(fmt, Formatter)``."""

from __future__ import annotations


class Formatter:
    def __init__(self, app: object) -> None:
        self.app = app

    def format(self, text: str) -> str:
        raise NotImplementedError
