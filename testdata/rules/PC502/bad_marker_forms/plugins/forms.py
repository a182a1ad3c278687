"""Hookimpls reached in ways pluggy follows and a reader may not."""

try:
    from demo_host import hookimpl
except ImportError:  # an old host without markers: never taken, demo_host has hookimpl

    def hookimpl(function=None, **options):
        return function


first = hookimpl(tryfirst=True)


@first
def demo_handle(request, session):  # expect: PC502
    return None


def _startup(config, verbose):  # expect: PC502
    return None


globals()["demo_startup"] = hookimpl(_startup)


class _Impl:
    @hookimpl(specname="demo_render")
    def render(self, page, theme):  # expect: PC502
        return None


demo_render = _Impl().render


try:
    import json  # noqa: F401  (always there: the `else` runs)
except ImportError:
    HAVE_JSON = False
else:
    HAVE_JSON = True

if HAVE_JSON:

    @hookimpl
    def demo_configure(config, encoder):  # expect: PC502
        return None


def _make(name):
    @hookimpl(specname=name)
    def impl(page, theme):  # expect: PC502
        return None

    return impl


render_late = _make("demo_render")  # built when the module is imported
