"""A registry decorator that forgets `return cls`: the class statement binds None, and the
instance made at import calls it."""

from demo_host import hookimpl

_CLASSES = []


def _register(cls):
    _CLASSES.append(cls)


@_register
class _Plugin:
    @hookimpl
    def demo_render(self, page):
        return page


_plugin = _Plugin()  # expect: PC515
demo_render = _plugin.demo_render
