"""A logging decorator (functools.wraps) over an `async def`: the wrapper returns what the
coroutine function returns, so every call still hands back a coroutine nobody awaits."""

import functools

from demo_host import hookimpl


def _logged(function):
    @functools.wraps(function)
    def call(*args, **kwargs):
        print("calling", function.__name__)
        return function(*args, **kwargs)

    return call


@hookimpl
@_logged
async def demo_startup(config):  # expect: PC508
    return None
