"""Wrappers that keep the decorated function as __wrapped__ and take what pluggy passes."""

import functools

from demo_host import hookimpl


def traced(fn):
    def inner(request, context):
        return fn(request, context)

    inner.__wrapped__ = fn
    inner.__name__ = fn.__name__
    return inner


def with_theme(fn):
    @functools.wraps(fn)
    def inner(config, theme=None):
        return fn(config)

    return inner


def passed_on(fn):
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)

    inner.__wrapped__ = fn
    return inner


@hookimpl
@traced
def demo_handle(request, context):
    return f"{request}:{context}"


@hookimpl
@with_theme
def demo_startup(config):
    return config


@hookimpl
@passed_on
def demo_configure(config):
    return None
