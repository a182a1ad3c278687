"""Hookimpls made from code in strings: exec of a module constant into a dict of its own (the
function is that dict's item), eval of a lambda, and globals().setdefault of a name nothing
bound yet. register() finds each, and each asks for an argument its hook does not pass."""

from demo_host import hookimpl

_SOURCE = "def handle(request, session):\n    return None\n"
_made = {}
exec(_SOURCE, _made)  # plugcheck: ignore[PC110]  # expect: PC502
demo_handle = hookimpl(_made["handle"])

demo_render = hookimpl(eval("lambda page, theme: str(page)"))  # plugcheck: ignore[PC110]  # expect: PC502


def _start(config, verbose):  # expect: PC502
    return None


globals().setdefault("demo_startup", hookimpl(_start))  # plugcheck: ignore[PC110]
