"""The same decorator with functools.wraps: pluggy reads the wrapped function's parameters."""

import functools

from demo_host import hookimpl


def logged(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        print("calling", fn.__name__)
        return fn(*args, **kwargs)

    return inner


def counted(fn):
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)

    return inner


@hookimpl
@logged
def demo_startup(config):
    return config


@hookimpl
@counted
def demo_configure(config=None):  # nothing required: the call without arguments works
    return config
