"""A plain hookimpl that runs its async helper to completion, or returns the helper itself (a
function, not a coroutine)."""

import asyncio

from demo_host import hookimpl


async def _work(config):
    return config


@hookimpl
def demo_startup(config):
    return asyncio.run(_work(config))


@hookimpl
def demo_configure(config):
    return _work
