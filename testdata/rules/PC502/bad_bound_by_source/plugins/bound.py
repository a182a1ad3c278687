"""Hookimpls bound by tuple unpacking and marked by a functools.partial of the marker, a marker
looked up in a literal dict, or a marker chosen by a conditional expression the target
decides: pluggy registers every one."""

import functools
import sys

from demo_host import hookimpl


def _start(config, verbose):  # expect: PC502
    return None


def _render(page):
    return str(page)


demo_startup, demo_render = hookimpl(_start), hookimpl(_render)

special = functools.partial(hookimpl, tryfirst=True)


@special
def demo_handle(request, session):  # expect: PC502
    return None


MARKS = {"plain": hookimpl, "first": hookimpl(tryfirst=True)}


@MARKS["first"]
def demo_configure(config, encoder):  # expect: PC502
    return None


impl = hookimpl if sys.version_info >= (3, 8) else (lambda fn: fn)


@impl
def demo_render(page, theme):  # expect: PC502
    return None
