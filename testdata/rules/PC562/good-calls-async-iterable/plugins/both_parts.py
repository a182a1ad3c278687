"""check() returns an object that both `for` and `async for` can iterate."""

from toolhost import Plugin


class _Parts:
    def __init__(self, text):
        self.words = text.split()

    def __iter__(self):
        return iter(self.words)

    def __aiter__(self):
        return self

    async def __anext__(self):
        if not self.words:
            raise StopAsyncIteration
        return self.words.pop()


class Spelling(Plugin):
    def check(self, text):
        return _Parts(text)


def plugin(version):
    return Spelling
