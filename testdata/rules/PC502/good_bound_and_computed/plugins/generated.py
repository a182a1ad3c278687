"""Hookimpls made from code in strings that take what their hooks pass: exec of a module
constant into a dict seeded with a helper the code calls, and eval of a lambda. A
globals().setdefault of a name already bound leaves the hookimpl defined first in place."""

from demo_host import hookimpl


def _answer(request):
    return None


_SOURCE = "def handle(request, context):\n    return answer(request)\n"
_made = {"answer": _answer}
exec(_SOURCE, _made)  # plugcheck: ignore[PC110]
demo_handle = hookimpl(_made["handle"])

demo_render = hookimpl(eval("lambda page: str(page)"))  # plugcheck: ignore[PC110]


@hookimpl
def demo_startup(config):
    return None


def _start(config, verbose):
    return None


globals().setdefault("demo_startup", hookimpl(_start))  # plugcheck: ignore[PC110]
