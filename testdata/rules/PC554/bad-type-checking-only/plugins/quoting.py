"""Reads urllib.parse after `import urllib`; plugapi imports it for type checkers only."""

import urllib

from plugapi import Plugin


class Quoting:
    def init(self, config) -> None:
        self.quoted = urllib.parse.quote_plus("a b")  # expect: PC554

    def run(self) -> None:
        return None

    def shutdown(self, timeout: float) -> None:
        return None


def new() -> Plugin:
    return Quoting()
