"""check() returns an instance of a class whose base may define __iter__: not judged."""

from toolhost import Plugin


class _Base:
    def __iter__(self):
        return iter(())


class _Parts(_Base):
    def __aiter__(self):
        return self

    async def __anext__(self):
        raise StopAsyncIteration


class Spelling(Plugin):
    def check(self, text):
        return _Parts()


def plugin(version):
    return Spelling
