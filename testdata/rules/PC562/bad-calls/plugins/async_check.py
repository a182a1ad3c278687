"""check() is a coroutine function: the host gets a coroutine, never awaited, not iterable."""

from toolhost import Plugin


class Later(Plugin):
    async def check(self, text):  # expect: PC562
        return text.split()


def plugin(version):
    return Later
