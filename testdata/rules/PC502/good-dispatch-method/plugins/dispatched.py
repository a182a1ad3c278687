"""A hookimpl marked under functools.singledispatchmethod (registered: pluggy reads the
parameters through __wrapped__ and drops self), and one marked over it: the marker sits on the
descriptor, and the function the instance hands out never carries it, so pluggy does not
register that one and never checks its arguments."""

import functools

from demo_host import hookimpl


class _Impl:
    @functools.singledispatchmethod
    @hookimpl
    def demo_render(self, page):
        return str(page)

    @hookimpl
    @functools.singledispatchmethod
    def demo_handle(self, request, theme):
        return None


_impl = _Impl()
demo_render = _impl.demo_render
demo_handle = _impl.demo_handle
