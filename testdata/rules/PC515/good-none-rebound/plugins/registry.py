"""A registry decorator that returns the class it records, and one that returns nothing but
decorates a function nobody calls at import."""

from demo_host import hookimpl

_CLASSES = []
_SEEN = []


def _register(cls):
    _CLASSES.append(cls)
    return cls


def _note(fn):
    _SEEN.append(fn)


@_register
class _Plugin:
    @hookimpl
    def demo_render(self, page):
        return page


@_note
def _unused(page):
    return page


_plugin = _Plugin()
demo_render = _plugin.demo_render
