"""A plain hookimpl that returns the call of an async helper: the hook's result is a coroutine
nobody awaits (the `await`, or asyncio.run, forgotten)."""

from demo_host import hookimpl


async def _work(config):
    return config


@hookimpl
def demo_startup(config):  # expect: PC508
    return _work(config)
