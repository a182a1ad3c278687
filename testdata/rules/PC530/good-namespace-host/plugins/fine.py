"""Uses only what the namespace host has, through aliases and submodules."""

import nshost.signals
from nshost import core as c
from nshost.signals import connect


def start() -> str:
    connect("fine")
    nshost.signals.connect("again")
    return c.run("x")
