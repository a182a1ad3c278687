"""new() hands the host the class, not a plugin object."""

from __future__ import annotations


class Ticker:
    def __init__(self) -> None:
        self.ticks = 0

    def init(self, config):
        self.ticks = 0

    def run(self):
        self.ticks += 1

    def shutdown(self, timeout):
        self.ticks = 0


def new():  # expect: PC516
    return Ticker
