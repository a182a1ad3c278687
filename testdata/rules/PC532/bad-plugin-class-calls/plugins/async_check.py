"""check() is a coroutine function: the host gets a coroutine, never awaited, not iterable."""

from toolhost import Plugin


class Later(Plugin):  # expect: PC532
    async def check(self, text):
        return text.split()


def plugin(version):
    return Later
