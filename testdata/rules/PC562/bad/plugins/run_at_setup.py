"""The entry function raises on every call before it returns: asyncio.run() of the coroutine
function itself (not of the coroutine a call of it makes) raises ValueError."""

import asyncio

from toolhost import Plugin


class Loud(Plugin):
    pass


async def _discover():
    return Loud


def plugin(version):
    return asyncio.run(_discover)  # expect: PC562
