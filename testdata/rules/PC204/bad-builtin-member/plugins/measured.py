"""shutdown = len: the call fits by arity (the host passes one argument, the timeout, and no
instance: a builtin function is no descriptor), but len() takes a Sized, and the host's
deadline is a float: TypeError on every call."""

from __future__ import annotations

from collections.abc import Mapping

from plugapi import Plugin


class Measured:
    def init(self, config: Mapping[str, str]) -> None:
        self.greeting = config.get("greeting", "")

    def run(self) -> None:
        self.greeting = self.greeting.upper()

    shutdown = len  # expect: PC204


def new() -> Plugin:
    return Measured()
