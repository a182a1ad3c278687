"""The host awaits what its hooks return."""

from demo_host import hookimpl


@hookimpl
async def demo_startup(config):
    return None
