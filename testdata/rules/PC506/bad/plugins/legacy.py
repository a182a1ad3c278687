"""Implements a deprecated hook and asks for a deprecated argument."""

from demo_host import hookimpl


@hookimpl
def demo_legacy(config):  # expect: PC506
    return None


@hookimpl
def demo_render(page, context):  # expect: PC506
    return None
