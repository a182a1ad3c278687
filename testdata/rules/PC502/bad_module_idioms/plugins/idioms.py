"""Hookimpls bound by module-level idioms pluggy sees after import."""

import sys

import demo_host as _host

mark = getattr(_host, "hookimpl")


@mark
def demo_startup(config, verbose):  # expect: PC502
    return None


def _render(page, theme):  # expect: PC502
    return None


setattr(sys.modules[__name__], "demo_render", mark(_render))


def _setup():
    global demo_handle

    @mark
    def demo_handle(request, session):  # expect: PC502
        return None


_setup()


class HooksMixin:
    @mark
    def demo_configure(self, config, extra):  # expect: PC502
        return None


class Plugin(HooksMixin):
    pass


_instance = Plugin()
for _name in ("demo_configure",):
    globals()[_name] = getattr(_instance, _name)
