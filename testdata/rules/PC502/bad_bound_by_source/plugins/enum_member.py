"""The hookimpl is a method of an enumeration's member: `_Hooks.ONLY` is an instance of `_Hooks`,
so `_Hooks.ONLY.demo_render` is a bound method and register() reads its parameters after
`self`. `theme` is not in the hook's."""

import enum

from demo_host import hookimpl


class _Hooks(enum.Enum):
    ONLY = 1

    @hookimpl
    def demo_render(self, page, theme):  # expect: PC502
        return str(page)


demo_render = _Hooks.ONLY.demo_render
