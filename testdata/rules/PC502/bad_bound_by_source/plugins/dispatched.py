"""A hookimpl marked under functools.singledispatchmethod: the function an instance hands out
copies the marked function's attributes (and keeps it as __wrapped__, where pluggy reads the
parameters), so pluggy registers it and checks them."""

import functools

from demo_host import hookimpl


class _Impl:
    @functools.singledispatchmethod
    @hookimpl
    def demo_render(self, page, theme):  # expect: PC502
        return str(page)

    @demo_render.register
    def _(self, page: int, theme):
        return str(page + 1)


demo_render = _Impl().demo_render
