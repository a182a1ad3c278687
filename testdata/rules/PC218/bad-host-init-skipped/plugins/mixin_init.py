"""The mixin's __init__ comes first in the order and does not call on: Base's never runs."""

import hostbase


class Counting:
    def __init__(self, options):
        self.count = 0


class Plugin(Counting, hostbase.Base):
    def process(self, items: list[str]) -> list[str]:
        return [f"{self.options['level']}:{item}" for item in items]  # expect: PC218
