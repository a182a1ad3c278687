"""A functools.partial object under the marker: not a function, so never registered."""

import functools as ft

from demo_host import hookimpl


def _startup(config, verbose):
    return config


demo_startup = hookimpl(ft.partial(_startup, verbose=True))  # expect: PC575
