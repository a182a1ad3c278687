"""ContextVars with a default, or read with a fallback, and a wrapper that sets one around the
other hookimpls of its hook and resets it after them."""

import contextvars

from demo_host import hookimpl

_PREFIX = contextvars.ContextVar("prefix", default="> ")
_LEVEL = contextvars.ContextVar("level")
_MODE = contextvars.ContextVar("mode")


@hookimpl
def demo_handle(request):
    return _PREFIX.get() + str(request) + _LEVEL.get("1") + _MODE.get("")


@hookimpl(wrapper=True)
def demo_startup(config):
    token = _MODE.set("wrapped")
    try:
        return (yield)
    finally:
        _MODE.reset(token)
