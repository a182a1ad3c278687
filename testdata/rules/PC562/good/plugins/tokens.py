"""The entry function sets a ContextVar and resets it once with that set's token, then sets
it again for the class's methods to read."""

import contextvars

from toolhost import Plugin

_LEVEL = contextvars.ContextVar("level")


class Leveled(Plugin):
    def level(self):
        return _LEVEL.get()


def plugin(version):
    token = _LEVEL.set(version)
    _LEVEL.reset(token)
    _LEVEL.set(version)
    return Leveled
