"""Asks for an argument demo_startup does not pass: pluggy refuses it at registration."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config, verbose):  # expect: PC502
    return None
