"""The entry function resets a ContextVar twice with the token of its one set: the second reset
raises RuntimeError on every call (a token resets its variable once)."""

import contextvars

from toolhost import Plugin

_LEVEL = contextvars.ContextVar("level", default="1")


class Leveled(Plugin):
    pass


def plugin(version):
    token = _LEVEL.set(version)
    _LEVEL.reset(token)
    _LEVEL.reset(token)  # expect: PC562
    return Leveled
