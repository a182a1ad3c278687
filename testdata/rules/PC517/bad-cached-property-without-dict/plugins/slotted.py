"""run() reads a cached_property, but __slots__ leaves the instance no __dict__ to cache in."""

import functools


class Ticker:
    __slots__ = ("greeting", "count")

    def __init__(self):
        self.greeting = ""

    def init(self, config):
        self.greeting = config.get("greeting", "")

    @functools.cached_property
    def label(self):
        return self.greeting.upper()

    def run(self):
        self.count = len(self.label)  # expect: PC517

    def shutdown(self, timeout):
        self.greeting = ""


def new():
    return Ticker()
