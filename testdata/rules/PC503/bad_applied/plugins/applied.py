"""Wrapper options pluggy sees: from a call, from a constant, through a decorator's wrapper."""

import functools
from contextlib import contextmanager as cm

from demo_host import hookimpl

WRAP = True


@hookimpl(wrapper=WRAP)
def demo_handle(request):  # expect: PC503
    return None


def _startup(config):  # expect: PC503
    return None


demo_startup = hookimpl(hookwrapper=True)(_startup)


@hookimpl(wrapper=True, specname="demo_handle")
@cm
def handle_in_context(request):  # expect: PC503
    yield


def logged(fn):
    @functools.wraps(fn)
    def inner(*args, **kwargs):
        return fn(*args, **kwargs)

    return inner


@hookimpl(wrapper=True, specname="demo_startup")
@logged
def logged_startup(config):  # expect: PC503
    return (yield)
