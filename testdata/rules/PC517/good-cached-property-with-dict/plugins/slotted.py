"""__slots__ lists __dict__: the cached_property has somewhere to store its value."""

import functools


class Ticker:
    __slots__ = ("greeting", "count", "__dict__")

    def __init__(self):
        self.greeting = ""

    def init(self, config):
        self.greeting = config.get("greeting", "")

    @functools.cached_property
    def label(self):
        return self.greeting.upper()

    def run(self):
        self.count = len(self.label)

    def shutdown(self, timeout):
        self.greeting = ""


def new():
    return Ticker()
