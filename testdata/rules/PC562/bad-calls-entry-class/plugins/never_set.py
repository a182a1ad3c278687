"""check() reads a ContextVar without a default that nothing sets: LookupError on every call."""

import contextvars

import toolhost

_LEVEL = contextvars.ContextVar("level")


class Spelling(toolhost.Plugin):
    def check(self, text: str) -> list[str]:
        return [text] * int(_LEVEL.get())  # expect: PC562


def plugin(version):
    return Spelling
