"""Registers fine; every call returns a coroutine that is never awaited."""

from demo_host import hookimpl


@hookimpl
async def demo_startup(config):  # expect: PC508
    return None
