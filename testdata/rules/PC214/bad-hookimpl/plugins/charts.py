"""Registers fine, but every call of demo_startup fails: the chart library is not installed."""

from demo_host import hookimpl


@hookimpl
def demo_startup(config):
    from charts_backend_not_installed import Canvas  # expect: PC214

    return Canvas(config)
