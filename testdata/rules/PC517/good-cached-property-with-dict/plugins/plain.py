"""No slots: run() is a cached_property returning the callable the host calls."""

import functools


class Ticker:
    def init(self, config):
        self.greeting = config.get("greeting", "")

    @functools.cached_property
    def run(self):
        return lambda: None

    def shutdown(self, timeout):
        self.greeting = ""


def new():
    return Ticker()
