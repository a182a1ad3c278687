"""Hookimpls reached through a types.SimpleNamespace: its keyword is the attribute, and an
instance kept there gives a bound method (pluggy drops its self)."""

import types

from demo_host import hookimpl


@hookimpl
def _configure(config):
    return None


class _Hooks:
    @hookimpl
    def startup(self, config):
        return None


_ns = types.SimpleNamespace(configure=_configure)
demo_configure = _ns.configure
_app = types.SimpleNamespace(hooks=_Hooks())
demo_startup = _app.hooks.startup
