"""Builds a correct hookimpl at import time."""

from demo_host import hookimpl


def _make(name):
    @hookimpl(specname=name)
    def impl(request):
        return None

    return impl


handle = _make("demo_handle")
