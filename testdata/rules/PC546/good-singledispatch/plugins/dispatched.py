"""singledispatch hookimpls pluggy can call: an implementation for the dict the host passes,
and a base function that handles what no implementation takes."""

import functools

from demo_host import hookimpl


@hookimpl
@functools.singledispatch
def demo_startup(config):
    raise NotImplementedError(type(config).__name__)


@demo_startup.register
def _(config: dict):
    return config


@functools.singledispatch
@hookimpl
def demo_configure(config):
    return repr(config)


@demo_configure.register(bytes)
def _from_bytes(config):
    return config.decode()
