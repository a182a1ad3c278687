"""A singledispatch hookimpl dispatching on its first hook argument."""

import functools

from demo_host import hookimpl


@hookimpl
@functools.singledispatch
def demo_startup(config):
    return None


@demo_startup.register
def _(config: dict):
    return None
