"""A functools.partial object under the marker: not a function, so never registered."""

import functools as ft

from demo_host import hookimpl


def _startup(config, verbose):
    return config


demo_startup = hookimpl(ft.partial(_startup, verbose=True))  # expect: PC575


def _configure(config, verbose):
    return config


# functools.wraps hands back the partial it copied _configure's attributes onto
demo_configure = hookimpl(ft.wraps(_configure)(ft.partial(_configure, verbose=True)))  # expect: PC575
