"""Implements class-namespace hooks."""

from demo_host import hookimpl


@hookimpl
def demo_serve(request, timeout):
    return None


@hookimpl
def demo_stop(reason, force):  # expect: PC502
    return None
