"""functools.wraps over a wrapper that needs one argument more than the hook passes."""

import functools

from demo_host import hookimpl


def with_theme(fn):
    @functools.wraps(fn)
    def inner(config, theme):
        return fn(config)

    return inner


@hookimpl
@with_theme
def demo_startup(config):  # expect: PC563
    return config
