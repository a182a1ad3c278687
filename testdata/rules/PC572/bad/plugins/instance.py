"""A callable object carrying the marker: not a function, so pluggy passes over it."""

from demo_host import hookimpl


class Starter:
    def __call__(self, config):
        return None


demo_startup = hookimpl(Starter())  # expect: PC572
