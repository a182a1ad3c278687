"""Prefixed names, marked or not (the manager takes both), and a helper without the prefix that
carries no marker."""

from demo_host import hookimpl


@hookimpl(specname="demo_startup")
def demo_start(config):
    return _greeting(config)


def demo_configure(config):
    return None


def _greeting(config):
    return "hello"
