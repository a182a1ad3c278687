"""Asks for an argument the hookspec does not pass."""

import demo_host


@demo_host.hookimpl
def demo_handle(request, ctx):  # expect: PC502
    return None

