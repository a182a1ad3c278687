"""Binds the name print itself (and deletes it after marking): the marked function is its own."""

from demo_host import hookimpl


def print(config):  # noqa: A001
    return None


demo_startup = hookimpl(print)
del print
