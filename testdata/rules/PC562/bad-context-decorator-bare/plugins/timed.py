"""@timed is a contextlib.ContextDecorator class used without its parentheses: the class binds
timed(check), an instance, as check; the host's check(text) runs
ContextDecorator.__call__(text), which returns a wrapper function, and iterating it raises
TypeError: 'function' object is not iterable."""

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
    @timed
    def check(self, text):  # expect: PC562
        return text.split()


def plugin(version):
    return Timed
