"""Builds its hookimpl at import time: only registering it shows the mismatch."""

from demo_host import hookimpl


def _make(name):
    @hookimpl(specname=name)
    def impl(request, session):  # expect: PC510
        return None

    return impl


handle = _make("demo_handle")
