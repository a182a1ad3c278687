"""Calls a function the host's core module does not have, through an alias."""

from nshost import core as c


def start() -> str:
    return c.start("x")  # expect: PC530
