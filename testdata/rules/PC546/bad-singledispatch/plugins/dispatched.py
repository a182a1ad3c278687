"""A singledispatch hookimpl with implementations for str and bytes only: config is a dict."""

import functools

from demo_host import hookimpl


@hookimpl
@functools.singledispatch
def demo_startup(config):
    raise NotImplementedError(type(config).__name__)  # expect: PC546


@demo_startup.register
def _(config: str):
    return config


@demo_startup.register(bytes)
def _from_bytes(config):
    return config.decode()
