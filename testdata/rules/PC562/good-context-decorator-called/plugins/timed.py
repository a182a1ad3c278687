"""@timed() builds the context decorator first, which then wraps check: the host's
check(text) runs the method inside the timing block and gets its list."""

import contextlib
import time

from toolhost import Plugin


class timed(contextlib.ContextDecorator):
    def __init__(self, label="step"):
        self.label = label
        self.took = 0.0

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.took = time.perf_counter() - self.start
        return False


class Timed(Plugin):
    @timed()
    def check(self, text):
        return text.split()

    @timed("reset")
    def reset(self) -> None:
        self.took = 0.0


def plugin(version):
    return Timed
