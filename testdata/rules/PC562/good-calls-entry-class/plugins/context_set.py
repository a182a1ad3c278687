"""plugin() sets the ContextVar check() reads, in the context the host calls both in; another
has a default, a third is read with a fallback."""

import contextvars

import toolhost

_LEVEL = contextvars.ContextVar("level")
_STYLE = contextvars.ContextVar("style", default="plain")
_MODE = contextvars.ContextVar("mode")


class Spelling(toolhost.Plugin):
    def check(self, text: str) -> list[str]:
        return [text, _STYLE.get(), _MODE.get("fast")] * len(_LEVEL.get())


def plugin(version):
    _LEVEL.set(version)
    return Spelling
