"""check() returns an object only `async for` can iterate: the host's for loop raises."""

from toolhost import Plugin


class _Parts:
    def __init__(self, text):
        self.words = text.split()

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.words:
            raise StopAsyncIteration
        return self.words.pop()


class Spelling(Plugin):
    def check(self, text):  # expect: PC562
        return _Parts(text)


def plugin(version):
    return Spelling
