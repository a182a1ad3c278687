"""Hookimpls whose first parameter pluggy drops, and hook names built from constants."""

from demo_host import hookimpl

PREFIX = "demo_"


class _Impl:
    @classmethod
    @hookimpl
    def demo_handle(cls, request):
        return None

    @hookimpl
    def startup(self, config):
        return None


demo_handle = _Impl.demo_handle
demo_startup = _Impl().startup


@hookimpl(specname=PREFIX + "render")
def render_page(page):
    return page


@hookimpl(specname=f"{PREFIX}configure")
def configure(config):
    return None


@hookimpl(specname="DEMO_STARTUP".lower())  # computed at run time: not judged statically
def startup_again(config):
    return None


def _make(name):
    @hookimpl(specname=name)
    def impl(config):
        return None

    return impl


configure_late = _make("demo_configure")  # built when the module is imported


class _Wrapped:
    @hookimpl  # marks the classmethod object; _Wrapped.demo_render is a bound method without it
    @classmethod
    def demo_render(cls, page, theme):
        return page


demo_render = _Wrapped.demo_render  # not a hookimpl: pluggy never checks its arguments
