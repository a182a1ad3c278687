"""A singledispatch function as a hookimpl taking no hook argument."""

import functools as ft

from demo_host import hookimpl


@hookimpl
@ft.singledispatch
def demo_startup():  # expect: PC527
    return None
