"""An `async def` under a decorator of the plugin's own whose wrapper runs each coroutine to
completion (asyncio.run): pluggy calls the wrapper, which returns the result."""

import asyncio
import functools

from demo_host import hookimpl


def _sync(function):
    @functools.wraps(function)
    def run(*args, **kwargs):
        return asyncio.run(function(*args, **kwargs))

    return run


@hookimpl
@_sync
async def demo_startup(config):
    return None
