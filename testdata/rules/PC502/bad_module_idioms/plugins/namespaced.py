"""Hookimpls reached through a types.SimpleNamespace: its keyword is the attribute, and an
instance kept there gives a bound method."""

import types

from demo_host import hookimpl


@hookimpl
def _render(page, bogus):  # expect: PC502
    return str(page)


class _Hooks:
    @hookimpl
    def startup(self, config, verbose):  # expect: PC502
        return None


_ns = types.SimpleNamespace(render=_render)
demo_render = _ns.render
_app = types.SimpleNamespace(hooks=_Hooks())
demo_startup = _app.hooks.startup
