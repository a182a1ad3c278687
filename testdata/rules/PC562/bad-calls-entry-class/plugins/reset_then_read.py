"""plugin() sets the ContextVar and resets it at once: check() finds it unset (LookupError)."""

import contextvars

import toolhost

_LEVEL = contextvars.ContextVar("level")


class Spelling(toolhost.Plugin):
    def check(self, text: str) -> list[str]:
        return [text] * int(_LEVEL.get())  # expect: PC562


def plugin(version):
    token = _LEVEL.set(version)
    _LEVEL.reset(token)
    return Spelling
