"""Marks the builtin print as a hook: a builtin takes no attributes (AttributeError at import)."""

from demo_host import hookimpl as mark


@mark
def demo_startup(config):
    return None


demo_render = mark(tryfirst=True)(print)  # expect: PC515
